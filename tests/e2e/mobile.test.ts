// On a phone (390×844): the pages issue 16 found scrolling sideways or failing axe — a space page (sort
// tabs), "Mon compte" (sessions table), "Mes données" (select), a pilot page with KPIs (table region), a
// challenge whose brief has "##" headings (heading order), the admin's user list ("end sessions"
// buttons), an evaluation page with scores (table) — and the webhooks page — fit the screen width and
// pass axe-core.
import { expect, test } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { importAgencies } from "~/models/agency.server.ts";
import { createChallenge } from "~/models/challenge.server.ts";
import { assignEvaluator, submitEvaluation } from "~/models/evaluation.server.ts";
import { saveKpi } from "~/models/pilot.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { advanceIdea, makeComment, makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();
const PHONE = { viewport: { width: 390, height: 844 } };

/** Problems of one page: sideways scroll (in px) and axe violations, collected so one run lists them all. */
async function checkPage(page: Page, path: string, label: string, problems: string[]) {
  await page.goto(path);
  await hydrated(page);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth).toBe(390);
  if (scrollWidth > innerWidth) {
    // Name the outermost elements that stick out, so the failure says what to fix.
    const culprits = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5))
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`,
        ),
    );
    problems.push(`${label} (${path}) scrolls sideways: ${scrollWidth} > ${innerWidth}: ${culprits.join(", ")}`);
  }
  await checkA11y(page, label).catch((error: Error) => problems.push(error.message));
}

test("at 390×844 the pages named in issue 16 fit the screen and pass axe", { timeout: 180_000 }, async () => {
  const [manager, admin, evaluator, member] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "ADMIN" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
  ]);
  const space = await requireVisibleSpace(manager, SPACES.public);

  // A piloted idea with KPIs whose names and figures are long enough to need the table's own scroll.
  const piloted = await makeIdea({ author: member, title: "Un accompagnement numérique dans chaque agence" });
  await advanceIdea({ ideaId: piloted.id, manager, to: "PILOT" });
  for (const name of ["Délai moyen avant le premier rendez-vous d'accompagnement", "Taux de satisfaction"]) {
    await saveKpi({
      user: manager,
      ideaId: piloted.id,
      input: { name, unit: "jours ouvrés", baseline: "123456789.25", target: "98765432.5" },
    });
  }

  // An idea under review with a submitted evaluation (the evaluation table).
  const evaluated = await makeIdea({ author: member, title: "Des ateliers CV le samedi matin" });
  await advanceIdea({ ideaId: evaluated.id, manager, to: "UNDER_REVIEW" });
  await assignEvaluator({ user: manager, ideaId: evaluated.id, email: evaluator.email });
  await submitEvaluation({
    user: evaluator,
    ideaId: evaluated.id,
    input: { impact: 4, feasibility: 3, cost: 2, alignment: 5, comment: "Facile à lancer dans les agences pilotes." },
  });

  // A challenge whose brief uses "##" sections, as people write them.
  const now = Date.now();
  const challenge = await createChallenge({
    user: manager,
    space,
    input: {
      title: "Défi : mieux préparer les entretiens",
      cover: "Vos idées pour arriver prêt à un entretien d'embauche.",
      brief:
        "## Contexte\n\nBeaucoup de candidats découvrent l'entretien le jour même.\n\n## Attentes\n\n- Des idées simples\n- Testables en agence",
      tags: ["entretien"],
      opensAt: new Date(now - 86_400_000),
      closesAt: new Date(now + 30 * 86_400_000),
    },
  });

  // The member has two sessions, so "Mon compte" lists a sessions table with more than one row.
  await createSession(member.id);
  // …and an API token with a long name, so its tokens table shows (docs/decisions/0026-read-api.md).
  await createApiToken({
    user: member,
    input: { name: "Tableau de bord de l'agence de Lyon Part-Dieu", lifetime: "30" },
  });

  const problems: string[] = [];
  const anonymous = await suite.visitor(PHONE);
  await checkPage(anonymous.page, `/espaces/${SPACES.public}`, "space page", problems);
  await checkPage(anonymous.page, `/defis/${challenge.id}`, "challenge page with a markdown brief", problems);
  await checkPage(anonymous.page, `/espaces/${SPACES.public}/engagements`, "commitments page", problems);
  await checkPage(anonymous.page, "/api", "read API documentation", problems);
  await checkPage(anonymous.page, "/donnees-ouvertes", "open data", problems);

  const m = await suite.visitor(PHONE, { user: member });
  await checkPage(m.page, "/compte", "my account", problems);
  await checkPage(m.page, "/compte/donnees", "my data", problems);
  // Signed in, the space, challenge and tag pages carry the follow line (count and button).
  await checkPage(m.page, `/espaces/${SPACES.public}`, "space page with its follow button", problems);
  await checkPage(m.page, `/defis/${challenge.id}`, "challenge page with its follow button", problems);
  await checkPage(m.page, "/recherche?motcle=entretien", "a tag's page with its follow button", problems);
  // A reply form asked for by its link (docs/decisions/0043), under a comment long enough to wrap.
  const discussed = await makeComment({
    author: manager,
    idea: evaluated,
    body: "Un avis à discuter en agence, assez long pour passer à la ligne sur l'écran d'un téléphone.",
  });
  const replyPath = `/idees/${evaluated.id}?repondre=${discussed.id}#reponse-${discussed.id}`;
  await checkPage(m.page, replyPath, "idea page with a reply form open", problems);
  // And a comment's report form, asked for the same way (docs/decisions/0049).
  const flagPath = `/idees/${evaluated.id}?signaler=${discussed.id}#signalement-${discussed.id}`;
  await checkPage(m.page, flagPath, "idea page with a comment's report form open", problems);

  const mgr = await suite.visitor(PHONE, { user: manager });
  await checkPage(mgr.page, `/idees/${piloted.id}/pilote`, "pilot page with KPIs", problems);
  await checkPage(mgr.page, `/idees/${evaluated.id}/evaluation`, "evaluation page (manager)", problems);
  // An idea in production, with the agencies' list: the roll-out page's form to record an adoption.
  await importAgencies({
    user: admin,
    csv: "code;nom;region\nMOB-01;Agence de Saint-Herblain Centre;Pays de la Loire\n",
  });
  const released = await makeIdea({ author: member, title: "Un guichet unique pour les démarches en ligne" });
  await advanceIdea({ ideaId: released.id, manager, to: "PRODUCTION" });
  await checkPage(mgr.page, `/idees/${released.id}/pilote`, "roll-out page with the adoption form", problems);

  const a = await suite.visitor(PHONE, { user: admin });
  await checkPage(a.page, "/admin/utilisateurs", "users (admin)", problems);
  await checkPage(a.page, `/espaces/${SPACES.public}/engagements`, "commitments page with its form (admin)", problems);
  await checkPage(a.page, "/admin/agences", "agencies (admin)", problems);
  // Webhooks (docs/decisions/0027): a long URL and a delivery log; nothing is sent (no job is queued).
  const endpointId = `wh${Date.now()}`;
  await prisma.webhookEndpoint.create({
    data: {
      id: endpointId,
      ownerId: admin.id,
      url: "https://integrations.partenaire-tres-long.example.fr/api/v2/webhooks/idees/recevoir-les-evenements",
      events: ["idea.created", "idea.stage_changed", "comment.created"],
      secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==",
      deliveries: {
        create: {
          id: `msg_${endpointId}`,
          eventId: endpointId,
          eventType: "idea.stage_changed",
          occurredAt: new Date(),
          attempts: 1,
          deliveredAt: new Date(),
          attemptLog: { create: { statusCode: 204, durationMs: 42 } },
        },
      },
    },
    select: { id: true },
  });
  await checkPage(a.page, "/admin/webhooks", "webhooks (admin)", problems);

  expect(problems).toEqual([]);

  // The brief's "##" sections are h2 under the page's h1, not h4.
  await anonymous.page.goto(`/defis/${challenge.id}`);
  expect(await anonymous.page.getByRole("heading", { level: 2, name: "Contexte" }).count()).toBe(1);
  // The KPI table is a named, focusable scroll region.
  const region = mgr.page.getByRole("region", { name: "Indicateurs" });
  await mgr.page.goto(`/idees/${piloted.id}/pilote`);
  expect(await region.getAttribute("tabindex")).toBe("0");
  // The admin's "end sessions" button is named by its visible text first.
  await a.page.goto("/admin/utilisateurs");
  await a.page.getByRole("button", { name: `Terminer toutes ses sessions (${member.displayName})` }).waitFor();

  for (const v of [anonymous, m, mgr, a]) v.watcher.assertClean("mobile pages");
  expect(await prisma.evaluation.count({ where: { ideaId: evaluated.id } })).toBe(1);
});

test("on a phone the header is the brand and a 44 px menu button; the menu opens with or without JavaScript", async () => {
  const admin = await makeUser({ role: "ADMIN", displayName: "Camille Administratrice-Principale" });
  for (const javaScriptEnabled of [true, false]) {
    const v = await suite.visitor({ ...PHONE, javaScriptEnabled }, { user: admin });
    await v.page.goto("/");
    if (javaScriptEnabled) await hydrated(v.page);
    const menu = v.page.locator("summary", { hasText: "Menu" });
    const box = await menu.boundingBox();
    expect(box && box.width >= 44 && box.height >= 44).toBe(true);
    // Closed, the links are out of sight (and out of the accessibility tree); the header is one row.
    const journal = v.page.getByRole("link", { name: "Journal d'audit" });
    expect(await journal.isVisible()).toBe(false);
    const header = await v.page.locator(".site-header__inner").boundingBox();
    expect(header!.height).toBeLessThan(70);
    await menu.click();
    await journal.waitFor();
    if (javaScriptEnabled) {
      expect(await menu.getAttribute("aria-expanded")).toBe("true");
      await checkA11y(v.page, "open menu");
      // Escape closes it and gives the focus back to the button; following a link closes it too.
      await v.page.keyboard.press("Escape");
      expect(await journal.isVisible()).toBe(false);
      expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
      await menu.click();
      await journal.click();
      await v.page.waitForURL("**/admin/journal");
      await expect.poll(() => v.page.locator("details.site-menu").getAttribute("open")).toBeNull();
    }
    v.watcher.assertClean(`menu (JavaScript ${javaScriptEnabled ? "on" : "off"})`);
  }
});

test("at 1280 px the admin's header holds on two rows, without a menu button", async () => {
  const admin = await makeUser({ role: "ADMIN", displayName: "Camille Administratrice-Principale" });
  const v = await suite.visitor({ viewport: { width: 1280, height: 900 } }, { user: admin });
  await v.page.goto("/");
  await hydrated(v.page);
  expect(await v.page.locator("summary", { hasText: "Menu" }).isVisible()).toBe(false);
  // Every link of the menu shows, in at most two distinct rows.
  const links = v.page.locator(".site-menu__panel a, .site-menu__panel button");
  const tops = new Set<number>();
  for (const link of await links.all()) {
    expect(await link.isVisible()).toBe(true);
    const box = await link.boundingBox();
    tops.add(Math.round(box!.y / 10));
  }
  expect(tops.size).toBeLessThanOrEqual(2);
  v.watcher.assertClean("admin header at 1280 px");
});
