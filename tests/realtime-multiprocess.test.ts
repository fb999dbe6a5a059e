// Several app processes: two real servers (`node --import tsx server.ts`, production build) on two ports,
// sharing this file's PostgreSQL database. A vote and a comment made through process A reach a socket
// connected to process B — through the socket.io PostgreSQL adapter, and again through the Redis
// adapter when a Redis server answers on REDIS_URL (default redis://127.0.0.1:6379).
// docs/decisions/0005-realtime.md
import { afterAll, expect, test } from "vitest";
import { getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "./support/app-process.ts";
import { HttpClient } from "./support/http-client.ts";
import { connectLive, until, type LiveClient } from "./support/live-client.ts";
import { REDIS_URL, redisAnswers } from "./support/redis.ts";

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp)
  console.warn(
    `tests/realtime-multiprocess.test.ts: no Redis answers at ${REDIS_URL}; the Redis adapter test is skipped.`,
  );

type App = AppProcess;
const started: App[] = [];
const clients: LiveClient[] = [];

async function startProcess(extraEnv: Record<string, string> = {}): Promise<App> {
  const app = await startAppProcess(extraEnv);
  started.push(app);
  return app;
}

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(started.map(stopAppProcess));
});

async function voteAndCommentOnAReachB(extraEnv: Record<string, string>) {
  const [a, b] = await Promise.all([startProcess(extraEnv), startProcess(extraEnv)]);
  const adapter = extraEnv.REDIS_URL ? "redis" : "postgres";
  for (const app of [a, b]) expect(app.output.join("")).toContain(`${adapter} adapter`);
  const space = await getSpace(SPACES.public);
  const author = await makeUser();
  const voter = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author });
  const internalIdea = await makeIdea({ author: voter, space: SPACES.internal });

  // Anonymous reader of the idea page, and a signed-in employee on InnovAction, both on process B.
  const reader = await connectLive(b.url);
  clients.push(reader);
  expect(await reader.join(`idea:${idea.id}`)).toEqual({ ok: true });
  expect(await reader.join(`idea:${internalIdea.id}`)).toEqual({ ok: false, error: "forbidden" });
  const onA = new HttpClient(a.url);
  await onA.signIn(voter.email, voter.password);
  const cookie = [...onA.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const employeeOnB = await connectLive(b.url, { cookie });
  clients.push(employeeOnB);
  expect(await employeeOnB.join(`idea:${internalIdea.id}`)).toEqual({ ok: true });

  // The vote and the comment go through process A, over HTTP, as a browser would send them.
  expect((await onA.post(`/idees/${idea.id}`, { intent: "support" })).status).toBe(303);
  await until(() => reader.events.some((e) => e.name === "idea:support"), "B's client receives the vote made on A");
  expect(reader.events.find((e) => e.name === "idea:support")!.payload).toMatchObject({
    ideaId: idea.id,
    spaceId: space.id,
    supports: 1,
  });

  expect(
    (await onA.post(`/idees/${idea.id}`, { intent: "comment", body: "Un commentaire envoyé au processus A." })).status,
  ).toBe(302);
  await until(() => reader.events.some((e) => e.name === "idea:comments"), "B's client receives the comment made on A");
  expect(reader.events.find((e) => e.name === "idea:comments")!.payload).toMatchObject({
    ideaId: idea.id,
    spaceId: space.id,
    comments: 1,
  });
  // An InnovAction vote on A reaches the employee's socket on B, and nobody else's.
  expect((await onA.post(`/idees/${internalIdea.id}`, { intent: "support" })).status).toBe(303);
  await until(
    () => employeeOnB.about(internalIdea.id).some((e) => e.name === "idea:support"),
    "the InnovAction vote reaches the employee on B",
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(reader.about(internalIdea.id)).toEqual([]);

  // Signing out everywhere on A disconnects the person's socket on B.
  await onA.post("/compte", { intent: "sign-out-everywhere" });
  await until(() => employeeOnB.disconnected !== null, "the socket on B is disconnected by a sign-out on A");
  expect(employeeOnB.disconnected).toBe("io server disconnect");
  await Promise.all([stopAppProcess(a), stopAppProcess(b)]);
}

test(
  "two processes on one PostgreSQL: a vote and a comment made on A reach a socket on B (PostgreSQL adapter)",
  { timeout: 90_000 },
  async () => {
    await voteAndCommentOnAReachB({});
  },
);

test.skipIf(!redisUp)("the same with REDIS_URL set (Redis adapter)", { timeout: 90_000 }, async () => {
  await voteAndCommentOnAReachB({ REDIS_URL });
});
