// What a vote answers (docs/decisions/0056): the support box with JavaScript sends a single-fetch
// `POST /idees/<id>.data` with `reply=state` and gets the viewer's state and the exact count with the
// database clock (no redirect, so no reload of the page); the plain form without JavaScript still gets
// `303` to the idea page; a refused vote answers as before whichever way it came.
import { decode } from "turbo-stream";
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { exactCount } from "~/models/counters.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { isSupportState } from "~/models/vote.ts";
import { browserVote } from "../scripts/lib/bench-vote.ts";
import { startTestApp } from "./support/app.ts";
import { getSpace, makeChallenge, makeIdea, makeUser, SPACES } from "./factories.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** The support box's request, as Chromium sends it (tests/e2e/vote-requests.test.ts watches one). */
async function boxVote(c: HttpClient, ideaId: string, intent: "support" | "unsupport") {
  const response = await c.post(`/idees/${ideaId}.data`, { intent, reply: "state" });
  const decoded = response.body ? (await decode(response.body)).value : null;
  return { status: response.status, type: response.headers.get("content-type"), decoded };
}

test("the support box's vote answers the viewer's state and the exact count with the clock; the form's answers 303", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  for (const other of [await makeUser(), await makeUser()])
    await setSupport({ user: other, ideaId: idea.id, supported: true });
  const voter = await makeUser();
  const c = new HttpClient(app.url);
  await c.signIn(voter.email, voter.password);

  const before = Date.now();
  const supported = await boxVote(c, idea.id, "support");
  expect(supported.status).toBe(200);
  expect(supported.type).toMatch(/^text\/x-script/);
  const state = (supported.decoded as { data: unknown }).data;
  expect(isSupportState(state)).toBe(true);
  expect(state).toMatchObject({ kind: "support-state", supported: true, supports: 3 });
  // The database clock of a read made after the vote committed (the test shares the machine's clock).
  const { at } = state as { at: number };
  expect(at).toBeGreaterThan(before - 1000);
  expect(at).toBeLessThan(Date.now() + 1000);
  expect((await exactCount(idea.id)).supports).toBe(3);

  // Again (a replayed click): nothing changes, the same state, a later clock.
  const again = await boxVote(c, idea.id, "support");
  expect((again.decoded as { data: unknown }).data).toMatchObject({ supported: true, supports: 3 });
  expect((again.decoded as { data: { at: number } }).data.at).toBeGreaterThan(at);

  const withdrawn = await boxVote(c, idea.id, "unsupport");
  expect(withdrawn.status).toBe(200);
  expect((withdrawn.decoded as { data: unknown }).data).toMatchObject({ supported: false, supports: 2 });
  expect(await prisma.vote.count({ where: { ideaId: idea.id, userId: voter.id } })).toBe(0);

  // The bench's vote is this request, and checks this answer.
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  expect(await browserVote({ base: app.url, cookie, ideaId: idea.id, intent: "support" })).toBe(true);
  expect(await browserVote({ base: app.url, cookie, ideaId: idea.id, intent: "support" })).toBe(true);
  expect((await exactCount(idea.id)).supports).toBe(3);

  // Without JavaScript nothing changed: the form's POST answers 303 to the idea page, with no body.
  const form = await c.post(`/idees/${idea.id}`, { intent: "unsupport" });
  expect(form.status).toBe(303);
  expect(form.headers.get("location")).toBe(`/idees/${idea.id}`);
  expect(await form.text()).toBe("");
  expect((await exactCount(idea.id)).supports).toBe(2);
  // The same request through single fetch without the field (a fetcher that does not ask for the state,
  // main's support box): the redirect Remix turns into a navigation, i.e. a reload of the page.
  const redirected = await c.post(`/idees/${idea.id}.data`, { intent: "support" });
  expect(redirected.status).toBe(202);
  expect((await exactCount(idea.id)).supports).toBe(3);
});

test("a refused vote answers the same refusal with or without the field; an anonymous one goes to sign in", async () => {
  const author = await makeUser();
  const challengeId = await makeChallenge({ spaceId: (await getSpace(SPACES.public)).id });
  const idea = await makeIdea({ author, challengeId });
  // Participation closed after the idea was proposed: supports are refused (403, the reason as data).
  await prisma.challenge.update({ where: { id: challengeId }, data: { participationClosedAt: new Date() } });
  const voter = await makeUser();
  const c = new HttpClient(app.url);
  await c.signIn(voter.email, voter.password);
  const box = await boxVote(c, idea.id, "support");
  expect(box.status).toBe(403);
  // Marked as a vote's refusal; the page no longer says what the viewer may do (its data is read again).
  expect((box.decoded as { data: unknown }).data).toEqual({
    kind: "vote-refused",
    formId: "support",
    refused: "challenge.participationClosed",
    pageStale: true,
  });
  const form = await c.post(`/idees/${idea.id}`, { intent: "support" });
  expect(form.status).toBe(403);
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);

  const anonymous = await new HttpClient(app.url).post(`/idees/${idea.id}.data`, { intent: "support", reply: "state" });
  expect(anonymous.status).toBe(202); // single fetch's redirect: to the sign-in page
  expect(await anonymous.text()).toContain("/connexion");
});

test("the support box's answer goes uncompressed though the browser accepts brotli; the page's data stays compressed", async () => {
  const idea = await makeIdea({ author: await makeUser() });
  const voter = await makeUser();
  const c = new HttpClient(app.url);
  await c.signIn(voter.email, voter.password);
  // Chromium's Accept-Encoding. Single fetch streams an action's answer without Content-Length, so the 1 KB
  // threshold never applied and each ~100-byte vote answer paid a brotli stream (docs/decisions/0062).
  const headers = { "Accept-Encoding": "gzip, deflate, br, zstd" };
  const answer = await c.post(`/idees/${idea.id}.data`, { intent: "support", reply: "state" }, { headers });
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-encoding")).toBeNull();
  expect(((await decode(answer.body!)).value as { data: unknown }).data).toMatchObject({
    supported: true,
    supports: 1,
  });
  // A page's data (a loader's answer, often kilobytes) is compressed as before.
  const page = await c.get(`/idees/${idea.id}.data`, headers);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-encoding")).toBe("br");
  await page.arrayBuffer();
});
