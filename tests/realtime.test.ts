// Realtime against the real app in this process (Express + Remix build + socket.io with the PostgreSQL
// adapter) and real socket.io clients: who may listen where (the leak rules), revocation, events only
// after commit, coalescing with exact counts, and the handshake's Origin check.
// docs/decisions/0005-realtime.md
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { addComment } from "~/models/comment.server.ts";
import { exactCount } from "~/models/counters.server.ts";
import { createIdea } from "~/models/idea.server.ts";
import { updateIdea } from "~/models/idea-edit.server.ts";
import { changeRole, setSpaceAccess } from "~/models/user.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { publish, transactionWithEvents } from "~/realtime/publish.server.ts";
import { getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { connectLive, sleep, until, type LiveClient } from "./support/live-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const clients: LiveClient[] = [];

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await app?.close();
});

async function live(user?: { id: string } | null, options: { origin?: string | null } = {}) {
  const cookie = user ? `idees_session=${(await createSession(user.id)).token}` : undefined;
  const client = await connectLive(app.url, { cookie, ...options });
  clients.push(client);
  return client;
}

const FORBIDDEN = { ok: false, error: "forbidden" };
const OK = { ok: true };
/** How long we keep listening for something that must NOT arrive (the emitter flushes within ~250 ms). */
const QUIET_MS = 800;

test("the leak matrix: only people who may see InnovAction can listen to it, whatever room they ask for", async () => {
  const internal = await getSpace(SPACES.internal);
  const publicSpace = await getSpace(SPACES.public);
  const author = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author, space: SPACES.internal });
  const publicIdea = await makeIdea({ author });

  const roles = [
    { label: "anonymous", user: null, allowed: false },
    { label: "PUBLIC", user: await makeUser(), allowed: false },
    { label: "SUPPLIER without grant", user: await makeUser({ role: "SUPPLIER" }), allowed: false },
    {
      label: "SUPPLIER with grant",
      user: await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] }),
      allowed: true,
    },
    { label: "EMPLOYEE", user: await makeUser({ role: "EMPLOYEE" }), allowed: true },
  ];
  const sockets = await Promise.all(roles.map((r) => live(r.user)));

  for (const [i, role] of roles.entries()) {
    const client = sockets[i]!;
    const expected = role.allowed ? OK : FORBIDDEN;
    expect(await client.join(`space:${internal.id}`), `${role.label} joins the InnovAction list`).toEqual(expected);
    expect(await client.join(`idea:${idea.id}`), `${role.label} joins an InnovAction idea`).toEqual(expected);
    // Nobody here manages the pipeline, nor is anyone else.
    expect(await client.join(`queue:${internal.id}`), `${role.label} joins the InnovAction queue`).toEqual(FORBIDDEN);
    expect(await client.join(`user:${author.id}`), `${role.label} joins someone else's room`).toEqual(FORBIDDEN);
    // A room that does not exist answers like one that may not be seen: names reveal nothing.
    expect(await client.join(`idea:${newId()}`)).toEqual(FORBIDDEN);
    expect(await client.join("ideas:everything")).toEqual({ ok: false, error: "invalid" });
    expect(await client.join(`session:${newId()}`)).toEqual({ ok: false, error: "invalid" });
    // Everyone listens to the public space, so we can tell that their sockets do receive events.
    expect(await client.join(`space:${publicSpace.id}`)).toEqual(OK);
    expect(await client.join(`idea:${publicIdea.id}`)).toEqual(OK);
    const synced = await client.sync([idea.id, publicIdea.id]);
    expect(synced.ideas.map((i) => i.ideaId).sort(), `${role.label} catches up`).toEqual(
      role.allowed ? [idea.id, publicIdea.id].sort() : [publicIdea.id],
    );
  }

  // Every kind of write on the InnovAction idea, plus a new InnovAction idea and a stage change.
  const employee = roles[4]!.user!;
  await setSupport({ user: employee, ideaId: idea.id, supported: true });
  await addComment({ user: employee, ideaId: idea.id, body: "Un commentaire interne." });
  await updateIdea({
    user: author,
    ideaId: idea.id,
    input: { title: "Un titre interne modifié", body: "Un texte interne modifié, assez long.", tags: [] },
  });
  const created = await createIdea({
    user: author,
    space: internal,
    input: { title: "Une nouvelle idée interne", body: "Une description interne assez longue.", tags: [] },
  });
  publish({ type: "idea:stage", ideaId: idea.id, spaceId: internal.id, stage: "UNDER_REVIEW" });
  // And one public write that every socket must receive.
  await setSupport({ user: employee, ideaId: publicIdea.id, supported: true });

  const allowed = sockets.filter((_, i) => roles[i]!.allowed);
  const denied = sockets.filter((_, i) => !roles[i]!.allowed);
  await until(
    () =>
      sockets.every((c) => c.about(publicIdea.id).some((e) => e.name === "idea:support")) &&
      allowed.every(
        (c) =>
          ["idea:support", "idea:comments", "idea:updated", "idea:stage"].every((name) =>
            c.about(idea.id).some((e) => e.name === name),
          ) && c.about(created.id).some((e) => e.name === "space:idea-created"),
      ),
    "every socket got the public event, the allowed ones every InnovAction event",
  );
  await sleep(QUIET_MS);
  for (const [i, client] of denied.entries()) {
    const leaked = [...client.about(idea.id), ...client.about(created.id), ...client.about(internal.id)];
    expect(leaked, `${roles.filter((r) => !r.allowed)[i]!.label} received nothing about InnovAction`).toEqual([]);
    expect(client.events.length).toBeGreaterThan(0);
  }
  // The allowed ones got exact values; a socket in both the idea and the space room gets each event once.
  const employeeSocket = sockets[4]!;
  const supportEvents = employeeSocket.about(idea.id).filter((e) => e.name === "idea:support");
  expect(supportEvents).toHaveLength(1);
  expect(supportEvents[0]!.payload).toMatchObject({ ideaId: idea.id, spaceId: internal.id, supports: 1 });
  expect(employeeSocket.about(idea.id).find((e) => e.name === "idea:comments")!.payload).toMatchObject({ comments: 1 });
  expect(employeeSocket.about(idea.id).find((e) => e.name === "idea:stage")!.payload).toMatchObject({
    stage: "UNDER_REVIEW",
  });
});

test("managers listen to their spaces' pipeline queue; a person's own room is theirs alone", async () => {
  const internal = await getSpace(SPACES.internal);
  const manager = await makeUser({ role: "MANAGER" });
  const employee = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author: employee, space: SPACES.internal });
  const [managerSocket, employeeSocket] = await Promise.all([live(manager), live(employee)]);
  expect(await managerSocket.join(`queue:${internal.id}`)).toEqual(OK);
  expect(await employeeSocket.join(`queue:${internal.id}`)).toEqual(FORBIDDEN);
  expect(await employeeSocket.join(`user:${employee.id}`)).toEqual(OK);
  expect(await employeeSocket.join(`user:${manager.id}`)).toEqual(FORBIDDEN);

  publish({ type: "idea:stage", ideaId: idea.id, spaceId: internal.id, stage: "SELECTED" });
  publish({ type: "notification:new", userId: employee.id });
  await until(
    () => managerSocket.about(idea.id).some((e) => e.name === "idea:stage"),
    "the queue hears the stage change",
  );
  await until(
    () => employeeSocket.events.some((e) => e.name === "notification:new"),
    "the person hears of a notification",
  );
  await sleep(QUIET_MS);
  expect(managerSocket.events.filter((e) => e.name === "notification:new")).toEqual([]);
  expect(employeeSocket.about(idea.id)).toEqual([]);
});

test("signing out everywhere disconnects every socket of that person at once, and nothing more reaches them", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author: employee, space: SPACES.internal });
  const browser = new HttpClient(app.url);
  await browser.signIn(employee.email, employee.password);
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const sameSession = await connectLive(app.url, { cookie });
  clients.push(sameSession);
  const otherDevice = await live(employee);
  for (const client of [sameSession, otherDevice]) expect(await client.join(`idea:${idea.id}`)).toEqual(OK);

  const response = await browser.post("/compte", { intent: "sign-out-everywhere" });
  expect(response.status).toBeLessThan(400);
  await until(
    () => sameSession.disconnected !== null && otherDevice.disconnected !== null,
    "both sockets are disconnected",
  );
  expect(sameSession.disconnected).toBe("io server disconnect");
  expect(otherDevice.disconnected).toBe("io server disconnect");

  const voter = await makeUser({ role: "EMPLOYEE" });
  await setSupport({ user: voter, ideaId: idea.id, supported: true });
  await sleep(QUIET_MS);
  expect([...sameSession.about(idea.id), ...otherDevice.about(idea.id)]).toEqual([]);

  // Reconnecting with the old cookie makes an anonymous socket, which may not listen to InnovAction.
  const again = await connectLive(app.url, { cookie });
  clients.push(again);
  expect(await again.join(`idea:${idea.id}`)).toEqual(FORBIDDEN);
});

test("signing out ends that session's sockets only", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const browser = new HttpClient(app.url);
  await browser.signIn(employee.email, employee.password);
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const here = await connectLive(app.url, { cookie });
  clients.push(here);
  const elsewhere = await live(employee);
  expect((await browser.post("/deconnexion", {})).status).toBeLessThan(400);
  await until(() => here.disconnected !== null, "the signed-out session's socket is disconnected");
  await sleep(300);
  expect(elsewhere.disconnected).toBeNull();
  expect(elsewhere.socket.connected).toBe(true);
});

test("a role change or a revoked grant disconnects the person's sockets; they come back with their new rights", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const employee = await makeUser({ role: "EMPLOYEE" });
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const internal = await getSpace(SPACES.internal);
  const idea = await makeIdea({ author: admin, space: SPACES.internal });
  const employeeCookie = `idees_session=${(await createSession(employee.id)).token}`;
  const supplierCookie = `idees_session=${(await createSession(supplier.id)).token}`;
  const employeeSocket = await connectLive(app.url, { cookie: employeeCookie });
  const supplierSocket = await connectLive(app.url, { cookie: supplierCookie });
  clients.push(employeeSocket, supplierSocket);
  for (const client of [employeeSocket, supplierSocket]) expect(await client.join(`idea:${idea.id}`)).toEqual(OK);

  await changeRole({ viewer: admin, userId: employee.id, role: "PUBLIC" });
  await setSpaceAccess({ viewer: admin, userId: supplier.id, spaceId: internal.id, granted: false });
  await until(
    () => employeeSocket.disconnected !== null && supplierSocket.disconnected !== null,
    "both are disconnected",
  );

  await setSupport({ user: admin, ideaId: idea.id, supported: true });
  await sleep(QUIET_MS);
  expect([...employeeSocket.about(idea.id), ...supplierSocket.about(idea.id)]).toEqual([]);

  // Same sessions, new rights.
  for (const cookie of [employeeCookie, supplierCookie]) {
    const again = await connectLive(app.url, { cookie });
    clients.push(again);
    expect(await again.join(`idea:${idea.id}`)).toEqual(FORBIDDEN);
  }
});

test("sessions are checked again while sockets stay open: an expired one is disconnected", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const { token } = await createSession(employee.id);
  const client = await connectLive(app.url, { cookie: `idees_session=${token}` });
  clients.push(client);
  const still = await live(employee);
  await pool.query("update sessions set expires_at = now() - interval '1 second' where id = $1", [token.split(".")[0]]);
  // A role changed behind the app's back (another tool, a process that crashed before publishing).
  expect(await app.realtime.checkSessions()).toBeGreaterThanOrEqual(1);
  await until(() => client.disconnected !== null, "the expired session's socket is disconnected");
  expect(still.socket.connected).toBe(true);
  await prisma.user.update({ where: { id: employee.id }, data: { role: "PUBLIC" } });
  await app.realtime.checkSessions();
  await until(() => still.disconnected !== null, "a socket whose rights changed is disconnected");
});

test("a write that rolls back publishes nothing; the same write committed publishes its exact count", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const watcher = await live(null);
  expect(await watcher.join(`idea:${idea.id}`)).toEqual(OK);

  await expect(
    transactionWithEvents(async (tx, events) => {
      await tx.comment.create({
        data: { id: newId(), ideaId: idea.id, authorId: author.id, body: "Jamais publié." },
        select: { id: true },
      });
      events.publish({ type: "idea:comments", ideaId: idea.id, spaceId: idea.spaceId });
      // Fails inside the transaction (unknown author): everything above rolls back.
      await tx.comment.create({
        data: { id: newId(), ideaId: idea.id, authorId: "nobody", body: "Auteur inconnu." },
        select: { id: true },
      });
    }),
  ).rejects.toThrow();
  await sleep(QUIET_MS);
  expect(watcher.about(idea.id)).toEqual([]);
  expect((await exactCount(idea.id)).comments).toBe(0);

  await transactionWithEvents(async (tx, events) => {
    await tx.comment.create({
      data: { id: newId(), ideaId: idea.id, authorId: author.id, body: "Publié." },
      select: { id: true },
    });
    events.publish({ type: "idea:comments", ideaId: idea.id, spaceId: idea.spaceId });
  });
  await until(() => watcher.about(idea.id).length > 0, "the committed comment is announced");
  expect(watcher.about(idea.id).map((e) => [e.name, e.payload.comments])).toEqual([["idea:comments", 1]]);
});

test("30 votes in a burst make a handful of broadcasts, the last with the exact count", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const watcher = await live(null);
  expect(await watcher.join(`idea:${idea.id}`)).toEqual(OK);
  const voters = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
  const cookies = await Promise.all(voters.map(async (v) => `idees_session=${(await createSession(v.id)).token}`));
  const origin = new URL(app.url).origin;
  const started = Date.now();
  const statuses = await Promise.all(
    cookies.map(async (cookie) => {
      const response = await fetch(`${app.url}/idees/${idea.id}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=support",
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  expect(statuses.every((s) => s === 303)).toBe(true);
  const supports = () => watcher.about(idea.id).filter((e) => e.name === "idea:support");
  await until(() => supports().some((e) => e.payload.supports === 30), "the exact count arrives");
  await sleep(QUIET_MS);
  const received = supports();
  // At most one flush per 250 ms window (the first at once): a handful, however slow the machine is.
  const windows = Math.ceil((received.at(-1)!.at - started) / 250);
  expect(received.length).toBeGreaterThanOrEqual(1);
  expect(received.length).toBeLessThanOrEqual(windows + 1);
  expect(received.length).toBeLessThan(30); // coalesced: fewer broadcasts than votes
  expect(received.at(-1)!.payload.supports).toBe(30);
  // Ordered by the database clock, never going backwards.
  for (let i = 1; i < received.length; i++) {
    expect(received[i]!.payload.at as number).toBeGreaterThan(received[i - 1]!.payload.at as number);
    expect(received[i]!.payload.supports as number).toBeGreaterThanOrEqual(received[i - 1]!.payload.supports as number);
  }
});

test("a handshake from a foreign Origin is refused; the app's own origin is accepted", async () => {
  await expect(connectLive(app.url, { origin: "https://evil.example" })).rejects.toThrow();
  await expect(connectLive(app.url, { origin: "https://evil.example", transports: ["polling"] })).rejects.toThrow();
  const polling = (origin: string) =>
    fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
  expect((await polling("https://evil.example")).status).toBe(403);
  expect((await polling(new URL(app.url).origin)).status).toBe(200);
  const own = await live(null);
  expect(own.socket.connected).toBe(true);
});

test("events from the other processes reach only their rooms; a malformed batch reaches nobody", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const inRoom = await live(null);
  const elsewhere = await live(null);
  expect(await inRoom.join(`idea:${idea.id}`)).toEqual(OK);
  const payload = { ideaId: idea.id, spaceId: idea.spaceId, supports: 7, at: Date.now() };
  // As the adapter hands them over from another process.
  app.realtime.emitLocally([
    { rooms: [], name: "idea:support", payload }, // no rooms would mean everyone: dropped
    { rooms: ["session:anything"], name: "idea:support", payload },
    { rooms: [`idea:${idea.id}`], name: "not-an-event", payload },
    { rooms: [`idea:${idea.id}`], name: "idea:support", payload },
  ]);
  app.realtime.emitLocally("not a batch");
  await until(() => inRoom.about(idea.id).length > 0, "the well-formed event arrives");
  await sleep(300);
  expect(inRoom.about(idea.id).map((e) => e.name)).toEqual(["idea:support"]);
  expect(elsewhere.events).toEqual([]);
});
