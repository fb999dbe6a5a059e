// Hackathon pages over real HTTP (docs/decisions/0035-hackathons.md): the manager's form (bad input is a
// 400 on the field, nothing stored), the page's intents, rate-limited writes, 404 for outsiders.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);

const form = {
  intent: "create",
  formId: "hackathon",
  title: "Hackathon des données 2027",
  cover: "Deux jours pour construire avec les données ouvertes.",
  objective: "Des prototypes utiles aux demandeurs d'emploi.",
  place: "Lyon",
  registrationOpensAt: "2026-01-01T09:00",
  registrationClosesAt: "2030-01-01T09:00",
  startsAt: "2026-01-02T09:00",
  endsAt: "2030-01-03T09:00",
  submissionDeadline: "2030-01-03T08:00",
  resultsAt: "2030-01-10T09:00",
  capacity: "2",
  teamSizeMax: "3",
  criteria: "Impact\nFaisabilité",
};

test("a manager creates a hackathon; bad input is a 400 on the field and stores nothing; others get a 404", async () => {
  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  const path = `/espaces/${SPACES.public}/hackathons/nouveau`;
  const page = await manager.get(path);
  expect(page.status, await page.clone().text()).toBe(200);
  const before = await prisma.hackathon.count();
  const bad = await manager.post(path, { ...form, onlineUrl: "javascript:alert(1)", capacity: "0" });
  expect(bad.status).toBe(400);
  const body = await bad.text();
  expect(body).toContain("Indiquez une adresse http ou https.");
  expect(body).toMatch(/Indiquez un nombre entre 1 et 10\D?000\./);
  expect(await prisma.hackathon.count()).toBe(before);
  const created = await manager.post(path, form);
  expect(created.status).toBe(302);
  const location = created.headers.get("location")!;
  expect(location).toMatch(/^\/hackathons\/[a-z0-9]+$/);
  const show = await manager.get(location);
  expect(show.status).toBe(200);
  expect(await show.text()).toContain("En cours : les équipes construisent leur projet");
  const outsider = await signedIn(await makeUser());
  expect((await outsider.get(path)).status).toBe(404);
  expect((await outsider.get(`${location}/modifier`)).status).toBe(404);
  // The challenge's page leads to the hackathon's.
  const id = location.split("/").pop()!;
  const challenge = await outsider.get(`/defis/${id}`);
  expect(challenge.status).toBe(302);
  expect(challenge.headers.get("location")).toBe(location);

  // Registration through the page; a third person lands on the waiting list.
  const people = await Promise.all([0, 1, 2].map(() => makeUser()));
  const statuses = [];
  for (const person of people) {
    const c = await signedIn(person);
    const res = await c.post(location, { intent: "register" });
    expect(res.status).toBe(302);
    statuses.push(
      (await prisma.hackathonRegistration.findFirstOrThrow({ where: { userId: person.id }, select: { status: true } }))
        .status,
    );
  }
  expect(statuses).toEqual(["REGISTERED", "REGISTERED", "WAITING"]);
  const again = await (await signedIn(people[0]!)).post(location, { intent: "register" });
  expect(again.status).toBe(400);
  const unknown = await manager.post(location, { intent: "nonsense" });
  expect(unknown.status).toBe(400);
});

test("an InnovAction hackathon is a 404 for the public, anonymous or signed in", async () => {
  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  const created = await manager.post(`/espaces/${SPACES.internal}/hackathons/nouveau`, form);
  const location = created.headers.get("location")!;
  expect((await manager.get(location)).status).toBe(200);
  expect((await new HttpClient(app.url).get(location)).status).toBe(404);
  expect((await new HttpClient(app.url).get(`${location}/resultats`)).status).toBe(404);
  const publicPerson = await signedIn(await makeUser());
  expect((await publicPerson.get(location)).status).toBe(404);
  expect((await publicPerson.post(location, { intent: "register" })).status).toBe(404);
});
