// Password reset, supplier invitations and supplier terms (docs/decisions/0024-invitations-terms-and-
// passwords.md), against the real app and a real SMTP server.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { deliverPendingEmails } from "~/jobs/email.server.ts";
import { addComment } from "~/models/comment.server.ts";
import { endExpiredSupplierAccess } from "~/models/invitation.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { startSmtpServer } from "./support/smtp.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
// Addresses of this domain sign in through the agency's provider only (docs/decisions/0023).
const STAFF_DOMAIN = "agence-personnel.test";
beforeAll(async () => {
  process.env.STAFF_EMAIL_DOMAINS = STAFF_DOMAIN;
  smtp = await startSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url, appUrl: "https://idees.example.fr" });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const POLL = { timeout: 10_000, interval: 50 };
const client = () => new HttpClient(app.url);
const address = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
const NEW_PASSWORD = "une phrase de passe neuve";

async function mailTo(email: string, count = 1) {
  await expect.poll(() => smtp.to(email).length, POLL).toBe(count);
  return smtp.to(email)[count - 1]!;
}
const pathIn = (text: string, prefix: string) => {
  const link = new RegExp(`https://idees\\.example\\.fr(${prefix}[a-z2-7]+)`).exec(text);
  expect(link, text).not.toBeNull();
  return link![1]!;
};

test("forgotten password: the same answer for any address; the link works once, ends every session, refuses a breached password", async () => {
  const user = await makeUser();
  const signedIn = client();
  await signedIn.signIn(user.email, user.password);
  expect((await signedIn.get("/compte")).status).toBe(200);

  const known = await client().post("/mot-de-passe-oublie", { email: user.email });
  const unknown = await client().post("/mot-de-passe-oublie", { email: address("personne") });
  for (const res of [known, unknown]) {
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/connexion");
  }
  expect(unknown.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(
    known.headers.getSetCookie().map((c) => c.split("=")[0]),
  );
  const mail = await mailTo(user.email);
  expect(mail.subject).toBe("Idées — Choisir un nouveau mot de passe");
  const path = pathIn(mail.text, "/mot-de-passe/nouveau/");
  // Stored hashed, valid one hour.
  const row = await prisma.emailToken.findFirstOrThrow({ where: { userId: user.id, purpose: "password-reset" } });
  expect(path).not.toContain(row.tokenHash);
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(3600_000 + 1000);

  const page = await client().get(path);
  expect(page.status).toBe(200);
  const breached = await client().post(path, { password: "Qwerty123456" });
  expect(breached.status).toBe(400);
  expect(await breached.text()).toContain("fait partie des plus courants");

  const ok = await client().post(path, { password: NEW_PASSWORD });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/connexion");
  // Every session ended: the one signed in before is sent to sign in.
  expect((await signedIn.get("/compte")).status).toBe(302);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  // Replayed: gone.
  expect((await client().post(path, { password: "encore une autre phrase" })).status).toBe(410);
  expect((await client().get(path)).status).toBe(410);
  expect((await client().post("/connexion", { email: user.email, password: user.password })).status).toBe(400);
  expect((await client().post("/connexion", { email: user.email, password: NEW_PASSWORD })).status).toBe(302);
});

test("a reset link that expired, or a link of another purpose, is a 410 and changes nothing", async () => {
  const user = await makeUser();
  await client().post("/mot-de-passe-oublie", { email: user.email });
  const path = pathIn((await mailTo(user.email)).text, "/mot-de-passe/nouveau/");
  await prisma.emailToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
  expect((await client().get(path)).status).toBe(410);
  expect((await client().post(path, { password: NEW_PASSWORD })).status).toBe(410);

  // A sign-up link is not a reset link (nor the reverse).
  const pending = address("pending");
  await client().post("/inscription", { email: pending, displayName: "En Attente", password: "un-mot-de-passe-long" });
  const signUpPath = pathIn((await mailTo(pending)).text, "/inscription/confirmer/");
  const token = signUpPath.split("/").pop()!;
  expect((await client().post(`/mot-de-passe/nouveau/${token}`, { password: NEW_PASSWORD })).status).toBe(410);
  expect((await client().post("/connexion", { email: user.email, password: user.password })).status).toBe(302);
});

test("a sign-up with a common password is refused before the address is looked at", async () => {
  const res = await client().post("/inscription", {
    email: address("commun"),
    displayName: "Quelqu'un",
    password: "azertyuiop",
  });
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("fait partie des plus courants");
});

async function invite(by: HttpClient, email: string, extra: Record<string, string> = {}) {
  const res = await by.post("/admin/fournisseurs", { intent: "invite", email, company: "ACME Conseil", ...extra });
  expect(res.status, await res.clone().text()).toBe(302);
  return pathIn((await mailTo(email)).text, "/invitation/");
}

test("an invitation makes a SUPPLIER with InnovAction access, once; the supplier accepts the terms before proposing", async () => {
  const manager = await makeUser({ role: "MANAGER" });
  const admin = await makeUser({ role: "ADMIN" });
  const byManager = client();
  await byManager.signIn(manager.email, manager.password);
  const byAdmin = client();
  await byAdmin.signIn(admin.email, admin.password);
  const published = await byAdmin.post("/admin/fournisseurs", {
    intent: "publish-terms",
    bodyFr: "Les idées proposées restent confidentielles. Version de test.",
    bodyEn: "Proposed ideas stay confidential. Test version.",
  });
  expect(published.status).toBe(302);
  const version = (await prisma.supplierTerms.findFirstOrThrow({ orderBy: { version: "desc" } })).version;
  // A manager may invite but not publish terms.
  expect(
    (
      await byManager.post("/admin/fournisseurs", {
        intent: "publish-terms",
        bodyFr: "x".repeat(30),
        bodyEn: "y".repeat(30),
      })
    ).status,
  ).toBe(403);

  const email = address("fournisseur");
  const path = await invite(byManager, email);
  const mail = smtp.to(email)[0]!;
  expect(mail.subject).toBe("Idées — Invitation sur InnovAction");
  expect(mail.text).toContain("ACME Conseil");
  expect((await client().get(path)).status).toBe(200);
  // Not signed-in-able before acceptance.
  const supplier = client();
  const accepted = await supplier.post(path, { displayName: "Fournisseur Un", password: NEW_PASSWORD });
  expect(accepted.status).toBe(302);
  expect(accepted.headers.get("location")).toBe("/conditions-fournisseurs");
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: {
      id: true,
      role: true,
      emailVerifiedAt: true,
      spaceAccesses: { select: { space: { select: { slug: true } } } },
    },
  });
  expect(user.role).toBe("SUPPLIER");
  expect(user.emailVerifiedAt).not.toBeNull();
  expect(user.spaceAccesses.map((a) => a.space.slug)).toEqual([SPACES.internal]);
  // Replayed link: 410.
  expect((await client().post(path, { displayName: "Autre", password: "encore une autre phrase" })).status).toBe(410);
  expect((await client().get(path)).status).toBe(410);

  // Proposing before accepting the terms: refused, with a link to them.
  const propose = `/espaces/${SPACES.internal}/proposer`;
  const form = await supplier.get(propose);
  const html = await form.text();
  expect(html).toContain("acceptez la version en vigueur");
  expect(html).toContain('href="/conditions-fournisseurs"');
  const refused = await supplier.post(propose, {
    title: "Une idée de fournisseur",
    body: "Un texte assez long pour passer.",
    tags: "",
  });
  expect(refused.status).toBe(403);
  expect(await prisma.idea.count({ where: { authorId: user.id } })).toBe(0);

  expect((await supplier.post("/conditions-fournisseurs", { version: String(version) })).status).toBe(302);
  const created = await supplier.post(propose, {
    title: "Une idée de fournisseur",
    body: "Un texte assez long pour passer.",
    tags: "",
  });
  expect(created.status).toBe(302);
  const idea = await prisma.idea.findFirstOrThrow({
    where: { authorId: user.id },
    select: { id: true, termsVersion: true },
  });
  expect(idea.termsVersion).toBe(version);
  expect(await (await byManager.get(`/idees/${idea.id}/pilotage`)).text()).toContain(
    `Proposée sous la version ${version} des conditions fournisseurs.`,
  );

  // A new version: accepted again before the next idea.
  await byAdmin.post("/admin/fournisseurs", {
    intent: "publish-terms",
    bodyFr: "Nouvelle version des conditions, plus précise.",
    bodyEn: "New version of the terms, more precise.",
  });
  expect(
    (await supplier.post(propose, { title: "Une deuxième idée", body: "Un texte assez long pour passer.", tags: "" }))
      .status,
  ).toBe(403);
  // Accepting the old version is refused (409): the page shows the new one.
  expect((await supplier.post("/conditions-fournisseurs", { version: String(version) })).status).toBe(409);

  // Exports: the CSV for managers, the person's own GDPR export.
  const csv = await (await byManager.get("/admin/fournisseurs/acceptations.csv")).text();
  expect(csv).toContain(`"${email}","Fournisseur Un","ACME Conseil","${version}"`);
  expect((await supplier.get("/admin/fournisseurs/acceptations.csv")).status).toBe(403);
  const list = await (await byManager.get("/admin/fournisseurs")).text();
  expect(list).toContain(email);
  expect(list).toContain("Accès actif");
});

test("an invitation link that expired or was revoked is a 410; revoking an accepted one ends the supplier's sessions", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const byAdmin = client();
  await byAdmin.signIn(admin.email, admin.password);

  const late = address("tard");
  const latePath = await invite(byAdmin, late);
  await prisma.invitation.updateMany({ where: { email: late }, data: { expiresAt: new Date(Date.now() - 1) } });
  expect((await client().get(latePath)).status).toBe(410);
  expect((await client().post(latePath, { displayName: "Trop Tard", password: NEW_PASSWORD })).status).toBe(410);

  const revoked = address("revoquee");
  const revokedPath = await invite(byAdmin, revoked);
  const pending = await prisma.invitation.findFirstOrThrow({ where: { email: revoked } });
  expect((await byAdmin.post("/admin/fournisseurs", { intent: "revoke", invitationId: pending.id })).status).toBe(302);
  expect((await client().post(revokedPath, { displayName: "Révoquée", password: NEW_PASSWORD })).status).toBe(410);

  const active = address("active");
  const supplier = client();
  await supplier.post(await invite(byAdmin, active), { displayName: "Active", password: NEW_PASSWORD });
  expect((await supplier.get("/compte")).status).toBe(200);
  const inv = await prisma.invitation.findFirstOrThrow({ where: { email: active } });
  await byAdmin.post("/admin/fournisseurs", { intent: "revoke", invitationId: inv.id });
  expect((await supplier.get("/compte")).status).toBe(302);
  const again = await client().post("/connexion", { email: active, password: NEW_PASSWORD });
  expect(again.status).toBe(403);
  expect(await again.text()).toContain("a pris fin");

  // Self-registered accounts never become suppliers.
  const selfMade = await makeUser();
  const refused = await byAdmin.post("/admin/fournisseurs", {
    intent: "invite",
    email: selfMade.email,
    company: "X Corp",
  });
  expect(refused.status).toBe(400);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: selfMade.id } })).role).toBe("PUBLIC");
});

test("access ends by itself at its end date", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const byAdmin = client();
  await byAdmin.signIn(admin.email, admin.password);
  const email = address("fin");
  const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
  const supplier = client();
  await supplier.post(await invite(byAdmin, email, { accessEndsAt: tomorrow }), {
    displayName: "Fin Prévue",
    password: NEW_PASSWORD,
  });
  expect((await supplier.get("/compte")).status).toBe(200);
  // The end date comes (moved into the past rather than waiting).
  await prisma.user.update({ where: { email }, data: { accessEndsAt: new Date(Date.now() - 1000) } });
  expect((await supplier.get("/compte")).status).toBe(302);
  expect(await endExpiredSupplierAccess()).toBeGreaterThanOrEqual(0);
  expect(await prisma.session.count({ where: { user: { email } } })).toBe(0);
  expect((await client().post("/connexion", { email, password: NEW_PASSWORD })).status).toBe(403);
  expect(await (await byAdmin.get("/admin/fournisseurs")).text()).toContain("Accès terminé");
});

test("a new e-mail address counts only once verified through its link, by the same account; the old address is told", async () => {
  const user = await makeUser({ displayName: "Alex Change" });
  const other = await makeUser();
  const owner = client();
  await owner.signIn(user.email, user.password);
  const fresh = address("nouvelle");
  const res = await owner.post("/compte", {
    intent: "change-email",
    formId: "email",
    email: fresh,
    currentPassword: user.password,
  });
  expect(res.status).toBe(302);
  const mail = await mailTo(fresh);
  expect(mail.subject).toBe("Idées — Confirmez votre nouvelle adresse");
  const path = pathIn(mail.text, "/compte/adresse/");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);

  // Another account's link: refused, nothing changes.
  const intruder = client();
  await intruder.signIn(other.email, other.password);
  expect((await intruder.get(path)).status).toBe(403);
  expect((await intruder.post(path, {})).status).toBe(403);
  // Signed out: sent to sign in first.
  expect((await client().get(path)).status).toBe(302);

  expect((await owner.get(path)).status).toBe(200);
  const ok = await owner.post(path, {});
  expect(ok.status).toBe(302);
  const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
  expect(after.email).toBe(fresh);
  const told = await mailTo(user.email);
  expect(told.subject).toBe("Idées — Votre adresse e-mail a changé");
  expect(told.text).toContain(fresh);
  // Replayed: gone.
  expect((await owner.post(path, {})).status).toBe(410);
  expect((await owner.get(path)).status).toBe(410);

  // An expired link changes nothing.
  const third = address("troisieme");
  await owner.post("/compte", {
    intent: "change-email",
    formId: "email",
    email: third,
    currentPassword: user.password,
  });
  const thirdPath = pathIn((await mailTo(third)).text, "/compte/adresse/");
  await prisma.emailToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
  expect((await owner.post(thirdPath, {})).status).toBe(410);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(fresh);

  // A taken address: the same answer, and no e-mail to its owner.
  await owner.post("/compte", {
    intent: "change-email",
    formId: "email",
    email: other.email,
    currentPassword: user.password,
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(smtp.to(other.email)).toHaveLength(0);
});

test("changing the password refuses a common one", async () => {
  const user = await makeUser();
  const c = client();
  await c.signIn(user.email, user.password);
  const res = await c.post("/compte", {
    intent: "change-password",
    formId: "password",
    currentPassword: user.password,
    newPassword: "1q2w3e4r5t6y",
  });
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("fait partie des plus courants");
});

test("notifications are e-mailed only to a verified address", async () => {
  const verified = await makeUser();
  const unverified = await makeUser();
  await prisma.user.update({ where: { id: unverified.id }, data: { emailVerifiedAt: null }, select: { id: true } });
  const commenter = await makeUser();
  for (const author of [verified, unverified]) {
    const idea = await makeIdea({ author });
    await addComment({ user: commenter, ideaId: idea.id, body: "Un commentaire qui notifie l'auteur." });
  }
  await deliverPendingEmails();
  await mailTo(verified.email);
  // The app's worker or this pass handles the row: done, with nothing sent.
  const outcome = async () =>
    (await prisma.emailOutbox.findMany({ where: { userId: unverified.id }, select: { lastError: true } })).map(
      (r) => r.lastError,
    );
  await expect.poll(outcome, POLL).toEqual(["nothing to send"]);
  expect(smtp.to(unverified.email)).toHaveLength(0);
});

test("staff-domain addresses (STAFF_EMAIL_DOMAINS) get no reset link — the same answer as an unknown address — and are never invited", async () => {
  const staff = await makeUser({ email: `agent-${Date.now()}@${STAFF_DOMAIN}` });
  const asked = await client().post("/mot-de-passe-oublie", { email: staff.email });
  const unknown = await client().post("/mot-de-passe-oublie", { email: address("personne") });
  for (const res of [asked, unknown]) {
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/connexion");
  }
  expect(asked.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(
    unknown.headers.getSetCookie().map((c) => c.split("=")[0]),
  );
  // A non-staff account asking at the same time gets its link: delivery runs, the staff one got nothing.
  const other = await makeUser();
  await client().post("/mot-de-passe-oublie", { email: other.email });
  await mailTo(other.email);
  expect(smtp.to(staff.email)).toHaveLength(0);
  expect(await prisma.emailOutbox.count({ where: { userId: staff.id } })).toBe(0);
  expect(await prisma.emailToken.count({ where: { userId: staff.id } })).toBe(0);

  // Invited as a supplier: refused on the field, for a new address as for the existing account (any case).
  const manager = await makeUser({ role: "MANAGER" });
  const byManager = client();
  await byManager.signIn(manager.email, manager.password);
  const fresh = `nouvel-agent-${Date.now()}@${STAFF_DOMAIN.toUpperCase()}`;
  for (const email of [fresh, staff.email]) {
    const res = await byManager.post("/admin/fournisseurs", { intent: "invite", email, company: "ACME Conseil" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Les adresses de l&#x27;agence se connectent avec le compte de l&#x27;agence");
  }
  expect(await prisma.user.count({ where: { email: fresh.toLowerCase() } })).toBe(0);
  expect(
    await prisma.invitation.count({ where: { email: { endsWith: `@${STAFF_DOMAIN}`, mode: "insensitive" } } }),
  ).toBe(0);
  expect(await prisma.emailOutbox.count({ where: { userId: staff.id } })).toBe(0);
  expect(smtp.to(fresh.toLowerCase())).toHaveLength(0);
  expect(smtp.to(staff.email)).toHaveLength(0);
});
