// Session management (OWASP ASVS 5.0 level 2, V7) over real HTTP: a person sees and ends their
// sessions, an admin ends someone's, and e-mail or password changes require the current password.
import { afterAll, beforeAll, expect, test } from "vitest";
import { verifyPassword } from "~/auth/password.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function signInAs(user: { email: string; password: string }, userAgent?: string) {
  const client = new HttpClient(app.url);
  const res = await client.post(
    "/connexion",
    { email: user.email, password: user.password },
    userAgent ? { headers: { "User-Agent": userAgent } } : {},
  );
  expect(res.status).toBe(302);
  return client;
}

const signedIn = async (client: HttpClient) => (await client.get("/compte")).status === 200;
const sessionIdsOf = async (userId: string) =>
  (await prisma.session.findMany({ where: { userId }, select: { id: true }, orderBy: { createdAt: "asc" } })).map(
    (s) => s.id,
  );

test("my account lists my active sessions (device, IP, this device) and nothing secret", async () => {
  const user = await makeUser();
  const laptop = await signInAs(user, FIREFOX_WINDOWS);
  await signInAs(user, SAFARI_IPHONE);
  const other = await makeUser();
  await signInAs(other, FIREFOX_WINDOWS);
  const html = await (await laptop.get("/compte")).text();
  const table = html.slice(html.indexOf('data-testid="sessions"'), html.indexOf("</table>"));
  expect(table.match(/<tr data-current="true">/g)?.length).toBe(1);
  expect(table.replaceAll("<!-- -->", "")).toMatch(
    /<tr data-current="true"><th scope="row">Firefox sur Windows<strong> \(cet appareil\)<\/strong>/,
  );
  expect(table).toContain("Safari sur iOS");
  expect(table).toMatch(/127\.0\.0\.1/);
  expect(table.match(/name="sessionId"/g)?.length).toBe(2);
  // Only this person's sessions, and no secret: neither the hash nor the cookie's secret part.
  const [otherSession] = await sessionIdsOf(other.id);
  expect(html).not.toContain(otherSession);
  const cookie = [...laptop.cookies.values()].find((v) => v.includes("."))!;
  expect(html).not.toContain(cookie.split(".")[1]);
  expect(html).not.toMatch(/secret/i);
});

test("I end one of my other sessions; it stops working at once, and the ending is audited", async () => {
  const user = await makeUser();
  const laptop = await signInAs(user, FIREFOX_WINDOWS);
  const phone = await signInAs(user, SAFARI_IPHONE);
  const [, phoneSession] = await sessionIdsOf(user.id);
  const res = await laptop.post("/compte", { intent: "end-session", sessionId: phoneSession! });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/compte");
  expect(await signedIn(phone)).toBe(false);
  expect(await signedIn(laptop)).toBe(true);
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.session.end", targetId: user.id },
    select: { actorId: true, after: true },
  });
  expect(entry).toEqual({ actorId: user.id, after: { sessions: 1 } });
});

test("another person's session id is a 404 and stays valid; ending my current session signs me out", async () => {
  const [victim, attacker] = await Promise.all([makeUser(), makeUser()]);
  const victimClient = await signInAs(victim);
  const attackerClient = await signInAs(attacker);
  const [victimSession] = await sessionIdsOf(victim.id);
  const res = await attackerClient.post("/compte", { intent: "end-session", sessionId: victimSession! });
  expect(res.status).toBe(404);
  expect(await signedIn(victimClient)).toBe(true);

  const [mine] = await sessionIdsOf(attacker.id);
  const own = await attackerClient.post("/compte", { intent: "end-session", sessionId: mine! });
  expect(own.status).toBe(302);
  expect(own.headers.get("location")).toBe("/");
  expect(own.headers.getSetCookie().some((c) => /idees_session=;.*Max-Age=0/.test(c))).toBe(true);
  expect(await sessionIdsOf(attacker.id)).toEqual([]);
});

test("an admin ends all sessions of a user (audited with before/after); others cannot", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const user = await makeUser();
  const adminClient = await signInAs(admin);
  const [a, b] = [await signInAs(user), await signInAs(user)];
  const page = await (await adminClient.get(`/admin/utilisateurs?q=${encodeURIComponent(user.email)}`)).text();
  expect(page).toContain("Terminer toutes ses sessions");

  const manager = await signInAs(await makeUser({ role: "MANAGER" }));
  expect((await manager.post("/admin/utilisateurs", { intent: "end-sessions", userId: user.id })).status).toBe(403);
  expect(await signedIn(a)).toBe(true);

  const res = await adminClient.post("/admin/utilisateurs", { intent: "end-sessions", userId: user.id });
  expect(res.status).toBe(302);
  expect(await signedIn(a)).toBe(false);
  expect(await signedIn(b)).toBe(false);
  expect(await signedIn(adminClient)).toBe(true);
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.sessions.end", targetId: user.id },
    select: { actorId: true, before: true, after: true },
  });
  expect(entry).toEqual({ actorId: admin.id, before: { sessions: 2 }, after: { sessions: 0 } });
  // The admin journal shows it.
  const journal = await (await adminClient.get("/admin/journal?action=user.sessions.end")).text();
  expect(journal).toContain("Toutes les sessions terminées");
  expect(journal).toContain(user.displayName);
});

test("changing the password needs the current one; it ends every other session and renews this one", async () => {
  const user = await makeUser();
  const laptop = await signInAs(user);
  const phone = await signInAs(user);
  const oldCookies = new Map(laptop.cookies);

  const wrong = await laptop.post("/compte", {
    intent: "change-password",
    formId: "password",
    currentPassword: "pas-le-bon-mot",
    newPassword: "un-tout-nouveau-secret",
  });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("Ce n&#x27;est pas votre mot de passe actuel.");
  const unchanged = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  expect(await verifyPassword(unchanged.passwordHash, user.password)).toBe(true);
  expect(await signedIn(phone)).toBe(true);

  const missing = await laptop.post("/compte", {
    intent: "change-password",
    formId: "password",
    newPassword: "un-tout-nouveau-secret",
  });
  expect(missing.status).toBe(400);

  const ok = await laptop.post("/compte", {
    intent: "change-password",
    formId: "password",
    currentPassword: user.password,
    newPassword: "un-tout-nouveau-secret",
  });
  expect(ok.status).toBe(302);
  expect(await signedIn(laptop)).toBe(true); // with the new cookie
  expect(await signedIn(phone)).toBe(false);
  const replay = new HttpClient(app.url);
  for (const [k, v] of oldCookies) replay.cookies.set(k, v);
  expect(await signedIn(replay)).toBe(false); // the old token of this very device is dead too
  expect(await sessionIdsOf(user.id)).toHaveLength(1);

  expect(
    (await new HttpClient(app.url).post("/connexion", { email: user.email, password: user.password })).status,
  ).toBe(400);
  await signInAs({ email: user.email, password: "un-tout-nouveau-secret" });
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.password", targetId: user.id },
    select: { actorId: true, before: true, after: true },
  });
  expect(entry).toEqual({ actorId: user.id, before: null, after: { sessionsEnded: 2 } });
});

test("changing the e-mail needs the current password, answers the same for a taken address, and changes nothing until the new address is verified", async () => {
  const user = await makeUser();
  const taken = await makeUser();
  const client = await signInAs(user);
  const fresh = `nouvelle-adresse-${Date.now()}@example.test`;

  const wrong = await client.post("/compte", {
    intent: "change-email",
    formId: "email",
    email: fresh,
    currentPassword: "pas-le-bon-mot",
  });
  expect(wrong.status).toBe(400);
  // A taken address and a free one get the same answer (docs/decisions/0024): no enumeration.
  const answers = [];
  for (const email of [taken.email, fresh.toUpperCase()]) {
    const res = await client.post("/compte", {
      intent: "change-email",
      formId: "email",
      email,
      currentPassword: user.password,
    });
    answers.push({ status: res.status, location: res.headers.get("location") });
  }
  expect(answers[0]).toEqual({ status: 302, location: "/compte" });
  expect(answers[1]).toEqual(answers[0]);
  // The full journey, through the e-mailed link, is in tests/identity.test.ts.
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email).toBe(
    user.email,
  );
});

test("re-authentication is rate limited per account (a stolen session cannot guess the password)", async () => {
  const user = await makeUser();
  const client = await signInAs(user);
  for (let i = 0; i < 10; i++) {
    const res = await client.post("/compte", {
      intent: "change-email",
      formId: "email",
      email: `x${i}@example.test`,
      currentPassword: `essai-${i}-du-voleur`,
    });
    expect(res.status).toBe(400);
  }
  const blocked = await client.post("/compte", {
    intent: "change-email",
    formId: "email",
    email: "x@example.test",
    currentPassword: user.password,
  });
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await blocked.text()).toContain("Trop de tentatives en peu de temps");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email).toBe(
    user.email,
  );
});
