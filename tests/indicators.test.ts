// The managers' indicators and CSV exports (docs/decisions/0025-indicators-and-exports.md): every
// figure against a fixture computed by hand, in a space of its own (so that nothing else in the
// database counts), hidden and merged ideas left out; the CSV files over HTTP (BOM, separators,
// RFC 4180 quoting, formula injection, batches, audit); and who may open any of it.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { EXPORT_BATCH_SIZE } from "~/models/indicator-exports.server.ts";
import { getIndicators } from "~/models/indicators.server.ts";
import { parseIndicatorFilters } from "~/models/indicators.ts";
import { makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

const DAY = 86_400_000;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let app: Awaited<ReturnType<typeof startTestApp>>;
type Person = Awaited<ReturnType<typeof makeUser>>;
let manager: Person;
let space: { id: string; slug: string };
let challengeId: string;
const ids: Record<string, string> = {};

async function makeSpace(slug: string) {
  return prisma.space.create({
    data: { id: newId(), slug, audience: "PUBLIC", nameFr: slug, nameEn: slug, descriptionFr: "-", descriptionEn: "-" },
    select: { id: true, slug: true },
  });
}

/** An idea created at `createdAt` that went through `moves` ([stage, days spent before moving]). */
async function idea(
  key: string,
  options: { author: Person; createdAt: string; moves?: [IdeaStage, number][]; title?: string; challenge?: boolean },
) {
  let at = new Date(options.createdAt).getTime();
  const moves = (options.moves ?? []).map(([to, days]) => ({ to, at: (at += days * DAY) }));
  const stage = moves.at(-1)?.to ?? "PROPOSED";
  const id = newId();
  await prisma.idea.create({
    data: {
      id,
      spaceId: space.id,
      authorId: options.author.id,
      title: options.title ?? `Idée ${key} ${run}`,
      body: "Un texte assez long pour une idée.",
      tags: [`t${key.toLowerCase()}`],
      stage,
      stageChangedAt: new Date(at),
      createdAt: new Date(options.createdAt),
      challengeId: options.challenge ? challengeId : null,
    },
  });
  let from: IdeaStage = "PROPOSED";
  for (const m of moves) {
    await prisma.stageTransition.create({
      data: {
        ideaId: id,
        actorId: manager.id,
        fromStage: from,
        toStage: m.to,
        note: m.to === "REJECTED" ? "Déjà prévu ailleurs" : null,
        createdAt: new Date(m.at),
      },
    });
    from = m.to;
  }
  ids[key] = id;
  return id;
}

let people: Record<"staff1" | "staff2" | "public1" | "public2" | "public3" | "public4" | "supplier", Person>;

beforeAll(async () => {
  manager = await makeUser({ role: "MANAGER" });
  people = {
    staff1: await makeUser({ role: "EMPLOYEE" }),
    staff2: await makeUser({ role: "MODERATOR" }),
    public1: await makeUser({ role: "PUBLIC" }),
    public2: await makeUser({ role: "PUBLIC" }),
    public3: await makeUser({ role: "PUBLIC" }),
    public4: await makeUser({ role: "PUBLIC" }),
    supplier: await makeUser({ role: "SUPPLIER" }),
  };
  space = await makeSpace(`indicateurs-${run}`);
  challengeId = newId();
  await prisma.challenge.create({
    data: {
      id: challengeId,
      spaceId: space.id,
      title: `Défi ${run}`,
      cover: "",
      brief: "Un défi.",
      opensAt: new Date("2025-12-01T00:00:00Z"),
      closesAt: new Date("2026-03-01T00:00:00Z"),
    },
  });
  const { staff1, staff2, public1, public2, public3, public4, supplier } = people;
  // January (Paris): A, B, C, F by a staff member; February: D by the public, E by a supplier.
  const moves = (...m: [IdeaStage, number][]) => m;
  await idea("A", {
    author: staff1,
    createdAt: "2026-01-05T10:00:00Z",
    challenge: true,
    moves: moves(["UNDER_REVIEW", 2], ["SELECTED", 4], ["PILOT", 10], ["PRODUCTION", 20]),
  });
  await idea("B", {
    author: staff1,
    createdAt: "2026-01-06T10:00:00Z",
    challenge: true,
    title: `Idée; "B" ${run}`,
    moves: moves(["UNDER_REVIEW", 4], ["SELECTED", 8]),
  });
  await idea("C", {
    author: staff1,
    createdAt: "2026-01-07T10:00:00Z",
    moves: moves(["UNDER_REVIEW", 6], ["REJECTED", 2]),
  });
  await idea("F", {
    author: staff1,
    createdAt: "2026-01-09T10:00:00Z",
    moves: moves(["UNDER_REVIEW", 1], ["SELECTED", 1], ["PILOT", 1]),
  });
  await idea("D", { author: public1, createdAt: "2026-02-02T10:00:00Z", moves: moves(["UNDER_REVIEW", 10]) });
  await idea("E", { author: supplier, createdAt: "2026-02-03T10:00:00Z", title: `=HYPERLINK("http://x") ${run}` });
  // Never counted: a hidden idea (with a vote) and an idea merged into A.
  const hidden = await idea("H", {
    author: public3,
    createdAt: "2026-01-08T10:00:00Z",
    moves: moves(["UNDER_REVIEW", 1]),
  });
  await prisma.idea.update({
    where: { id: hidden },
    data: { hiddenAt: new Date(), hiddenKind: "MODERATOR", hiddenReason: "Hors charte" },
  });
  const merged = await idea("M", { author: public3, createdAt: "2026-01-10T10:00:00Z" });
  await prisma.idea.update({ where: { id: merged }, data: { mergedIntoId: ids.A } });
  // Supports and comments.
  const vote = (user: Person, key: string, at: string) =>
    prisma.vote.create({ data: { ideaId: ids[key]!, userId: user.id, createdAt: new Date(at) } });
  await vote(public2, "A", "2026-01-20T10:00:00Z");
  await vote(public2, "B", "2026-01-21T10:00:00Z");
  await vote(staff2, "A", "2026-02-15T10:00:00Z");
  await vote(public3, "H", "2026-01-20T10:00:00Z");
  const comment = (user: Person, key: string, at: string, hiddenAt: Date | null = null) =>
    prisma.comment.create({
      data: {
        id: newId(),
        ideaId: ids[key]!,
        authorId: user.id,
        body: "Bien vu.",
        createdAt: new Date(at),
        hiddenAt,
        hiddenKind: hiddenAt ? "PENDING_REVIEW" : null,
      },
    });
  await comment(public1, "A", "2026-01-22T10:00:00Z");
  await comment(public4, "A", "2026-01-23T10:00:00Z", new Date());
  // Pilots: A decided "go" with one KPI half-way; F running without KPI.
  const pilotA = newId();
  await prisma.pilot.create({
    data: {
      id: pilotA,
      ideaId: ids.A!,
      decision: "GO",
      decisionReason: "Objectifs atteints",
      decidedAt: new Date("2026-02-09T10:00:00Z"),
      createdAt: new Date("2026-01-21T10:00:00Z"),
    },
  });
  await prisma.kpi.create({
    data: {
      id: newId(),
      pilotId: pilotA,
      name: "Délai",
      unit: "jours",
      baseline: "10",
      target: "20",
      actual: "15",
      position: 0,
    },
  });
  await prisma.pilot.create({ data: { id: newId(), ideaId: ids.F!, createdAt: new Date("2026-01-12T10:00:00Z") } });
  app = await startTestApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const indicators = (query: string) =>
  getIndicators({
    viewer: manager,
    filters: parseIndicatorFilters(new URLSearchParams(`espace=${space.slug}&${query}`)),
  });
const days = (seconds: number | undefined) => Math.round(((seconds ?? NaN) / 86_400) * 1000) / 1000;

test("funnel, answered and waiting: six listed ideas (the hidden and the merged one are not counted)", async () => {
  const data = await indicators("");
  expect(data.funnel.total).toBe(6);
  expect(data.funnel.steps.map((s) => [s.stage, s.reached, s.current])).toEqual([
    ["PROPOSED", 6, 1],
    ["UNDER_REVIEW", 5, 1],
    ["SELECTED", 3, 1],
    ["PILOT", 2, 1],
    ["PRODUCTION", 1, 1],
  ]);
  expect(data.funnel.steps.map((s) => s.conversion)).toEqual([null, 5 / 6, 3 / 5, 2 / 3, 1 / 2]);
  expect(data.funnel.current.find((c) => c.stage === "REJECTED")?.count).toBe(1);
  expect([data.funnel.answered, data.funnel.waiting]).toEqual([5, 1]);
});

test("time in stage: median and 90th percentile of the finished visits (percentile_cont)", async () => {
  const data = await indicators("");
  const of = (stage: IdeaStage) => data.timeInStage.find((r) => r.stage === stage);
  // PROPOSED: 1, 2, 4, 6, 10 days → median 4; p90 at rank 3.6 → 6 + 0.6 × 4 = 8.4.
  expect([of("PROPOSED")?.visits, days(of("PROPOSED")?.medianSeconds), days(of("PROPOSED")?.p90Seconds)]).toEqual([
    5, 4, 8.4,
  ]);
  // UNDER_REVIEW: 1, 2, 4, 8 → median 3; p90 at rank 2.7 → 4 + 0.7 × 4 = 6.8.
  expect([days(of("UNDER_REVIEW")?.medianSeconds), days(of("UNDER_REVIEW")?.p90Seconds)]).toEqual([3, 6.8]);
  // SELECTED: 1, 10 → median 5.5; p90 → 1 + 0.9 × 9 = 9.1. PILOT: 20.
  expect([days(of("SELECTED")?.medianSeconds), days(of("SELECTED")?.p90Seconds)]).toEqual([5.5, 9.1]);
  expect([days(of("PILOT")?.medianSeconds), days(of("PILOT")?.p90Seconds)]).toEqual([20, 20]);
});

test("throughput and participation per Paris month, by audience", async () => {
  const data = await indicators("");
  expect(data.throughput).toEqual([
    { month: "2026-01", proposed: 4, answered: 4, production: 0 },
    { month: "2026-02", proposed: 2, answered: 1, production: 1 },
  ]);
  const [jan, feb] = data.participation;
  expect(jan!.month).toBe("2026-01");
  expect(jan!.byAudience).toEqual({
    // public2 supported A and B (counted once), public1 commented; public4's comment is hidden, public3 voted a hidden idea.
    public: { participants: 2, proposers: 0, supporters: 1, commenters: 1 },
    staff: { participants: 1, proposers: 1, supporters: 0, commenters: 0 },
    suppliers: { participants: 0, proposers: 0, supporters: 0, commenters: 0 },
  });
  expect(feb!.byAudience).toEqual({
    public: { participants: 1, proposers: 1, supporters: 0, commenters: 0 },
    staff: { participants: 1, proposers: 0, supporters: 1, commenters: 0 },
    suppliers: { participants: 1, proposers: 1, supporters: 0, commenters: 0 },
  });
  expect(data.participation).toHaveLength(2);
  // Nobody here has an agency (only staff signing in through the identity provider do): no row.
  expect(data.participationByAgency).toEqual([]);
});

test("challenges and pilots", async () => {
  const data = await indicators("");
  expect(data.challengeResults).toEqual([
    { id: challengeId, title: `Défi ${run}`, language: "fr", ideas: 2, supports: 3, retained: 2 },
  ]);
  expect(data.pilots).toMatchObject({ running: 1, go: 1, noGo: 0, goRate: 1 });
  const a = data.pilots.list.find((p) => p.ideaId === ids.A);
  expect(a?.kpis).toEqual([
    { name: "Délai", unit: "jours", language: "fr", baseline: "10", target: "20", actual: "15", progress: 0.5 },
  ]);
  expect(data.pilots.list.find((p) => p.ideaId === ids.F)?.kpis).toEqual([]);
});

test("filters: a period counts the ideas proposed in it and the visits that ended in it; a challenge narrows", async () => {
  const feb = await indicators("du=2026-02-01&au=2026-02-28");
  expect([feb.funnel.total, feb.funnel.answered, feb.funnel.waiting]).toEqual([2, 1, 1]);
  // Visits ending in February: D left PROPOSED after 10 days, A left PILOT after 20.
  expect(feb.timeInStage.map((r) => [r.stage, days(r.medianSeconds)]).sort()).toEqual([
    ["PILOT", 20],
    ["PROPOSED", 10],
  ]);
  expect(feb.pilots).toMatchObject({ running: 1, go: 1 }); // both pilots ran in February
  const challenge = await indicators(`defi=${challengeId}`);
  expect(challenge.funnel.steps.map((s) => s.reached)).toEqual([2, 2, 2, 1, 1]);
  // A space the viewer cannot name is dropped, like on the board: every visible space is counted.
  const unknown = await getIndicators({
    viewer: manager,
    filters: parseIndicatorFilters(new URLSearchParams("espace=nulle-part")),
  });
  expect(unknown.filters.space).toBe(null);
  expect(unknown.funnel.total).toBeGreaterThanOrEqual(6);
});

// --- over HTTP ----------------------------------------------------------------------------------------

async function as(user: Person | null) {
  const c = new HttpClient(app.url);
  if (user) await c.signIn(user.email, user.password);
  return c;
}
const BOM = "\uFEFF";
const lines = (body: string) => body.slice(BOM.length).split("\r\n").slice(0, -1);
/** The body as sent: Response.text() would drop the byte order mark this checks. */
const csvText = async (res: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());

test("only managers and admins open the page and the exports; others get the sign-in page or 403", async () => {
  const [pub, employee, supplier, admin] = await Promise.all([
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "SUPPLIER" }),
    makeUser({ role: "ADMIN" }),
  ]);
  const paths = [
    "/pilotage/indicateurs",
    "/pilotage/export/idees",
    "/pilotage/export/historique",
    "/pilotage/export/kpis",
  ];
  const anonymous = await as(null);
  for (const path of paths) {
    const res = await anonymous.get(path);
    expect([path, res.status, res.headers.get("location")?.startsWith("/connexion")]).toEqual([path, 302, true]);
    for (const person of [pub, employee, supplier])
      expect([path, (await (await as(person)).get(path)).status]).toEqual([path, 403]);
    for (const person of [manager, admin])
      expect([path, (await (await as(person)).get(path)).status]).toEqual([path, 200]);
  }
  expect((await (await as(manager)).get("/pilotage/export/tout")).status).toBe(404);
  const audited = await prisma.auditLog.count({
    where: { action: "indicators.export", actorId: { in: [pub.id, employee.id, supplier.id] } },
  });
  expect(audited).toBe(0);
});

test("the page shows the figures, each chart with its data table and summary, and links to the exports", async () => {
  const body = await (await (await as(manager)).get(`/pilotage/indicateurs?espace=${space.slug}`)).text();
  expect(body).toContain("<svg");
  expect(body).toMatch(/<caption>Idées déposées sur la période ayant atteint chaque étape<\/caption>/);
  expect(body).toContain("6 idées déposées ; 1 mise en production.");
  expect(body).toMatch(/5 idées ont reçu une réponse \(quitté l&#x27;étape « Proposée »\), 1 attend encore\./);
  expect(body).toContain(`/pilotage/export/idees?espace=${space.slug}`);
  expect(body).toContain(`/pilotage/export/idees?espace=${space.slug}&amp;sep=comma`);
  expect(body).not.toContain(`Idée H ${run}`);
});

test("ideas CSV: BOM, `;`, RFC 4180 quoting, formula injection neutralised, listed ideas only, audited", async () => {
  const res = await (await as(manager)).get(`/pilotage/export/idees?espace=${space.slug}`);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="idees-idees-\d{4}-\d{2}-\d{2}\.csv"$/);
  const body = await csvText(res);
  expect(body.startsWith(BOM)).toBe(true);
  const rows = lines(body);
  expect(rows[0]!.split(";").slice(0, 5)).toEqual(["Identifiant de l'idée", "Titre", "Espace", "Défi", "Étape"]);
  expect(rows).toHaveLength(7); // header + six ideas: neither the hidden nor the merged one
  expect(body).not.toContain(ids.H!);
  expect(body).not.toContain(ids.M!);
  const rowOf = (key: string) => rows.find((r) => r.startsWith(ids[key]!))!;
  expect(rowOf("B")).toContain(`;"Idée; ""B"" ${run}";`);
  expect(rowOf("E")).toContain(`;"'=HYPERLINK(""http://x"") ${run}";`);
  expect(rowOf("A")).toMatch(
    new RegExp(`;Défi ${run};En production;2026-01-05 11:00;2026-02-10 11:00;\\d+,\\d;2;1;ta;0;;;;;go$`),
  );
  const entry = await prisma.auditLog.findFirst({
    where: { action: "indicators.export", actorId: manager.id, targetType: "export", targetId: "idees" },
    orderBy: { id: "desc" },
    select: { after: true },
  });
  expect(entry?.after).toMatchObject({ space: space.slug, separator: ";" });
  const comma = await csvText(await (await as(manager)).get(`/pilotage/export/idees?espace=${space.slug}&sep=comma`));
  expect(lines(comma)[0]!.split(",").slice(0, 3)).toEqual(["Identifiant de l'idée", "Titre", "Espace"]);
  expect(lines(comma).find((r) => r.startsWith(ids.B!))).toContain(`,"Idée; ""B"" ${run}",`);
});

test("stage history and pilot KPI CSV", async () => {
  const c = await as(manager);
  const history = lines(await csvText(await c.get(`/pilotage/export/historique?espace=${space.slug}`)));
  expect(history).toHaveLength(1 + 12); // A 4 moves, B 2, C 2, D 1, F 3
  const firstOfA = history.find((r) => r.includes(`;${ids.A};`) && r.includes(";Proposée;En étude;"));
  expect(firstOfA).toMatch(/;2026-01-07 11:00;2,0;$/);
  expect(history.find((r) => r.includes(";Non retenue;"))).toMatch(/;2,0;Déjà prévu ailleurs$/);
  const kpis = lines(await csvText(await c.get(`/pilotage/export/kpis?espace=${space.slug}`)));
  expect(kpis).toHaveLength(3);
  expect(kpis.find((r) => r.startsWith(ids.A!))).toMatch(/;go;Délai;jours;10;20;15;;50,0$/);
  expect(kpis.find((r) => r.startsWith(ids.F!))).toMatch(/;En expérimentation;;;;;;;;$/);
});

test("a large export arrives whole across batches, each idea once", async () => {
  const big = await makeSpace(`indicateurs-lot-${run}`);
  const count = EXPORT_BATCH_SIZE * 2 + 7;
  await prisma.idea.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      id: newId(),
      spaceId: big.id,
      authorId: people.staff1.id,
      title: `Lot ${i}`,
      body: "Un texte assez long pour une idée.",
    })),
  });
  const rows = lines(await csvText(await (await as(manager)).get(`/pilotage/export/idees?espace=${big.slug}`)));
  expect(rows).toHaveLength(count + 1);
  expect(new Set(rows.slice(1).map((r) => r.split(";")[0])).size).toBe(count);
});
