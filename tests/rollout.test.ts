// Roll-out per agency (docs/decisions/0028, part 4): the CSV import (per-row problems and a 400, nothing
// half-stored, idempotent upsert by code, free-text agencies taken over), "120 of 900"-style counts
// against a hand-computed fixture, the staff's declaration counting only once a manager confirmed it,
// and the progress never counting a hidden idea.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { confirmAdoption, declareAdoption, importAgencies, rolloutProgress } from "~/models/agency.server.ts";
import { parseAgencyCsv } from "~/models/agency.ts";
import { parisDay } from "~/lib/time.ts";
import { agencyCsv, demoAgencies } from "../scripts/lib/demo-agencies.ts";
import { advanceIdea, makeIdea, makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

type Person = Awaited<ReturnType<typeof makeUser>>;
let admin: Person;
let manager: Person;
let agent: Person;
let app: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN" });
  manager = await makeUser({ role: "MANAGER" });
  agent = await makeUser({ role: "EMPLOYEE" });
  app = await startTestApp();
}, 120_000);
afterAll(async () => app?.close());

test("the CSV file row by row: every problem with its line, nothing kept when one row is wrong", () => {
  const csv = 'code;nom;region\nBRE001;Rennes;Bretagne\nbad code!;Brest;Bretagne\nBRE001;"Rennes; bis";\n';
  expect(parseAgencyCsv(csv)).toEqual({
    rows: [],
    problems: [
      { line: 3, field: "code", key: "agencies.codeInvalid", value: "BAD CODE!" },
      { line: 4, field: "code", key: "agencies.codeTwice", value: "BRE001" },
      { line: 4, field: "region", key: "agencies.regionInvalid" },
    ],
  });
  expect(parseAgencyCsv("id,town\n1,Rennes").problems).toEqual([{ line: 1, field: "file", key: "agencies.csvHeader" }]);
  expect(parseAgencyCsv('code,name,region\n"BRE001,Rennes').problems[0]).toMatchObject({ field: "file" });
  expect(parseAgencyCsv("\uFEFFCode,Name,Région\r\nbre002, Brest ,Bretagne").rows).toEqual([
    { code: "BRE002", name: "Brest", region: "Bretagne" },
  ]);
  const demo = demoAgencies();
  expect(demo).toHaveLength(900);
  expect(parseAgencyCsv(agencyCsv(demo)).rows).toEqual(demo);
});

test("import over HTTP: 400 with each row's problem and nothing stored; then an idempotent upsert by code", async () => {
  const before = await prisma.agency.count();
  const client = new HttpClient(app.url);
  await client.signIn(admin.email, admin.password);
  const upload = (csv: string) => {
    const form = new FormData();
    form.set("intent", "import");
    form.set("fichier", new File([csv], "agences.csv", { type: "text/csv" }));
    return fetch(new URL("/admin/agences", app.url), {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), Origin: app.url },
    });
  };
  const bad = await upload("code;nom;region\nTST001;Test un;Test\nTST002;;Test\n");
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Ligne 3 (name)");
  expect(await prisma.agency.count()).toBe(before); // the good first row was not stored either
  const empty = new FormData();
  empty.set("intent", "import");
  const noFile = await fetch(new URL("/admin/agences", app.url), {
    method: "POST",
    body: empty,
    redirect: "manual",
    headers: { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), Origin: app.url },
  });
  expect(noFile.status).toBe(400);
  const managerClient = new HttpClient(app.url);
  await managerClient.signIn(manager.email, manager.password);
  expect((await managerClient.get("/admin/agences")).status).toBe(403);
  // The production record's free text names two agencies of the list-to-be.
  const author = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author, space: "innovaction" });
  await advanceIdea({ ideaId: idea.id, manager, to: "PRODUCTION" });
  await prisma.rollout.update({
    where: { ideaId: idea.id },
    data: { releasedOn: new Date("2026-11-02"), agencies: ["tst-a01", " Alpha ", "Ailleurs"] },
  });
  const csv = "code;nom;region\nTST-A01;Alpha nord;Test A\nTST-A02;Alpha;Test A\nTST-B01;Beta;Test B\n";
  expect((await upload(csv)).status).toBe(302);
  expect(await prisma.agency.count()).toBe(before + 3);
  const adoptions = await prisma.agencyAdoption.findMany({
    where: { ideaId: idea.id },
    orderBy: { agencyCode: "asc" },
    select: { agencyCode: true, adoptedOn: true, confirmedAt: true },
  });
  expect(adoptions.map((a) => [a.agencyCode, a.adoptedOn?.toISOString().slice(0, 10), a.confirmedAt !== null])).toEqual(
    [
      ["TST-A01", "2026-11-02", true], // by code
      ["TST-A02", "2026-11-02", true], // by name
    ],
  );
  // Again, with a renamed agency: updated in place, nothing doubled.
  const again = await importAgencies({ user: admin, csv: csv.replace("Beta;Test B", "Bêta;Test B") });
  expect(again).toEqual({ ok: true, created: 0, updated: 3, matched: 0 });
  expect(await prisma.agency.findUnique({ where: { code: "TST-B01" }, select: { name: true } })).toEqual({
    name: "Bêta",
  });
  // Progress: 2 of all agencies, in 1 region; a declaration counts once confirmed; hidden: not counted.
  const total = await prisma.agency.count();
  expect((await rolloutProgress([idea.id])).get(idea.id)).toMatchObject({ adopted: 2, total, regions: 1 });
  await prisma.user.update({ where: { id: agent.id }, data: { agency: " BÊTA " } }); // by name, any case
  await expect(declareAdoption({ user: { ...agent, role: "PUBLIC" }, ideaId: idea.id })).rejects.toThrow();
  await declareAdoption({ user: agent, ideaId: idea.id });
  await declareAdoption({ user: agent, ideaId: idea.id }); // twice: one declaration
  expect((await rolloutProgress([idea.id])).get(idea.id)).toMatchObject({ adopted: 2, regions: 1 });
  await expect(confirmAdoption({ user: agent, ideaId: idea.id, agencyCode: "TST-B01" })).rejects.toThrow();
  await confirmAdoption({ user: manager, ideaId: idea.id, agencyCode: "TST-B01" });
  expect((await rolloutProgress([idea.id])).get(idea.id)).toMatchObject({ adopted: 3, total, regions: 2 });
  const page = await (await new HttpClient(app.url).get("/en-production")).text();
  expect(page).not.toContain(`Déployée dans 3 agences sur ${total}`); // InnovAction: not for visitors
  const staff = new HttpClient(app.url);
  await staff.signIn(agent.email, agent.password);
  expect(await (await staff.get("/en-production")).text()).toContain(`Déployée dans 3 agences sur ${total}`);
  expect(await (await staff.get(`/idees/${idea.id}`)).text()).toContain("Votre agence (Bêta) compte parmi");
  await prisma.idea.update({
    where: { id: idea.id },
    data: { hiddenAt: new Date(), hiddenKind: "MODERATOR", hiddenReason: "Hors charte" },
  });
  expect((await rolloutProgress([idea.id])).has(idea.id)).toBe(false);
});

test("a manager records an agency's adoption on the roll-out page: dated, counted at once, audited; bad input is a 400", async () => {
  await importAgencies({
    user: admin,
    csv: "code;nom;region\nREC-01;Recette Ouest;Recette\nREC-02;Recette Est;Recette\n",
  });
  const author = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author, space: "innovaction" });
  await advanceIdea({ ideaId: idea.id, manager, to: "PRODUCTION" });
  const page = `/idees/${idea.id}/pilote`;
  const client = new HttpClient(app.url);
  await client.signIn(manager.email, manager.password);
  const form = await (await client.get(page)).text();
  expect(form).toContain("Enregistrer l&#x27;adoption par une agence");
  const record = (agency: string, adoptedOn: string) =>
    client.post(page, { intent: "record-adoption", formId: "adoption", agency, adoptedOn });

  const unknown = await record("Nulle part", "2026-10-01");
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain("Aucune agence de la liste de référence ne porte ce code ou ce nom");
  const tomorrow = parisDay(new Date(Date.now() + 2 * 86_400_000));
  const future = await record("REC-01", tomorrow);
  expect(future.status).toBe(400);
  expect(await future.text()).toContain("La date ne peut pas être dans le futur.");
  expect((await record("REC-01", "2026-02-30")).status).toBe(400);
  expect(await prisma.agencyAdoption.count({ where: { ideaId: idea.id } })).toBe(0);

  // By its name, in any case: counted at once, with its day; the audit says who, what and when.
  const ok = await record("recette est", "2026-10-01");
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe(`${page}#adoptions-title`);
  const stored = await prisma.agencyAdoption.findUniqueOrThrow({
    where: { ideaId_agencyCode: { ideaId: idea.id, agencyCode: "REC-02" } },
    select: { adoptedOn: true, confirmedById: true, confirmedAt: true },
  });
  expect(stored.adoptedOn?.toISOString().slice(0, 10)).toBe("2026-10-01");
  expect(stored.confirmedById).toBe(manager.id);
  expect(stored.confirmedAt).not.toBeNull();
  const audit = await prisma.auditLog.findFirstOrThrow({
    where: { action: "rollout.adoption", targetId: idea.id },
    select: { actorId: true, after: true },
  });
  expect(audit).toEqual({
    actorId: manager.id,
    after: { agencyCode: "REC-02", adoptedOn: "2026-10-01", recordedDirectly: true },
  });
  const total = await prisma.agency.count();
  expect((await rolloutProgress([idea.id])).get(idea.id)).toMatchObject({ adopted: 1, total, regions: 1 });
  expect(await (await client.get(page)).text()).toContain("Recette Est (Recette), depuis le 1 octobre 2026");
  // The idea page and /en-production show the progress to staff.
  const progress = `Déployée dans 1 agence sur ${total}`;
  expect(await (await client.get(`/idees/${idea.id}`)).text()).toContain(progress);
  expect(await (await client.get("/en-production")).text()).toContain(progress);

  // Someone who may not run the roll-out cannot record one.
  const staff = new HttpClient(app.url);
  await staff.signIn(agent.email, agent.password);
  const refused = await staff.post(page, {
    intent: "record-adoption",
    formId: "adoption",
    agency: "REC-01",
    adoptedOn: "2026-10-01",
  });
  expect(refused.status).toBe(403);
  expect(await prisma.agencyAdoption.count({ where: { ideaId: idea.id } })).toBe(1);
});

test("the admin navigation links to the agencies page, for admins only", async () => {
  const adminClient = new HttpClient(app.url);
  await adminClient.signIn(admin.email, admin.password);
  expect(await (await adminClient.get("/")).text()).toContain('href="/admin/agences"');
  const managerClient = new HttpClient(app.url);
  await managerClient.signIn(manager.email, manager.password);
  expect(await (await managerClient.get("/")).text()).not.toContain('href="/admin/agences"');
});
