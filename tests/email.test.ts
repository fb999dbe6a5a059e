// E-mail notifications against a real SMTP server in this process: sent after commit through the
// outbox, in the recipient's language, per-type preferences, daily digest once per day, one-click
// unsubscribe (RFC 8058), and an SMTP failure that never reaches the request and is retried.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { deliverPendingEmails, queueDailyDigests } from "~/jobs/email.server.ts";
import { retryDelaySeconds } from "~/models/email.ts";
import { NOTIFICATION_TYPES } from "~/models/notification.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { startSmtpServer } from "./support/smtp.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url, appUrl: "https://idees.example.fr" });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const POLL = { timeout: 10_000, interval: 50 };

const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);

async function commentOn(client: HttpClient, ideaId: string, body: string, parentId?: string) {
  const res = await client.post(`/idees/${ideaId}`, { intent: "comment", body, ...(parentId ? { parentId } : {}) });
  expect(res.status).toBe(302);
  return prisma.comment.findFirstOrThrow({ where: { ideaId, body }, select: { id: true } });
}

test("a comment on my idea and a reply to my comment are e-mailed, each in its recipient's language, with one-click unsubscribe", async () => {
  const alice = await makeUser({ displayName: "Alice Martin" });
  await prisma.user.update({ where: { id: alice.id }, data: { locale: "en" } });
  const bob = await makeUser({ displayName: "Bob Durand" });
  const idea = await makeIdea({
    author: alice,
    space: SPACES.public,
    title: "Des bornes de recharge dans les agences",
  });

  const b = await signedIn(bob);
  const comment = await commentOn(b, idea.id, "Bonne idée, surtout pour les agences rurales.");
  await expect.poll(() => smtp.to(alice.email).length, POLL).toBe(1);
  const [toAlice] = smtp.to(alice.email);
  expect(toAlice!.subject).toBe("Idées — Bob Durand commented on your idea “Des bornes de recharge dans les agences”.");
  expect(toAlice!.text).toContain("Hello Alice Martin,");
  expect(toAlice!.text).toContain(`https://idees.example.fr/idees/${idea.id}#commentaire-${comment.id}`);
  const token = (await prisma.user.findUniqueOrThrow({ where: { id: alice.id }, select: { unsubscribeToken: true } }))
    .unsubscribeToken;
  expect(token).toMatch(/^[0-9a-f]{64}$/);
  expect(toAlice!.header("List-Unsubscribe")).toBe(`<https://idees.example.fr/desabonnement/${token}>`);
  expect(toAlice!.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  expect(toAlice!.text).toContain(`https://idees.example.fr/desabonnement/${token}?type=comment.new`);

  // Alice answers Bob: Bob hears of the reply (in French), Alice of nothing (her own words).
  const a = await signedIn(alice);
  await commentOn(a, idea.id, "Merci, je précise le coût par agence.", comment.id);
  await expect.poll(() => smtp.to(bob.email).length, POLL).toBe(1);
  expect(smtp.to(bob.email)[0]!.subject).toBe(
    // The person who answered is named (issue 16: it said "Quelqu'un").
    "Idées — Alice Martin a répondu à votre commentaire sur « Des bornes de recharge dans les agences ».",
  );
  expect(smtp.to(bob.email)[0]!.text).toContain("Bonjour Bob Durand,");
  await deliverPendingEmails();
  expect(smtp.to(alice.email)).toHaveLength(1);
  // In the app too.
  expect(await prisma.notification.count({ where: { userId: alice.id, type: "comment.new" } })).toBe(1);
  expect(await prisma.notification.count({ where: { userId: bob.id, type: "comment.reply" } })).toBe(1);
});

test("preferences: OFF sends nothing, DIGEST gathers the day's news into one e-mail, sent once however often asked", async () => {
  const author = await makeUser({ displayName: "Chloé Petit" });
  const other = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public, title: "Un simulateur de droits plus simple" });
  const a = await signedIn(author);
  const bad = await a.post("/notifications", { intent: "preferences", "comment.new": "SOMETIMES" });
  expect(bad.status).toBe(400);
  const ok = await a.post("/notifications", {
    intent: "preferences",
    "comment.new": "DIGEST",
    "comment.reply": "OFF",
    "idea.stage": "OFF",
    "idea.answer": "IMMEDIATE",
    "pilot.decision": "DIGEST",
    "evaluation.assigned": "IMMEDIATE",
    "moderation.hidden": "IMMEDIATE",
    "moderation.restored": "OFF",
    "idea.merged": "DIGEST",
  });
  expect(ok.status).toBe(302);
  expect(await (await a.get("/notifications")).text()).toMatch(/<option value="DIGEST" selected="">/);

  const o = await signedIn(other);
  await commentOn(o, idea.id, "Premier avis : oui.");
  await commentOn(o, idea.id, "Second avis : vraiment oui.");
  await deliverPendingEmails();
  expect(smtp.to(author.email)).toHaveLength(0); // nothing at once
  expect(await prisma.emailOutbox.count({ where: { userId: author.id } })).toBe(0);

  // Before 7 a.m. in Paris, no digest; from 7 a.m., one per person and day, whoever asks how often.
  const day = new Date();
  const at = (hourUtc: number) =>
    new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc, 30));
  const notifiedAt = await prisma.notification.findFirstOrThrow({
    where: { userId: author.id },
    select: { createdAt: true },
  });
  await prisma.notification.updateMany({
    where: { userId: author.id },
    data: { createdAt: new Date(at(6).getTime() - 3600_000) },
  });
  expect(notifiedAt.createdAt).toBeInstanceOf(Date);
  expect(await queueDailyDigests(at(3))).toBe(0); // 4:30 or 5:30 in Paris
  await Promise.all([queueDailyDigests(at(8)), queueDailyDigests(at(8)), queueDailyDigests(at(9))]);
  expect(await prisma.emailOutbox.count({ where: { userId: author.id, kind: "digest" } })).toBe(1);
  await deliverPendingEmails(); // or the app's own worker, woken by the queueing
  await expect.poll(() => smtp.to(author.email).length, POLL).toBe(1);
  const digests = smtp.to(author.email);
  expect(digests[0]!.subject).toBe("Idées — 2 nouvelles des idées que vous suivez");
  expect(digests[0]!.text.match(/ a commenté votre idée « Un simulateur de droits plus simple »/g)).toHaveLength(2);
  // The next day's run finds nothing new to say.
  expect(await queueDailyDigests(new Date(at(8).getTime() + 24 * 3600_000))).toBe(0);
});

test("one-click unsubscribe: GET only asks, POST without Origin (RFC 8058) turns e-mails off; unknown tokens are 404s", async () => {
  const author = await makeUser();
  const other = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public });
  const { unsubscribeToken: token } = await prisma.user.findUniqueOrThrow({
    where: { id: author.id },
    select: { unsubscribeToken: true },
  });
  const anonymous = new HttpClient(app.url);

  const page = await anonymous.get(`/desabonnement/${token}?type=comment.new`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Ne plus recevoir d&#x27;e-mail pour : « Un commentaire sur mon idée » ?");
  expect(await prisma.notificationPreference.count({ where: { userId: author.id } })).toBe(0);

  expect((await anonymous.get(`/desabonnement/${"0".repeat(64)}`)).status).toBe(404);
  expect((await anonymous.get("/desabonnement/pas-un-jeton")).status).toBe(404);
  expect(
    (await anonymous.post(`/desabonnement/${"0".repeat(64)}`, { "List-Unsubscribe": "One-Click" }, { origin: null }))
      .status,
  ).toBe(404);
  // Other paths still need the Origin check.
  expect((await anonymous.post(`/desabonnement/${token}/autre`, {}, { origin: null })).status).toBe(403);

  // What a mail provider sends: no Origin, no cookie.
  const oneClick = await anonymous.post(
    `/desabonnement/${token}`,
    { "List-Unsubscribe": "One-Click" },
    { origin: null },
  );
  expect(oneClick.status).toBe(200);
  const prefs = await prisma.notificationPreference.findMany({ where: { userId: author.id }, select: { email: true } });
  expect(prefs.length).toBe(NOTIFICATION_TYPES.length);
  expect(prefs.every((p) => p.email === "OFF")).toBe(true);

  const o = await signedIn(other);
  await commentOn(o, idea.id, "Un commentaire qui ne sera pas envoyé par e-mail.");
  await deliverPendingEmails();
  expect(smtp.to(author.email)).toHaveLength(0);
  expect(await prisma.notification.count({ where: { userId: author.id } })).toBe(1); // still in the app
});

test("a failing SMTP server never fails the request; the e-mail is retried with back-off and arrives", async () => {
  expect([1, 2, 3, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 6 * 3600]);
  const author = await makeUser();
  const other = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public });
  smtp.failNext(1);
  const o = await signedIn(other);
  await commentOn(o, idea.id, "Un commentaire pendant une panne du serveur de messagerie.");
  const row = () =>
    prisma.emailOutbox.findFirstOrThrow({
      where: { userId: author.id },
      select: { attempts: true, lastError: true, sentAt: true, sendAfter: true },
    });
  await expect.poll(async () => (await row()).lastError, POLL).toMatch(/451/);
  const failed = await row();
  expect(failed.attempts).toBe(1);
  expect(failed.sentAt).toBeNull();
  expect(failed.sendAfter.getTime()).toBeGreaterThan(Date.now() + 20_000); // about 30 s later
  expect(smtp.to(author.email)).toHaveLength(0);
  await deliverPendingEmails(); // not due yet
  expect((await row()).attempts).toBe(1);

  await prisma.emailOutbox.updateMany({
    where: { userId: author.id },
    data: { sendAfter: new Date(Date.now() - 1000) },
  });
  await deliverPendingEmails(); // or the app's own worker at its next poll
  await expect.poll(() => smtp.to(author.email).length, POLL).toBe(1);
  await expect.poll(async () => (await row()).sentAt, POLL).not.toBeNull();
  expect((await row()).attempts).toBe(2);
});

test("no e-mail tells anyone about an idea they may no longer see", async () => {
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const employee = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author: supplier, space: SPACES.internal, title: "Projet interne confidentiel" });
  smtp.failNext(1); // the first attempt fails; meanwhile the supplier loses access
  const e = await signedIn(employee);
  await commentOn(e, idea.id, "Commentaire interne.");
  const row = () =>
    prisma.emailOutbox.findFirst({ where: { userId: supplier.id }, select: { lastError: true, sentAt: true } });
  await expect.poll(async () => (await row())?.lastError, POLL).toMatch(/451/);
  await prisma.spaceAccess.deleteMany({ where: { userId: supplier.id } });
  await prisma.emailOutbox.updateMany({
    where: { userId: supplier.id },
    data: { sendAfter: new Date(Date.now() - 1000) },
  });
  await deliverPendingEmails(); // or the app's own worker at its next poll
  await expect.poll(async () => (await row())?.lastError, POLL).toBe("nothing to send");
  expect((await row())?.sentAt).not.toBeNull();
  expect(smtp.to(supplier.email)).toHaveLength(0);
});

test("followers — supporters and commenters — hear of a stage change by e-mail when they asked for it at once", async () => {
  const { moveIdeaToStage } = await import("~/models/pipeline.server.ts");
  const { setSupport } = await import("~/models/vote.server.ts");
  const author = await makeUser();
  const supporter = await makeUser({ displayName: "Denis Roux" });
  const quiet = await makeUser(); // keeps the default: stage changes come in the digest
  const manager = await makeUser({ role: "MANAGER" });
  const idea = await makeIdea({ author, space: SPACES.public, title: "Un rendez-vous en visio pour les jeunes" });
  await setSupport({ user: supporter, ideaId: idea.id, supported: true });
  await setSupport({ user: quiet, ideaId: idea.id, supported: true });
  await prisma.notificationPreference.create({
    data: { userId: supporter.id, type: "idea.stage", email: "IMMEDIATE" },
  });
  await moveIdeaToStage({ user: manager, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW", note: "Étude lancée" });
  await expect.poll(() => smtp.to(supporter.email).length, POLL).toBe(1);
  expect(smtp.to(supporter.email)[0]!.subject).toBe(
    "Idées — « Un rendez-vous en visio pour les jeunes » est passée à l'étape « En étude ».",
  );
  await deliverPendingEmails();
  expect(smtp.to(quiet.email)).toHaveLength(0);
  expect(smtp.to(manager.email)).toHaveLength(0); // the one who acted
  expect(await prisma.notification.count({ where: { ideaId: idea.id, type: "idea.stage" } })).toBe(3); // author, supporter, quiet
});

test("a suspended account is e-mailed nothing; a first digest covers the last day only", async () => {
  const suspended = await makeUser();
  const other = await makeUser();
  const idea = await makeIdea({ author: suspended, space: SPACES.public });
  await prisma.user.update({
    where: { id: suspended.id },
    data: { suspendedAt: new Date(), suspendedReason: "Abus répétés" },
  });
  const o = await signedIn(other);
  await commentOn(o, idea.id, "Un commentaire pour une personne suspendue.");
  const row = () =>
    prisma.emailOutbox.findFirst({ where: { userId: suspended.id }, select: { lastError: true, sentAt: true } });
  await deliverPendingEmails();
  await expect.poll(async () => (await row())?.lastError, POLL).toBe("nothing to send");
  expect(smtp.to(suspended.email)).toHaveLength(0);

  // Old news (a week ago) and today's: the first digest says only today's.
  const reader = await makeUser();
  await prisma.notificationPreference.create({ data: { userId: reader.id, type: "comment.new", email: "DIGEST" } });
  const mine = await makeIdea({ author: reader, space: SPACES.public, title: "Une idée suivie depuis longtemps" });
  await commentOn(o, mine.id, "Un vieux commentaire.");
  await prisma.notification.updateMany({
    where: { userId: reader.id },
    data: { createdAt: new Date(Date.now() - 7 * 86_400_000) },
  });
  await commentOn(o, mine.id, "Un commentaire d'aujourd'hui.");
  const today = new Date();
  const eight = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 8, 30));
  await prisma.notification.updateMany({
    where: { userId: reader.id, createdAt: { gt: new Date(Date.now() - 86_400_000) } },
    data: { createdAt: new Date(eight.getTime() - 3600_000) },
  });
  expect(await queueDailyDigests(eight)).toBeGreaterThanOrEqual(1);
  await deliverPendingEmails();
  await expect.poll(() => smtp.to(reader.email).length, POLL).toBe(1);
  expect(smtp.to(reader.email)[0]!.subject).toBe("Idées — 1 nouvelle des idées que vous suivez");
});
