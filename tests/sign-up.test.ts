// Sign-up without account enumeration (docs/decisions/0021-account-enumeration.md), against the real
// app and a real SMTP server: a new address and a taken one get the very same answer; the new one
// receives the link that activates the account, the taken one's owner is told someone tried.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeUser } from "./factories.ts";
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
const PASSWORD = "un-mot-de-passe-long";
const client = () => new HttpClient(app.url);
const address = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;

async function signUp(email: string, password = PASSWORD, displayName = "Nouvelle Personne") {
  const res = await client().post("/inscription", { email, displayName, password });
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookies: res.headers.getSetCookie(),
    body: await res.text(),
  };
}

async function mailTo(email: string, count = 1) {
  await expect.poll(() => smtp.to(email).length, POLL).toBe(count);
  return smtp.to(email)[count - 1]!;
}

const linkIn = (text: string) => {
  const link = /https:\/\/idees\.example\.fr(\/inscription\/confirmer\/[a-z2-7]+)/.exec(text);
  expect(link, text).not.toBeNull();
  return link![1]!;
};

test("a new address and a taken one get the same answer; only the owner of the taken one hears of it", async () => {
  const owner = await makeUser({ displayName: "Camille Owner" });
  const fresh = address("nouvelle");
  const answers = [await signUp(fresh), await signUp(owner.email, "un-autre-mot-de-passe")];
  expect(answers[0]).toEqual({ status: 302, location: "/inscription/verifiez", cookies: [], body: "" });
  expect(answers[1]).toEqual(answers[0]);

  const toOwner = await mailTo(owner.email);
  expect(toOwner.subject).toBe("Idées — Inscription avec votre adresse");
  expect(toOwner.text).toContain("Bonjour Camille Owner,");
  expect(toOwner.text).toContain("Vous en avez déjà un : rien n'y a été changé.");
  expect(toOwner.text).toContain("https://idees.example.fr/connexion");
  expect(toOwner.text).not.toMatch(/inscription\/confirmer/);
  // Account e-mails are not newsletters: no unsubscribe header.
  expect(toOwner.header("List-Unsubscribe")).toBeUndefined();
  // Nothing changed on the owner's account: their password still works, the one typed at sign-up does not.
  expect((await client().post("/connexion", { email: owner.email, password: "un-autre-mot-de-passe" })).status).toBe(
    400,
  );
  expect((await client().post("/connexion", { email: owner.email, password: owner.password })).status).toBe(302);

  const toFresh = await mailTo(fresh);
  expect(toFresh.subject).toBe("Idées — Activez votre compte");
  expect(toFresh.header("List-Unsubscribe")).toBeUndefined();
  linkIn(toFresh.text);

  // Signing up again with the owner's address within the hour does not flood their mailbox.
  expect(await signUp(owner.email)).toEqual(answers[0]);
  expect(await prisma.emailOutbox.count({ where: { userId: owner.id, kind: "sign-up-existing" } })).toBe(1);
});

test("the e-mailed link and the chosen password activate the account and sign in, once", async () => {
  const email = address("activer");
  await signUp(email, PASSWORD, "Zoé Nouvelle");
  const path = linkIn((await mailTo(email)).text);
  // Not active yet: signing in is refused like a wrong password.
  expect((await client().post("/connexion", { email, password: PASSWORD })).status).toBe(400);

  const visitor = client();
  const page = await visitor.get(path);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Saisissez le mot de passe choisi à l&#x27;inscription");
  // Opening the link (a mail scanner does) activates nothing.
  expect(
    (await prisma.user.findUniqueOrThrow({ where: { email }, select: { emailVerifiedAt: true } })).emailVerifiedAt,
  ).toBeNull();

  const wrong = await visitor.post(path, { password: "pas-le-bon-mot-de-passe" });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("Ce n&#x27;est pas le mot de passe choisi à l&#x27;inscription.");

  const ok = await visitor.post(path, { password: PASSWORD });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/");
  const cookie = ok.headers.getSetCookie().find((l) => l.startsWith("idees_session="))!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(await (await visitor.get("/compte")).text()).toContain(email);
  expect(
    (await prisma.user.findUniqueOrThrow({ where: { email }, select: { emailVerifiedAt: true } })).emailVerifiedAt,
  ).not.toBeNull();

  // Used: the link is gone; signing in works; a new sign-up now tells the owner instead.
  const reused = await client().post(path, { password: PASSWORD });
  expect(reused.status).toBe(410);
  expect(await reused.text()).toContain("Ce lien n&#x27;est plus valable");
  expect((await client().get(path)).status).toBe(410);
  expect((await client().post("/connexion", { email, password: PASSWORD })).status).toBe(302);
  await signUp(email, "encore-un-mot-de-passe");
  expect((await mailTo(email, 2)).subject).toBe("Idées — Inscription avec votre adresse");
});

test("signing up again before activating takes the newest name and password: someone else's pending sign-up cannot be activated with theirs", async () => {
  const email = address("squat");
  await signUp(email, "mot-de-passe-du-squatteur", "Squatteur");
  const path = linkIn((await mailTo(email)).text);
  // The real owner signs up with the same address (within the hour: the pending e-mail still holds).
  expect((await signUp(email, "mot-de-passe-de-la-vraie", "Vraie Personne")).status).toBe(302);
  expect((await client().post(path, { password: "mot-de-passe-du-squatteur" })).status).toBe(400);
  const ok = await client().post(path, { password: "mot-de-passe-de-la-vraie" });
  expect(ok.status).toBe(302);
  expect((await prisma.user.findUniqueOrThrow({ where: { email }, select: { displayName: true } })).displayName).toBe(
    "Vraie Personne",
  );
});

test("an expired, malformed or unknown link is a 410 page, never a 500", async () => {
  const email = address("expire");
  await signUp(email);
  const path = linkIn((await mailTo(email)).text);
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  await prisma.emailToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
  for (const p of [
    path,
    "/inscription/confirmer/abc",
    `/inscription/confirmer/${"a".repeat(52)}`,
    "/inscription/confirmer/%00",
  ]) {
    const get = await client().get(p);
    expect(get.status, p).toBe(410);
    expect(await get.text()).toContain("Ce lien n&#x27;est plus valable");
    expect((await client().post(p, { password: PASSWORD })).status, p).toBe(410);
  }
  expect(
    (await prisma.user.findUniqueOrThrow({ where: { email }, select: { emailVerifiedAt: true } })).emailVerifiedAt,
  ).toBeNull();
});
