// Re-authentication through the provider for accounts without a password (ASVS V7;
// docs/decisions/0023-openid-connect.md): deleting the account or changing the e-mail needs either the
// password or, for an account made by a provider, a sign-in again at that provider (`prompt=login`,
// `max_age=0`) in this session within the last five minutes — for the identity linked to the account.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import {
  runToCallback,
  signInThroughProvider,
  startTestProvider,
  type ProviderAccount,
  type TestProvider,
} from "./support/oidc.ts";

let provider: TestProvider;
let app: Awaited<ReturnType<typeof startTestApp>>;

const person = (id: string, email: string): ProviderAccount => ({
  id,
  label: id,
  clients: ["idees-public"],
  claims: { email, email_verified: true, given_name: "Anne", family_name: id },
});
const ANNE = person("reauth-anne", "anne.reauth@example.test");
const BRUNO = person("reauth-bruno", "bruno.reauth@example.test");
const CHLOE = person("reauth-chloe", "chloe.reauth@example.test");
const DAVID = person("reauth-david", "david.reauth@example.test");
const EVE = person("reauth-eve", "eve.reauth@example.test");

beforeAll(async () => {
  provider = await startTestProvider();
  Object.assign(process.env, provider.env());
  app = await startTestApp();
  await provider.configure(app.url, [ANNE, BRUNO, CHLOE, DAVID, EVE]);
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

const issuer = () => provider.issuer;

/** A person signed in through the public provider: an account without a password. */
async function ssoOnly(account: ProviderAccount) {
  const client = new HttpClient(app.url);
  const signedIn = await signInThroughProvider({ app: client, issuer: issuer(), kind: "public", account: account.id });
  expect(signedIn.status).toBe(302);
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: account.claims.email as string },
    select: { id: true, passwordHash: true },
  });
  expect(user.passwordHash).toBe("");
  return { client, user };
}

const deleteAccount = (client: HttpClient, extra: Record<string, string> = {}) =>
  client.post("/compte/donnees", { intent: "delete-account", formId: "delete", contributions: "keep", ...extra });

async function reauthenticate(client: HttpClient, account: string, redirectTo = "/compte/donnees") {
  const callback = await runToCallback({
    app: client,
    issuer: issuer(),
    kind: "public",
    account,
    reauth: true,
    redirectTo,
  });
  return client.get(callback.pathname + callback.search);
}

test("an SSO-only account cannot delete itself without re-authenticating; after 'Confirmer avec FranceConnect' it can", async () => {
  const { client, user } = await ssoOnly(ANNE);
  const page = await (await client.get("/compte/donnees")).text();
  expect(page).toContain('action="/compte/reconfirmer"');
  expect(page).toContain("Confirmer avec FranceConnect");
  expect(page).not.toContain('name="currentPassword"');

  // Without the re-authentication (with or without a made-up password): a 400 on the field, nothing deleted.
  const attempts: Record<string, string>[] = [{}, { currentPassword: "" }, { currentPassword: "n-importe-quoi" }];
  for (const extra of attempts) {
    const refused = await deleteAccount(client, extra);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Confirmez d&#x27;abord votre identité auprès de votre fournisseur");
  }
  expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);

  // The re-authentication asks the provider to authenticate again, whatever session it has.
  let authorize: URL | undefined;
  const callback = await runToCallback({
    app: client,
    issuer: issuer(),
    kind: "public",
    account: ANNE.id,
    reauth: true,
    redirectTo: "/compte/donnees",
    authorize: (url) => (authorize = url),
  });
  expect(authorize!.searchParams.get("prompt")).toBe("login");
  expect(authorize!.searchParams.get("max_age")).toBe("0");
  const back = await client.get(callback.pathname + callback.search);
  expect(back.status).toBe(302);
  expect(back.headers.get("Location")).toBe("/compte/donnees");
  const confirmed = await prisma.session.findFirstOrThrow({
    where: { userId: user.id },
    select: { reauthenticatedAt: true },
  });
  expect(Date.now() - confirmed.reauthenticatedAt!.getTime()).toBeLessThan(60_000);
  expect(await (await client.get("/compte/donnees")).text()).toContain('data-testid="reauthenticated"');

  const deleted = await deleteAccount(client);
  expect(deleted.status).toBe(302);
  expect(deleted.headers.get("Location")).toBe("/");
  expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
});

test("a re-authentication older than five minutes no longer counts", async () => {
  const { client, user } = await ssoOnly(BRUNO);
  expect((await reauthenticate(client, BRUNO.id)).status).toBe(302);
  await prisma.session.updateMany({
    where: { userId: user.id },
    data: { reauthenticatedAt: new Date(Date.now() - 5 * 60 * 1000 - 1000) },
  });
  const refused = await deleteAccount(client);
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("Confirmez d&#x27;abord votre identité");
  expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
  // The e-mail change on /compte follows the same rule.
  const email = await client.post("/compte", { intent: "change-email", formId: "email", email: "b2@example.test" });
  expect(email.status).toBe(400);
  expect(await email.text()).toContain("Confirmez d&#x27;abord votre identité");
});

test("a re-authentication callback for another identity is refused and confirms nothing", async () => {
  const { client, user } = await ssoOnly(CHLOE);
  // David exists too (his own account); Chloé's browser comes back from the provider as David.
  await ssoOnly(DAVID);
  const answer = await reauthenticate(client, DAVID.id);
  expect(answer.status).toBe(403);
  const html = await answer.text();
  expect(html).toContain('data-testid="sign-in-failure"');
  expect(html).toContain("ne correspond pas à une identité liée à votre compte");
  const session = await prisma.session.findFirstOrThrow({
    where: { userId: user.id },
    select: { reauthenticatedAt: true },
  });
  expect(session.reauthenticatedAt).toBeNull();
  expect((await deleteAccount(client)).status).toBe(400);
  expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
});

test("a re-authentication is only for a provider the account is linked to, and for a signed-in person", async () => {
  const { client } = await ssoOnly(EVE);
  expect((await client.post("/compte/reconfirmer", { provider: "staff" })).status).toBe(400);
  expect((await client.post("/compte/reconfirmer", { provider: "nope" })).status).toBe(400);
  const stranger = await new HttpClient(app.url).post("/compte/reconfirmer", { provider: "public" });
  expect(stranger.status).toBe(302);
  expect(stranger.headers.get("Location")).toMatch(/^\/connexion/);
});
