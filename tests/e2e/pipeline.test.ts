// The innovation pipeline in a real browser: a manager takes a proposed idea through review, selection,
// a pilot with two KPIs, a "go" and production — moving it with the keyboard from the board and the
// management page — while the author keeps the idea page open and sees every stage change arrive
// live, without reloading. Every page is checked with axe-core; any console error or unexpected
// 4xx/5xx fails the test.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser } from "../factories.ts";
import { checkA11y, hydrated, type Page, signIn } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const visitor = () => suite.visitor();

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const POLL = { timeout: 10_000, interval: 50 };
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();
const flash = (page: Page) => text(page, "[data-testid=flash]");

test(
  "a manager takes an idea from proposal to production; the author's open page follows each stage live",
  { timeout: 180_000 },
  async () => {
    const [manager, author, owner] = await Promise.all([
      makeUser({ role: "MANAGER", displayName: `Mathilde ${run.slice(-4)}` }),
      makeUser({ role: "EMPLOYEE", displayName: `Aurélien ${run.slice(-4)}` }),
      makeUser({ role: "EMPLOYEE" }),
    ]);
    const tag = `parcours${run.slice(-6)}`;
    const idea = await makeIdea({ author, title: `Des rendez-vous en ligne pour l'accueil ${run}`, tags: [tag] });

    // --- The author opens the idea page and leaves it open.
    const a = await visitor();
    await signIn(a.page, author, `/idees/${idea.id}`);
    const journeyStage = a.page.locator("[data-testid=journey-stage]");
    const headerStage = a.page.locator(".idea-page__head .badge");
    expect(await journeyStage.textContent()).toBe("Proposée");
    await checkA11y(a.page, "idea page with its journey (author)");
    // A marker that a reload would wipe out: the changes below must arrive without one.
    await a.page.evaluate(() => ((window as unknown as { __stillHere: boolean }).__stillHere = true));
    const stillHere = () =>
      a.page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere === true);
    const authorSees = async (stage: string) => {
      await expect.poll(() => headerStage.textContent(), POLL).toBe(stage);
      await expect.poll(() => journeyStage.textContent(), POLL).toBe(stage);
      expect(await stillHere()).toBe(true);
    };

    // --- The manager finds it on the board (filtered by its tag) and moves it to review, by keyboard.
    const m = await visitor();
    await signIn(m.page, manager, "/pilotage");
    await m.page.getByRole("heading", { level: 1, name: "Pilotage des idées" }).waitFor();
    await m.page.getByLabel("Mot-clé").fill(tag);
    await m.page.getByLabel("Mot-clé").press("Enter");
    await m.page.waitForURL(new RegExp(`/pilotage\\?.*mot-cle=${tag}`));
    const card = m.page.locator(`#idee-${idea.id}`);
    await card.waitFor();
    expect(await text(m.page, "[data-testid=count-PROPOSED]")).toBe("1");
    expect(await card.locator(".meta").nth(1).textContent()).toMatch(
      /^à cette étape depuis (un instant|\d+ minutes?)$/,
    );
    await checkA11y(m.page, "manager board");
    await card.locator("summary").focus();
    await m.page.keyboard.press("Enter"); // opens "Changer d'étape…"
    const select = card.getByLabel(`Nouvelle étape pour « ${idea.title} »`);
    await select.focus();
    expect(await select.inputValue()).toBe("UNDER_REVIEW"); // the forward move comes first
    await m.page.keyboard.press("Tab"); // the note
    await m.page.keyboard.type("Étude lancée avec deux agences");
    await m.page.keyboard.press("Tab"); // the button
    await checkA11y(m.page, "manager board with an open move menu");
    await m.page.keyboard.press("Enter");
    await expect.poll(() => flash(m.page), POLL).toBe("L'idée est maintenant à l'étape « En étude ».");
    await expect.poll(() => text(m.page, "[data-testid=count-UNDER_REVIEW]"), POLL).toBe("1");
    expect(await text(m.page, "[data-testid=count-PROPOSED]")).toBe("0");
    await authorSees("En étude");

    // --- Rejecting needs a reason: refused with the message next to the field, nothing moves. (The shared
    // schema refuses it in the browser already; the server's 400 is covered in tests/pipeline-http.test.ts.)
    await m.page.goto(`/idees/${idea.id}/pilotage`);
    await hydrated(m.page);
    await checkA11y(m.page, "idea management page");
    await m.page.getByLabel("Passer à l'étape").selectOption("REJECTED");
    await m.page.getByRole("button", { name: "Changer d'étape" }).click();
    const note = m.page.getByLabel("Note publique");
    await expect.poll(() => note.getAttribute("aria-invalid"), POLL).toBe("true");
    expect(await m.page.locator(".field", { has: note }).locator(".field-error").textContent()).toBe(
      "Indiquez le motif : il sera affiché publiquement.",
    );
    expect(await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { stage: true } })).toEqual({
      stage: "UNDER_REVIEW",
    });

    // --- Selection, then the pilot (the page that describes it opens by itself).
    await m.page.getByLabel("Passer à l'étape").selectOption("SELECTED");
    await note.fill("");
    await m.page.getByRole("button", { name: "Changer d'étape" }).click();
    await expect.poll(() => flash(m.page), POLL).toBe("L'idée est maintenant à l'étape « Retenue ».");
    await authorSees("Retenue");
    await m.page.getByLabel("Passer à l'étape").selectOption("PILOT");
    await m.page.getByRole("button", { name: "Changer d'étape" }).click();
    await m.page.waitForURL(`**/idees/${idea.id}/pilote`);
    await hydrated(m.page);
    await authorSees("En expérimentation");

    // --- The pilot: hypothesis, scope, dates, owner; two KPIs; a measured value.
    await m.page.getByLabel("Hypothèse").fill("La prise de rendez-vous en ligne réduit l'attente à l'accueil.");
    await m.page.getByLabel("Périmètre").fill("Bretagne, Agence de Rennes");
    await m.page.getByLabel("Début", { exact: true }).fill("2027-03-01");
    await m.page.getByLabel("Fin", { exact: true }).fill("2027-06-30");
    await m.page.getByLabel("Responsable (adresse e-mail)").fill(owner.email);
    await m.page.getByRole("button", { name: "Enregistrer l'expérimentation" }).click();
    await expect.poll(() => flash(m.page), POLL).toBe("L'expérimentation est enregistrée.");
    await checkA11y(m.page, "pilot page");

    const addKpi = async (kpi: { name: string; unit: string; baseline: string; target: string }) => {
      const form = m.page.locator("form#kpi-new");
      await form.getByLabel("Indicateur", { exact: true }).fill(kpi.name);
      await form.getByLabel("Unité").fill(kpi.unit);
      await form.getByLabel("Situation de départ").fill(kpi.baseline);
      await form.getByLabel("Cible").fill(kpi.target);
      await form.getByRole("button", { name: "Ajouter l'indicateur" }).click();
      await expect.poll(() => flash(m.page), POLL).toBe("L'indicateur est ajouté.");
      await m.page.locator(".kpi-table th[scope=row]", { hasText: kpi.name }).waitFor();
    };
    await addKpi({ name: "Attente moyenne", unit: "min", baseline: "42,5", target: "15" });
    await addKpi({ name: "Satisfaction", unit: "%", baseline: "61", target: "80" });
    const editor = m.page.locator("details.kpi-editor", { hasText: "Modifier « Attente moyenne »" });
    await editor.locator("summary").click();
    await editor.getByLabel("Valeur mesurée").fill("12,5");
    await editor.getByLabel("Mesurée le").fill("2027-06-30");
    await editor.getByRole("button", { name: "Enregistrer l'indicateur" }).click();
    await expect.poll(() => flash(m.page), POLL).toBe("L'indicateur est enregistré.");
    await expect
      .poll(
        () => m.page.locator(".kpi-table tr", { hasText: "Attente moyenne" }).locator("td").nth(2).textContent(),
        POLL,
      )
      .toBe("12,5 min (mesurée le 30 juin 2027)");
    expect(
      await prisma.kpi.findMany({
        where: { pilot: { ideaId: idea.id } },
        orderBy: { position: "asc" },
        select: { name: true, actual: true },
      }),
    ).toMatchObject([{ name: "Attente moyenne" }, { name: "Satisfaction", actual: null }]);

    // The author's page shows the pilot summary as it is filled in (no scores, no reload).
    await expect
      .poll(() => a.page.locator(".pilot-summary .kpi-table th[scope=row]").allTextContents(), POLL)
      .toEqual(["Attente moyenne", "Satisfaction"]);
    expect(await stillHere()).toBe(true);

    // --- The decision: "go", with its reason; PRODUCTION becomes available.
    await m.page.getByLabel("Décision", { exact: true }).selectOption("GO");
    await m.page
      .getByLabel("Motif de la décision (public)")
      .fill("Attente divisée par trois, agents et usagers satisfaits.");
    await m.page.getByRole("button", { name: "Enregistrer la décision" }).click();
    await m.page.waitForURL(`**/idees/${idea.id}/pilotage`);
    await expect
      .poll(() => flash(m.page), POLL)
      .toBe("Décision « go » enregistrée : l'idée peut passer en production.");
    await expect
      .poll(() => a.page.locator("[data-testid=pilot-decision]").textContent(), POLL)
      .toContain("Go : mise en production");
    await hydrated(m.page);
    expect(await m.page.getByLabel("Passer à l'étape").locator("option").allTextContents()).toEqual([
      "En production",
      "Non retenue",
      "Archivée",
    ]);
    await m.page.getByLabel("Passer à l'étape").selectOption("PRODUCTION");
    await m.page.getByLabel("Note publique").fill("Déploiement national en septembre.");
    await m.page.getByRole("button", { name: "Changer d'étape" }).click();
    await expect.poll(() => flash(m.page), POLL).toBe("L'idée est maintenant à l'étape « En production ».");
    await authorSees("En production");

    // --- The author's page, never reloaded, tells the whole journey; the header counts the notifications.
    const steps = await a.page.locator("[data-testid=timeline] > li").allTextContents();
    expect(steps).toHaveLength(5);
    expect(steps[1]).toContain("Étude lancée avec deux agences");
    expect(steps[4]).toContain("Déploiement national en septembre.");
    expect(steps[4]).toMatch(/à cette étape/);
    await a.page.locator(".rollout-summary").waitFor();
    await expect
      .poll(() => text(a.page, "[data-testid=notifications-link]"), POLL)
      .toMatch(/^Notifications \(\d+ non lues\)$/);
    expect(await stillHere()).toBe(true);
    await checkA11y(a.page, "idea page in production, updated live (author)");

    // And "in production" shows what the idea became.
    await a.page.getByRole("link", { name: "Idées", exact: true }).click();
    await a.page.getByRole("link", { name: /les idées en production/ }).click();
    await a.page.waitForURL("**/en-production");
    // The URL changes before the new page renders (a client navigation): wait for its heading, then read its list.
    await a.page.getByRole("heading", { level: 1, name: "Ce que les idées sont devenues" }).waitFor();
    await a.page.locator("ol.idea-list").getByRole("link", { name: idea.title, exact: true }).waitFor();
    await checkA11y(a.page, "in production");

    expect(
      (
        await prisma.stageTransition.findMany({
          where: { ideaId: idea.id },
          orderBy: { id: "asc" },
          select: { toStage: true },
        })
      ).map((t) => t.toStage),
    ).toEqual(["UNDER_REVIEW", "SELECTED", "PILOT", "PRODUCTION"]);
    a.watcher.assertClean("author");
    m.watcher.assertClean("manager");
  },
);
