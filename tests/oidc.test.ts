// Sign-in through OpenID Connect (docs/decisions/0023-openid-connect.md), end to end over HTTP against
// a real provider (oidc-provider, in its own process): accounts created and linked, staff roles and
// agency from claims, and every hostile case answered with a clear page — never a 500.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeUser } from "./factories.ts";
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

const STAFF: ProviderAccount = {
  id: "staff-1",
  label: "Agent",
  clients: ["idees-staff"],
  claims: {
    email: "claire.agent@agence.test",
    email_verified: true,
    name: "Claire Agent",
    groups: ["idees-managers", "tous"],
    agency: "Agence de Lyon Part-Dieu",
  },
};
const PUBLIC: ProviderAccount = {
  id: "public-1",
  label: "Citoyen",
  clients: ["idees-public"],
  claims: { email: "jean.citoyen@example.test", email_verified: true, given_name: "Jean", family_name: "Citoyen" },
};
let accounts: ProviderAccount[] = [STAFF, PUBLIC];
async function addAccount(account: ProviderAccount) {
  accounts = [...accounts.filter((a) => a.id !== account.id), account];
  await provider.setAccounts(accounts);
}

beforeAll(async () => {
  provider = await startTestProvider();
  Object.assign(
    process.env,
    provider.env({
      OIDC_STAFF_ROLE_MAP: "idees-managers:MANAGER,idees-admins:ADMIN,idees-moderation:MODERATOR",
      OIDC_STAFF_AGENCY_CLAIM: "agency",
      OIDC_PUBLIC_ACR_VALUES: "eidas1",
      STAFF_EMAIL_DOMAINS: "agence.test",
      RATE_LIMITS: "oidcCallbackPerIp=60/600",
    }),
  );
  app = await startTestApp();
  await provider.configure(app.url, accounts);
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

const browser = () => new HttpClient(app.url);
const issuer = () => provider.issuer;
const hasSession = (client: HttpClient) => [...client.cookies.keys()].includes("idees_session");

async function expectFailurePage(response: Response, status: number, text: RegExp) {
  expect(response.status).toBe(status);
  const html = await response.text();
  expect(html).toContain('data-testid="sign-in-failure"');
  expect(html).toMatch(text);
}

test("a provider that is down: the button answers a clear 503 page, then works once it is back", async () => {
  await provider.setPaused(true);
  try {
    const client = browser();
    const response = await client.post("/connexion/oidc/staff", { redirectTo: "/" });
    await expectFailurePage(response, 503, /ne répond pas/);
  } finally {
    await provider.setPaused(false);
  }
  const client = browser();
  const started = await client.post("/connexion/oidc/staff", { redirectTo: "/" });
  expect(started.status).toBe(302);
  expect(started.headers.get("Location")).toMatch(new RegExp(`^${issuer()}/`));
});

test("the sign-in page offers one button per configured provider; an unknown provider is a 404", async () => {
  const html = await (await browser().get("/connexion")).text();
  expect(html).toContain('action="/connexion/oidc/staff"');
  expect(html).toContain('action="/connexion/oidc/public"');
  expect(html).toContain("FranceConnect");
  expect((await browser().post("/connexion/oidc/other", {})).status).toBe(404);
  expect((await browser().get("/connexion/oidc/other/callback?code=x&state=y")).status).toBe(404);
});

test("the authorization request uses PKCE (S256), state, nonce and the registered redirect URI", async () => {
  const client = browser();
  const started = await client.post("/connexion/oidc/public", { redirectTo: "/" });
  const url = new URL(started.headers.get("Location")!);
  expect(url.searchParams.get("response_type")).toBe("code");
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
  expect(url.searchParams.get("state")).toBeTruthy();
  expect(url.searchParams.get("nonce")).toBeTruthy();
  expect(url.searchParams.get("acr_values")).toBe("eidas1");
  expect(url.searchParams.get("redirect_uri")).toBe(`${app.url}/connexion/oidc/public/callback`);
  // Nothing secret in the browser: the cookie is an opaque id; the verifier stays on the server.
  expect(client.cookies.get("idees_oidc")).toMatch(/^[a-z2-7]{24}$/);
});

test("staff: the first sign-in creates the account with the mapped role and the agency; a role removed at the provider is removed at the next sign-in", async () => {
  const client = browser();
  const response = await signInThroughProvider({
    app: client,
    issuer: issuer(),
    kind: "staff",
    account: STAFF.id,
    redirectTo: "/compte",
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/compte");
  expect(hasSession(client)).toBe(true);
  expect(client.cookies.has("idees_oidc")).toBe(false);
  const page = await client.get("/compte");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Claire Agent");

  const user = await prisma.user.findUniqueOrThrow({
    where: { email: "claire.agent@agence.test" },
    select: { id: true, role: true, agency: true, displayName: true, passwordHash: true, emailVerifiedAt: true },
  });
  expect(user).toMatchObject({
    role: "MANAGER",
    agency: "Agence de Lyon Part-Dieu",
    displayName: "Claire Agent",
    passwordHash: "",
  });
  expect(user.emailVerifiedAt).not.toBeNull();
  const identities = await prisma.userIdentity.findMany({
    where: { userId: user.id },
    select: { provider: true, subject: true },
  });
  expect(identities).toEqual([{ provider: "STAFF", subject: STAFF.id }]);
  const session = await prisma.session.findFirstOrThrow({
    where: { userId: user.id },
    select: { identityProvider: true, idTokenHint: true },
  });
  expect(session.identityProvider).toBe("STAFF");
  expect(session.idTokenHint).toMatch(/^ey/);

  // At the agency, Claire leaves the managers' group and moves to another agency.
  await addAccount({ ...STAFF, claims: { ...STAFF.claims, groups: ["tous"], agency: "Agence de Grenoble" } });
  const again = await signInThroughProvider({ app: browser(), issuer: issuer(), kind: "staff", account: STAFF.id });
  expect(again.status).toBe(302);
  const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, agency: true } });
  expect(after).toEqual({ role: "EMPLOYEE", agency: "Agence de Grenoble" });
  // Both changes are in the audit trail, made by no one but the provider.
  const roleChanges = await prisma.auditLog.findMany({
    where: { action: "user.role", targetId: user.id },
    orderBy: { id: "asc" },
    select: { actorId: true, before: true, after: true },
  });
  expect(roleChanges).toEqual([
    { actorId: null, before: { role: "EMPLOYEE" }, after: { role: "MANAGER", source: "oidc" } },
    { actorId: null, before: { role: "MANAGER" }, after: { role: "EMPLOYEE", source: "oidc" } },
  ]);
  expect(await prisma.user.count({ where: { email: "claire.agent@agence.test" } })).toBe(1);
});

test("public: a FranceConnect-style sign-in (acr eidas1, given and family names) creates a PUBLIC account", async () => {
  const client = browser();
  const response = await signInThroughProvider({ app: client, issuer: issuer(), kind: "public", account: PUBLIC.id });
  expect(response.status).toBe(302);
  expect(hasSession(client)).toBe(true);
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: "jean.citoyen@example.test" },
    select: { role: true, displayName: true, agency: true },
  });
  expect(user).toEqual({ role: "PUBLIC", displayName: "Jean Citoyen", agency: null });
});

test("public: an ID token below the required level of assurance (acr) is refused", async () => {
  await addAccount({
    ...PUBLIC,
    id: "public-low",
    claims: { ...PUBLIC.claims, email: "low@example.test", acr: "eidas0" },
  });
  const client = browser();
  const response = await signInThroughProvider({
    app: client,
    issuer: issuer(),
    kind: "public",
    account: "public-low",
  });
  await expectFailurePage(response, 400, /réponse invalide ou refusée/);
  expect(hasSession(client)).toBe(false);
  expect(await prisma.user.count({ where: { email: "low@example.test" } })).toBe(0);
});

test("a bad state, or a callback this browser did not start, is a 400 and signs nobody in", async () => {
  const client = browser();
  const callback = await runToCallback({ app: client, issuer: issuer(), kind: "public", account: PUBLIC.id });
  const forged = new URL(callback);
  forged.searchParams.set("state", "forged-state");
  await expectFailurePage(await client.get(forged.pathname + forged.search), 400, /pas été commencée/);
  expect(hasSession(client)).toBe(false);

  // The genuine callback in another browser (login CSRF): no sign-in in progress there.
  const other = browser();
  const stolen = await runToCallback({ app: browser(), issuer: issuer(), kind: "public", account: PUBLIC.id });
  await expectFailurePage(await other.get(stolen.pathname + stolen.search), 400, /pas été commencée/);
  expect(hasSession(other)).toBe(false);
  // A callback without any parameter, or with garbage, is the same 400.
  await expectFailurePage(await browser().get("/connexion/oidc/staff/callback"), 400, /pas été commencée/);
  const junk = browser();
  junk.cookies.set("idees_oidc", "%E0%A4%A");
  await expectFailurePage(
    await junk.get("/connexion/oidc/staff/callback?code=%00&state=%ff"),
    400,
    /pas été commencée/,
  );
});

test("a replayed callback, and a used code under a new state, are refused", async () => {
  const client = browser();
  const callback = await runToCallback({ app: client, issuer: issuer(), kind: "public", account: PUBLIC.id });
  expect((await client.get(callback.pathname + callback.search)).status).toBe(302);
  // The same callback again: that sign-in was used.
  const replayer = browser();
  replayer.cookies.set("idees_oidc", "");
  await expectFailurePage(await client.get(callback.pathname + callback.search), 400, /pas été commencée/);

  // The used code with the state of a new sign-in of this browser: the provider refuses the code.
  const fresh = browser();
  const next = await runToCallback({ app: fresh, issuer: issuer(), kind: "public", account: PUBLIC.id });
  const replay = new URL(next);
  replay.searchParams.set("code", callback.searchParams.get("code")!);
  await expectFailurePage(await fresh.get(replay.pathname + replay.search), 400, /réponse invalide ou refusée/);
  expect(hasSession(fresh)).toBe(false);
});

test("an ID token carrying another nonce is refused", async () => {
  const client = browser();
  const response = await signInThroughProvider({
    app: client,
    issuer: issuer(),
    kind: "staff",
    account: STAFF.id,
    authorize: (url) => url.searchParams.set("nonce", "a-nonce-the-app-never-issued"),
  });
  await expectFailurePage(response, 400, /réponse invalide ou refusée/);
  expect(hasSession(client)).toBe(false);
});

test("an expired ID token is refused", async () => {
  await provider.setClock(-2 * 3600 * 1000);
  try {
    const client = browser();
    const response = await signInThroughProvider({ app: client, issuer: issuer(), kind: "staff", account: STAFF.id });
    await expectFailurePage(response, 400, /réponse invalide ou refusée/);
    expect(hasSession(client)).toBe(false);
  } finally {
    await provider.setClock(0);
  }
});

test("the person cancelling at the provider gets a clear 400 page", async () => {
  const client = browser();
  const response = await signInThroughProvider({ app: client, issuer: issuer(), kind: "public", account: "cancel" });
  await expectFailurePage(response, 400, /Connexion annulée/);
});

test("a provider down at the callback: a clear 503 page, no 500", async () => {
  const client = browser();
  const callback = await runToCallback({ app: client, issuer: issuer(), kind: "staff", account: STAFF.id });
  await provider.setPaused(true);
  try {
    await expectFailurePage(await client.get(callback.pathname + callback.search), 503, /ne répond pas/);
    expect(hasSession(client)).toBe(false);
  } finally {
    await provider.setPaused(false);
  }
});

test("an unverified e-mail never links to the password account holding it; a verified one does, in the audit trail", async () => {
  const owner = await makeUser({ email: "marie@example.test", role: "PUBLIC" });
  await addAccount({
    id: "public-unverified",
    label: "Marie ?",
    claims: { email: "marie@example.test", email_verified: false, given_name: "Marie", family_name: "X" },
  });
  const attacker = browser();
  const refused = await signInThroughProvider({
    app: attacker,
    issuer: issuer(),
    kind: "public",
    account: "public-unverified",
  });
  await expectFailurePage(refused, 409, /ne l&#x27;a pas vérifiée|ne l'a pas vérifiée/);
  expect(hasSession(attacker)).toBe(false);
  expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);

  await addAccount({
    id: "public-marie",
    label: "Marie",
    claims: { email: "Marie@Example.test", email_verified: true, given_name: "Marie", family_name: "Vraie" },
  });
  const marie = browser();
  const linked = await signInThroughProvider({ app: marie, issuer: issuer(), kind: "public", account: "public-marie" });
  expect(linked.status).toBe(302);
  const session = await prisma.session.findFirstOrThrow({
    where: { userId: owner.id },
    select: { identityProvider: true },
  });
  expect(session.identityProvider).toBe("PUBLIC");
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.identity.link", targetId: owner.id },
    select: { actorId: true, after: true },
  });
  expect(entry).toEqual({ actorId: owner.id, after: { provider: "PUBLIC", email: "marie@example.test" } });
  // The account keeps its password and its name.
  expect((await browser().post("/connexion", { email: owner.email, password: owner.password })).status).toBe(302);
});

test("STAFF_EMAIL_DOMAINS: staff addresses cannot use a password or the public provider", async () => {
  const staff = await makeUser({ email: "paul@agence.test", role: "EMPLOYEE" });
  const response = await browser().post("/connexion", { email: staff.email, password: staff.password });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain("compte de l&#x27;agence");
  const signUp = await browser().post("/inscription", {
    email: "nouveau@agence.test",
    displayName: "Nouveau",
    password: "un-mot-de-passe-long",
  });
  expect(signUp.status).toBe(400);
  expect(await prisma.user.count({ where: { email: "nouveau@agence.test" } })).toBe(0);

  await addAccount({
    id: "public-staffer",
    label: "Agent via FC",
    claims: { email: "other@agence.test", email_verified: true },
  });
  const fc = await signInThroughProvider({
    app: browser(),
    issuer: issuer(),
    kind: "public",
    account: "public-staffer",
  });
  await expectFailurePage(fc, 400, /compte de l&#x27;agence|compte de l'agence/);
});

test("signing out of a provider session signs out at the provider too (RP-initiated logout), then back home", async () => {
  const client = browser();
  const providerBrowser = new HttpClient(issuer());
  await signInThroughProvider({ app: client, issuer: issuer(), kind: "staff", account: STAFF.id, providerBrowser });
  const out = await client.post("/deconnexion", {});
  expect(out.status).toBe(302);
  expect(hasSession(client)).toBe(false);
  const endSession = new URL(out.headers.get("Location")!);
  expect(endSession.origin).toBe(new URL(issuer()).origin);
  expect(endSession.searchParams.get("id_token_hint")).toMatch(/^ey/);
  expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${app.url}/`);
  // The provider's confirmation page posts itself; the provider then sends the browser back to the app.
  const confirm = await providerBrowser.get(endSession.toString());
  expect(confirm.status).toBe(200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(await confirm.text())?.[1];
  expect(xsrf).toBeTruthy();
  const done = await providerBrowser.post("/session/end/confirm", { xsrf: xsrf!, logout: "yes" }, { origin: null });
  expect(done.headers.get("Location")).toBe(`${app.url}/`);

  // A password session signs out locally, as before.
  const person = await makeUser();
  const local = browser();
  await local.signIn(person.email, person.password);
  const localOut = await local.post("/deconnexion", {});
  expect(localOut.headers.get("Location")).toBe("/");
});

test("/compte lists my identities and my agency; I may unlink one unless it is my last way in; not another's", async () => {
  // Claire (staff, no password) has only her agency identity.
  const claire = browser();
  await signInThroughProvider({ app: claire, issuer: issuer(), kind: "staff", account: STAFF.id });
  const page = await (await claire.get("/compte")).text();
  expect(page).toContain('data-testid="account-identities"');
  expect(page).toContain("Compte de l&#x27;agence");
  expect(page).toContain("claire.agent@agence.test");
  expect(page).toContain("Agence de Grenoble");
  const identityId = /name="identityId" value="([a-z2-7]+)"/.exec(page)![1]!;
  const refused = await claire.post("/compte/identites", { intent: "unlink", identityId });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("seul moyen de connexion");
  expect(await prisma.userIdentity.count({ where: { id: identityId } })).toBe(1);

  // Someone else cannot unlink it (404), and junk is a 400.
  const other = await makeUser();
  const stranger = browser();
  await stranger.signIn(other.email, other.password);
  expect((await stranger.post("/compte/identites", { intent: "unlink", identityId })).status).toBe(404);
  expect((await stranger.post("/compte/identites", { intent: "unlink", identityId: "../x" })).status).toBe(400);
  expect((await stranger.post("/compte/identites", { intent: "other", identityId })).status).toBe(400);
  expect(await prisma.userIdentity.count({ where: { id: identityId } })).toBe(1);

  // Marie keeps her password: she may unlink FranceConnect, and it is in the audit trail.
  const marie = await prisma.user.findUniqueOrThrow({ where: { email: "marie@example.test" }, select: { id: true } });
  const marieClient = browser();
  await signInThroughProvider({ app: marieClient, issuer: issuer(), kind: "public", account: "public-marie" });
  const marieIdentity = await prisma.userIdentity.findFirstOrThrow({
    where: { userId: marie.id },
    select: { id: true },
  });
  const unlinked = await marieClient.post("/compte/identites", { intent: "unlink", identityId: marieIdentity.id });
  expect(unlinked.status).toBe(302);
  expect(unlinked.headers.get("Location")).toBe("/compte");
  expect(await prisma.userIdentity.count({ where: { userId: marie.id } })).toBe(0);
  expect(
    await prisma.auditLog.count({ where: { action: "user.identity.unlink", targetId: marie.id, actorId: marie.id } }),
  ).toBe(1);
});

// Last: it uses up this address's callback allowance.
test("the callback is rate limited per address (429 with Retry-After)", async () => {
  let last: Response | undefined;
  for (let i = 0; i < 61; i++) {
    last = await browser().get("/connexion/oidc/staff/callback?code=x&state=y");
    if (last.status === 429) break;
  }
  expect(last!.status).toBe(429);
  expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
});
