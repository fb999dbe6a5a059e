// Picking the idea to merge into by typing its title (docs/decisions/0014-merge-duplicates.md), over
// real HTTP: the resource route lists only ideas a merge would accept — same space, listed, in review,
// never the idea itself — to the managers of its space only; without JavaScript the manager page's GET
// search shows the same results as radio buttons, and a picked one merges.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { mergeIdeas } from "~/models/merge.server.ts";
import { hideContent } from "~/models/moderation.server.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { advanceIdea, makeIdea, makeUser, SPACES } from "./factories.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function as(user: { email: string; password: string } | null) {
  const c = new HttpClient(app.url);
  if (user) await c.signIn(user.email, user.password);
  return c;
}
const letters = () =>
  Array.from({ length: 10 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");
const search = (c: HttpClient, ideaId: string, q: string) =>
  c.get(`/api/idees/${ideaId}/cibles-fusion?q=${encodeURIComponent(q)}`);
const found = async (response: Response) => {
  expect(response.status).toBe(200);
  return ((await response.json()) as { ideas: { id: string }[] }).ideas.map((i) => i.id).sort();
};

async function fixtures() {
  const word = `zq${letters()}`;
  const [manager, moderator, author] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "MODERATOR" }),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const titled = (label: string, space: string = SPACES.public) =>
    makeIdea({ author, space, title: `Un guichet ${word} ${label}` });
  const source = await titled("doublon");
  const target = await titled("accueil");
  const reviewed = await titled("à l'étude");
  await advanceIdea({ ideaId: reviewed.id, manager, to: "UNDER_REVIEW" });
  const decided = await titled("en production");
  await advanceIdea({ ideaId: decided.id, manager, to: "PRODUCTION" });
  const hidden = await titled("masquée");
  await hideContent({ user: moderator, target: "idea", targetId: hidden.id, reason: "Hors charte" });
  const merged = await titled("fusionnée");
  const elsewhere = await makeIdea({ author, title: `Une autre idée ${letters()}` });
  await mergeIdeas({ user: manager, sourceId: merged.id, targetId: elsewhere.id });
  const otherSpace = await titled("interne", SPACES.internal);
  return { word, manager, author, source, target, reviewed, decided, hidden, merged, otherSpace };
}

test("the search lists the same space's listed ideas in review, never the idea itself", async () => {
  const f = await fixtures();
  const [admin] = await Promise.all([makeUser({ role: "ADMIN" })]);
  const expected = [f.target.id, f.reviewed.id].sort();
  expect(await found(await search(await as(f.manager), f.source.id, f.word))).toEqual(expected);
  expect(await found(await search(await as(admin), f.source.id, f.word))).toEqual(expected);
  // Case and accents are ignored, and part of a word is enough.
  const m = await as(f.manager);
  expect(await found(await search(m, f.source.id, `GUICHET ${f.word.slice(0, 7).toUpperCase()}`))).toEqual(expected);
  expect(await found(await search(m, f.source.id, "accueil " + f.word))).toContain(f.target.id);
  // Too short to search, NUL dropped, too long cut: answers, never a 500.
  expect(await found(await search(m, f.source.id, "z"))).toEqual([]);
  expect(await found(await search(m, f.source.id, `${f.word}\u0000`))).toEqual(expected);
  expect((await search(m, f.source.id, "x".repeat(5000))).status).toBe(200);
});

test("only the managers of the idea's space may search: 403 for others, 404 when the idea is not visible", async () => {
  const f = await fixtures();
  const [employee, supplier] = await Promise.all([makeUser({ role: "EMPLOYEE" }), makeUser({ role: "SUPPLIER" })]);
  expect((await search(await as(null), f.source.id, f.word)).status).toBe(403);
  expect((await search(await as(employee), f.source.id, f.word)).status).toBe(403);
  expect((await search(await as(f.author), f.source.id, f.word)).status).toBe(403);
  // An InnovAction idea does not exist for the public or a supplier without access.
  expect((await search(await as(null), f.otherSpace.id, f.word)).status).toBe(404);
  expect((await search(await as(supplier), f.otherSpace.id, f.word)).status).toBe(404);
  expect((await search(await as(f.manager), "nope", f.word)).status).toBe(404);
  // A merged idea is frozen: nothing to merge it into (and the page's revalidation after a merge is no error).
  expect(await found(await search(await as(f.manager), f.merged.id, f.word))).toEqual([]);
  expect((await search(await as(employee), f.merged.id, f.word)).status).toBe(403);
});

test("without JavaScript, the manager page's search shows the results as radio buttons, and a picked one merges", async () => {
  const f = await fixtures();
  const m = await as(f.manager);
  const page = await (await m.get(`/idees/${f.source.id}/pilotage?cible=${encodeURIComponent(f.word)}`)).text();
  const picks = [...page.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((r) => /value="([^"]+)"/.exec(r[0])![1]);
  expect(picks.sort()).toEqual([f.target.id, f.reviewed.id].sort());
  expect(page).not.toContain(`value="${f.hidden.id}"`);

  const empty = await m.post(`/idees/${f.source.id}/pilotage`, {
    intent: "merge",
    formId: "merge",
    target: "",
    note: "",
  });
  expect(empty.status).toBe(400);
  const res = await m.post(`/idees/${f.source.id}/pilotage`, {
    intent: "merge",
    formId: "merge",
    target: "",
    pick: f.target.id,
    note: "",
  });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/idees/${f.target.id}/pilotage`);
  const source = await prisma.idea.findUniqueOrThrow({ where: { id: f.source.id }, select: { mergedIntoId: true } });
  expect(source.mergedIntoId).toBe(f.target.id);
});
