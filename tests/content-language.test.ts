// Managers' and evaluators' text keeps the language it was written in (docs/decisions/0037, RGAA 8.7):
// stored from the writer's interface language, kept when a later write leaves the text as it was, and
// marked with `lang` where the English pages show French text (and the other way round).
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { advanceIdea, makeIdea, makeUser } from "./factories.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** A signed-in client reading (and writing) in `locale`. */
async function as(user: { email: string; password: string }, locale: "fr" | "en") {
  const c = new HttpClient(app.url);
  await c.signIn(user.email, user.password);
  c.cookies.set("idees_lang", locale);
  return c;
}
const ok = async (res: Promise<Response>) => expect((await res).status).toBe(302);

test("a pilot's text, its KPIs, the decision, stage notes and the rollout carry their writer's language", async () => {
  const [manager, author, admin] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser(),
    makeUser({ role: "ADMIN" }),
  ]);
  const idea = await makeIdea({ author });
  await advanceIdea({ ideaId: idea.id, manager, to: "PILOT" });
  const fr = await as(manager, "fr");
  const en = await as(manager, "en");
  const pilotPage = `/idees/${idea.id}/pilote`;

  await ok(fr.post(pilotPage, { intent: "pilot", hypothesis: "Les rendez-vous en ligne réduisent la file" }));
  await ok(
    fr.post(pilotPage, {
      intent: "kpi",
      formId: "kpi-new",
      name: "Délai moyen",
      unit: "jours",
      baseline: "12",
      target: "5",
    }),
  );
  await ok(
    en.post(pilotPage, {
      intent: "kpi",
      formId: "kpi-new",
      name: "Return visits",
      unit: "visits",
      baseline: "3",
      target: "1",
    }),
  );
  const kpis = await prisma.kpi.findMany({
    where: { pilot: { ideaId: idea.id } },
    orderBy: { position: "asc" },
    select: { id: true, language: true },
  });
  expect(kpis.map((k) => k.language)).toEqual(["fr", "en"]);
  // Recording a measure from the English page leaves the French name French; renaming it does not.
  const measure = { intent: "kpi", formId: `kpi-${kpis[0]!.id}`, kpiId: kpis[0]!.id, unit: "jours", baseline: "12" };
  await ok(en.post(pilotPage, { ...measure, name: "Délai moyen", target: "5", actual: "7" }));
  expect(
    (await prisma.kpi.findUniqueOrThrow({ where: { id: kpis[0]!.id }, select: { language: true } })).language,
  ).toBe("fr");
  // The pilot's editor names each KPI in its language inside the English sentences.
  const editor = await (await en.get(pilotPage)).text();
  expect(editor).toMatch(/Edit “<span lang="fr">Délai moyen<\/span>”/);
  expect(editor).toMatch(/Delete “<span lang="en">Return visits<\/span>”/);
  // The English manager re-saves the details unchanged (French stays), then decides in English.
  await ok(en.post(pilotPage, { intent: "pilot", hypothesis: "Les rendez-vous en ligne réduisent la file" }));
  await ok(en.post(pilotPage, { intent: "decision", decision: "GO", reason: "Waiting time halved" }));
  await ok(
    en.post("/pilotage", {
      intent: "move",
      formId: `move-${idea.id}`,
      ideaId: idea.id,
      from: "PILOT",
      to: "PRODUCTION",
      note: "Rolled out to every agency",
    }),
  );
  await ok(
    fr.post(pilotPage, { intent: "rollout", releasedOn: "2027-09-01", agencies: "Pôle des Alpes, Agence de Lyon" }),
  );
  expect(
    await prisma.pilot.findUniqueOrThrow({
      where: { ideaId: idea.id },
      select: { language: true, decisionLanguage: true },
    }),
  ).toEqual({ language: "fr", decisionLanguage: "en" });
  const moves = await prisma.stageTransition.findMany({
    where: { ideaId: idea.id, toStage: "PRODUCTION" },
    select: { language: true },
  });
  expect(moves).toEqual([{ language: "en" }]);
  expect((await prisma.rollout.findUniqueOrThrow({ where: { ideaId: idea.id } })).language).toBe("fr");

  // The English pages mark the French text, and the English page in French marks the English text.
  const production = await (await en.get("/en-production")).text();
  expect(production).toContain('<p lang="fr">Les rendez-vous en ligne réduisent la file</p>');
  expect(production).toContain('<th scope="row" lang="fr">Délai moyen</th>');
  expect(production).toContain('<span lang="fr">jours</span>');
  expect(production).toContain('<th scope="row" lang="en">Return visits</th>');
  expect(production).toContain('<span lang="fr">Pôle des Alpes, Agence de Lyon</span>');
  const ideaPage = await (await en.get(`/idees/${idea.id}`)).text();
  expect(ideaPage).toContain('<dd lang="fr">Les rendez-vous en ligne réduisent la file</dd>');
  expect(ideaPage).toMatch(/<p class="pre-line timeline__note" lang="en">Rolled out to every agency<\/p>/);
  expect(ideaPage).toContain('<dd lang="fr">Pôle des Alpes, Agence de Lyon</dd>');
  const frenchPage = await (await fr.get(`/idees/${idea.id}`)).text();
  expect(frenchPage).toContain('<span class="pre-line block" lang="en">Waiting time halved</span>');
  const indicators = await (await en.get("/pilotage/indicateurs")).text();
  expect(indicators).toContain('<td lang="fr">Délai moyen<!-- --> (<!-- -->jours<!-- -->)</td>');

  // The journal marks a KPI's name and a note with the language the entry stored.
  const journal = await as(admin, "en");
  const entries = (action: string) =>
    journal.get(`/admin/journal?action=${action}&auteur=${encodeURIComponent(manager.email)}`).then((r) => r.text());
  expect(await entries("pilot.kpi.add")).toMatch(/“<span lang="fr">Délai moyen<\/span>”/);
  expect(await entries("idea.stage")).toContain('<q lang="en">Rolled out to every agency</q>');
});

test("an evaluator's comment and an official answer carry their writer's language", async () => {
  const [manager, author, evaluator] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser(),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const idea = await makeIdea({ author });
  await advanceIdea({ ideaId: idea.id, manager, to: "UNDER_REVIEW" });
  const managerEn = await as(manager, "en");
  const page = `/idees/${idea.id}/evaluation`;
  await ok(managerEn.post(page, { intent: "assign", email: evaluator.email }));
  const scores = { intent: "evaluate", impact: "4", feasibility: "3", cost: "2", alignment: "5" };
  await ok((await as(evaluator, "fr")).post(page, { ...scores, comment: "Très utile pour les agences" }));
  const stored = () =>
    prisma.evaluation
      .findFirstOrThrow({ where: { ideaId: idea.id }, select: { language: true } })
      .then((e) => e.language);
  expect(await stored()).toBe("fr");
  expect(await (await managerEn.get(page)).text()).toContain(
    '<td class="pre-line" lang="fr">Très utile pour les agences</td>',
  );
  // Changing a score alone from the English page keeps the comment French.
  const evaluatorEn = await as(evaluator, "en");
  await ok(evaluatorEn.post(page, { ...scores, impact: "5", comment: "Très utile pour les agences" }));
  expect(await stored()).toBe("fr");

  await ok(managerEn.post(`/idees/${idea.id}/pilotage`, { intent: "answer", body: "We will study it in the spring." }));
  expect((await prisma.officialAnswer.findUniqueOrThrow({ where: { ideaId: idea.id } })).language).toBe("en");
  const french = await (await as(author, "fr")).get(`/idees/${idea.id}`);
  expect(await french.text()).toMatch(/<div[^>]* lang="en"><p>We will study it in the spring\.<\/p>/);
});
