// Live pages converge after an outage (docs/decisions/0005-realtime.md, "Convergence"). Real app
// processes on a PostgreSQL cluster of this file's own, which the tests stop and start:
//   - the database stops while the emitter holds acknowledged withdrawals: once it is back, the
//     sockets get the exact count (the emitter used to give up after 3 tries and drop them);
//   - the event bus loses a message between two processes: the receiving process notices at the
//     sender's next beat and tells its sockets to re-sync, which gives them the exact count;
//   - the gap rules themselves (a skipped position in a room, a message claimed but never received).
import { afterAll, expect, test } from "vitest";
import pg from "pg";
import { PeerStreams, RoomGaps } from "~/realtime/gaps.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "./support/app-process.ts";
import { connectLive, sleep, until, type LiveClient } from "./support/live-client.ts";
import { startPrivateDatabase } from "./support/private-database.ts";
import { startWithOwnListener } from "./support/bus-listener.ts";

const db = await startPrivateDatabase();
process.env.DATABASE_URL = db.url;
// Imported now, so that the models of this process (factories, sessions) use the private cluster.
const { makeIdea, makeUser } = await import("./factories.ts");
const { setSupport } = await import("~/models/vote.server.ts");
const { createSession } = await import("~/auth/session.server.ts");

const apps: AppProcess[] = [];
const clients: LiveClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(apps.map(stopAppProcess));
  const { disconnectDatabase } = await import("~/lib/db.server.ts");
  await disconnectDatabase();
  await db.close();
});

async function app(extraEnv: Record<string, string> = {}) {
  const started = await startAppProcess({ DATABASE_URL: db.url, ...extraEnv });
  apps.push(started);
  return started;
}

async function live(url: string) {
  const client = await connectLive(url);
  clients.push(client);
  return client;
}

/** An idea supported by `count` people, each with a session cookie to withdraw through the app. */
async function supportedIdea(count: number) {
  const idea = await makeIdea({ author: await makeUser() });
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await makeUser();
    await setSupport({ user, ideaId: idea.id, supported: true });
    cookies.push(`idees_session=${(await createSession(user.id)).token}`);
  }
  return { idea, cookies };
}

/** Withdraws a support over HTTP, as the support button does; the app acknowledges with a redirect. */
async function withdraw(baseUrl: string, ideaId: string, cookie: string) {
  const response = await fetch(`${baseUrl}/idees/${ideaId}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: baseUrl },
    body: new URLSearchParams({ intent: "unsupport" }).toString(),
  });
  expect(response.status).toBe(303);
}

const lastSupports = (client: LiveClient, ideaId: string) =>
  client
    .about(ideaId)
    .filter((e) => e.name === "idea:support")
    .at(-1)?.payload.supports;

test("gap rules: a skipped position in a joined room, a message claimed by a beat but never received", () => {
  const gaps = new RoomGaps();
  const joined = (room: string) => room === "idea:a" || room === "space:s";
  expect(gaps.seen({ p: "r1", n: { "idea:a": 4, "space:s": 10 } }, joined)).toBe(false); // baseline
  expect(gaps.seen({ p: "r1", n: { "idea:a": 5, "space:s": 11 } }, joined)).toBe(false);
  expect(gaps.seen({ p: "r1", n: { "space:s": 13, "idea:b": 1 } }, joined)).toBe(true); // 12 is missing
  expect(gaps.seen({ p: "r1", n: { "idea:zz": 9 } }, joined)).toBe(false); // not a room of the page
  expect(gaps.seen({ p: "r2", n: { "idea:a": 1 } }, joined)).toBe(false); // another process: its own baseline
  expect(gaps.seen({ p: "r1", n: { "idea:a": 5 } }, joined)).toBe(false); // a repeat is not a gap
  expect(gaps.seen(undefined, joined)).toBe(false); // about hidden content: not numbered
  gaps.forgetRoom("idea:a");
  expect(gaps.seen({ p: "r1", n: { "idea:a": 9 } }, joined)).toBe(false); // joined again: new baseline

  const peers = new PeerStreams();
  expect(peers.beat("A", 3, 0)).toBe(false); // first heard of: baseline
  peers.received("A", 5, 100); // 4 is late (another connection)…
  expect(peers.beat("A", 5, 2000)).toBe(false); // …and gets one beat of grace
  peers.received("A", 4, 2100);
  expect(peers.beat("A", 5, 4000)).toBe(false);
  expect(peers.beat("A", 7, 6000)).toBe(false); // 6 and 7 claimed…
  expect(peers.beat("A", 7, 8000)).toBe(true); // …never came: lost
  expect(peers.beat("A", 7, 10_000)).toBe(false); // given up on, once
  peers.received("A", 8, 10_100);
  expect(peers.beat("A", 8, 12_000)).toBe(false);
});

test(
  "the database stops while withdrawals are pending: once it is back, sockets get the exact count",
  { timeout: 60_000 },
  async () => {
    // A wide coalescing window holds the second withdrawal in the emitter when the database stops.
    const a = await app({ REALTIME_COALESCE_MS: "2000" });
    const { idea, cookies } = await supportedIdea(3);
    const reader = await live(a.url);
    expect(await reader.join(`idea:${idea.id}`)).toEqual({ ok: true });
    expect((await reader.sync([idea.id])).ideas[0]!.supports).toBe(3);

    await withdraw(a.url, idea.id, cookies[0]!);
    await until(() => lastSupports(reader, idea.id) === 2, "the first withdrawal goes out at once");
    await withdraw(a.url, idea.id, cookies[1]!); // acknowledged; its event waits for the window
    await db.stop();
    // Longer than the emitter's old give-up (three tries over about 3 s after the window).
    await sleep(6000);
    expect(lastSupports(reader, idea.id)).toBe(2);
    expect(reader.disconnected).toBeNull(); // the socket never noticed anything

    await db.start();
    const back = Date.now();
    await until(() => lastSupports(reader, idea.id) === 1, "the exact count after recovery", 15_000);
    console.log(`[resync] exact count ${Date.now() - back} ms after the database came back`);
    expect((await reader.sync([idea.id])).ideas[0]!.supports).toBe(1);
    expect(a.output.join("")).toContain("reading counts works again");
    await stopAppProcess(a); // the next test tells the processes on the bus apart
  },
);

test(
  "the event bus loses a message between two processes: the receiving process's sockets re-sync",
  { timeout: 60_000 },
  async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { app: b, listener: bListener, cut: cutListener, listeners } = await startWithOwnListener(admin, app);
      const a = await app();
      await sleep(2500); // B has heard A's beats (a process first heard of sets a baseline: gaps.ts)
      const { idea, cookies } = await supportedIdea(2);
      const onB = await live(b.url);
      expect(await onB.join(`idea:${idea.id}`)).toEqual({ ok: true });
      expect((await onB.sync([idea.id])).ideas[0]!.supports).toBe(2);

      // B's bus listener is cut, again and again (it reconnects by itself within 1–3 s), while A sends.
      let cutting = true;
      const cut = (async () => {
        while (cutting) {
          await cutListener();
          await sleep(50);
        }
      })();
      await until(async () => !(await listeners()).includes(bListener), "B no longer listens");
      await withdraw(a.url, idea.id, cookies[0]!);
      await sleep(2500);
      cutting = false;
      await cut;
      expect(lastSupports(onB, idea.id)).toBeUndefined(); // the message was lost for B

      // B hears A's next beats, sees a message missing, and tells its sockets; the socket asks `sync`.
      await until(() => onB.events.some((e) => e.name === "live:resync"), "B asks its sockets to re-sync", 15_000);
      const hint = onB.events.find((e) => e.name === "live:resync")!.payload;
      expect(hint.spreadMs).toBeGreaterThan(0);
      expect((await onB.sync([idea.id])).ideas[0]!.supports).toBe(1);
      expect(b.output.join("")).toContain("messages from another process were lost");
    } finally {
      await admin.end();
    }
  },
);
