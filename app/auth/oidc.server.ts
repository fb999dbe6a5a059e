// Sign-in through an OpenID provider with openid-client (v6, the certified relying party): the
// authorization code flow with PKCE, state and nonce, the ID token validated (signature, issuer,
// audience, expiry, nonce), and RP-initiated logout (docs/decisions/0023-openid-connect.md).
//
// The browser keeps only an opaque, short-lived cookie naming a row of oidc_logins; the state, nonce
// and PKCE verifier stay on the server, and the row is deleted by the callback that uses it, so a
// replayed callback finds nothing.
import * as client from "openid-client";
import type { IdentityProvider } from "~/generated/prisma/enums.ts";
import { cookieHeader, expiredCookieHeader, isHttps, readCookie } from "~/lib/cookies.server.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { newId } from "~/lib/id.ts";
import type { IdentityPolicy } from "~/models/identity.server.ts";
import { PROVIDER_KINDS, providerOf, type IdentityClaims, type ProviderKind } from "~/models/identity.ts";

const LOGIN_TTL_MS = 10 * 60 * 1000;
const HTTP_TIMEOUT_SECONDS = 10;
/** A re-authentication asks `max_age=0`; the ID token's `auth_time` must then be this recent (ASVS V7). */
export const REAUTH_AUTH_TIME_SECONDS = 60;

export type ProviderSettings = {
  kind: ProviderKind;
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scope: string;
  acrValues: string[];
};

/** The provider's settings from the environment, or null when it is not configured. */
export function providerSettings(kind: ProviderKind): ProviderSettings | null {
  const e = env();
  const [issuer, clientId, clientSecret, scope, acr] =
    kind === "staff"
      ? [e.OIDC_STAFF_ISSUER, e.OIDC_STAFF_CLIENT_ID, e.OIDC_STAFF_CLIENT_SECRET, e.OIDC_STAFF_SCOPES, undefined]
      : [
          e.OIDC_PUBLIC_ISSUER,
          e.OIDC_PUBLIC_CLIENT_ID,
          e.OIDC_PUBLIC_CLIENT_SECRET,
          e.OIDC_PUBLIC_SCOPES,
          e.OIDC_PUBLIC_ACR_VALUES,
        ];
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    kind,
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    scope: scope.includes("openid") ? scope : `openid ${scope}`,
    acrValues: acr ? acr.split(/[\s,]+/).filter(Boolean) : [],
  };
}

/** What the staff provider is authoritative for, and the staff domains (app/models/identity.server.ts). */
export function identityPolicy(): IdentityPolicy {
  const e = env();
  return {
    rolesClaim: e.OIDC_STAFF_ROLES_CLAIM,
    roleMapping: e.OIDC_STAFF_ROLE_MAP,
    agencyClaim: e.OIDC_STAFF_AGENCY_CLAIM,
    staffDomains: e.STAFF_EMAIL_DOMAINS,
  };
}

/** The providers the sign-in page offers, in order. */
export const configuredProviders = (): ProviderKind[] => PROVIDER_KINDS.filter((k) => providerSettings(k) !== null);

/**
 * Why a sign-in through a provider failed. `unavailable`: the provider did not answer (503);
 * `invalid-callback`: the callback does not belong to a sign-in this browser started, or came too late
 * (400); `rejected`: the provider or its ID token failed a check — state, code, PKCE, nonce, signature,
 * expiry, assurance level (400); `cancelled`: the person declined at the provider (400).
 */
export class OidcFailure extends Error {
  constructor(
    readonly reason: "unavailable" | "invalid-callback" | "rejected" | "cancelled",
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = "OidcFailure";
  }
}

function classify(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error;
  // fetch() failing (connection refused, reset, DNS) or timing out.
  if (error instanceof TypeError || (error instanceof DOMException && /Timeout|Abort/.test(error.name)))
    return new OidcFailure("unavailable", String((error as Error).cause ?? error.message));
  if (error instanceof client.AuthorizationResponseError)
    return new OidcFailure(error.error === "access_denied" ? "cancelled" : "rejected", error.error);
  if (error instanceof client.ResponseBodyError) {
    // The provider answered, with an OAuth error: a 5xx is the provider failing, a 4xx refuses us.
    return new OidcFailure(error.status >= 500 ? "unavailable" : "rejected", `${error.status} ${error.error}`);
  }
  if (error instanceof client.ClientError) {
    // A provider answering 5xx or HTML where JSON is due is down or misconfigured, not the person's fault.
    if (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON")
      return new OidcFailure("unavailable", `${error.code}: ${error.message}`);
    return new OidcFailure("rejected", `${error.code ?? "ClientError"}: ${error.message}`);
  }
  return new OidcFailure("unavailable", error instanceof Error ? error.message : String(error));
}

// Discovery once per provider and process; a failure is forgotten, so the next sign-in tries again.
const discovered = new Map<ProviderKind, Promise<client.Configuration>>();

async function configuration(settings: ProviderSettings): Promise<client.Configuration> {
  let pending = discovered.get(settings.kind);
  if (!pending) {
    pending = client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        // Plain http is accepted by the env check for localhost issuers only (demo and tests).
        execute: settings.issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
        timeout: HTTP_TIMEOUT_SECONDS,
      })
      .then((config) => {
        config.timeout = HTTP_TIMEOUT_SECONDS;
        return config;
      });
    discovered.set(settings.kind, pending);
    pending.catch(() => {
      if (discovered.get(settings.kind) === pending) discovered.delete(settings.kind);
    });
  }
  try {
    return await pending;
  } catch (error) {
    throw classify(error);
  }
}

/** The app's own address as the provider must see it: APP_URL, or the request's origin. */
export function appOrigin(request: Request): string {
  return (env().APP_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}

export const redirectUri = (request: Request, kind: ProviderKind) =>
  `${appOrigin(request)}/connexion/oidc/${kind}/callback`;

// --- the login cookie -----------------------------------------------------------------------------

const SECURE_NAME = "__Host-idees_oidc";
const PLAIN_NAME = "idees_oidc";
const cookieName = (request: Request) => (isHttps(request) ? SECURE_NAME : PLAIN_NAME);
const isLoginId = (value: string) => /^[a-z2-7]{24}$/.test(value);

export function clearLoginCookie(request: Request): string {
  return expiredCookieHeader(cookieName(request), { httpOnly: true, secure: isHttps(request) });
}

/**
 * Starts a sign-in: stores state, nonce and the PKCE verifier, and returns the provider's authorization
 * URL and the cookie that binds the sign-in to this browser. With `reauthSessionId`, it is a
 * re-authentication of that signed-in session: the provider must ask again (`prompt=login`,
 * `max_age=0`) and the callback checks `auth_time`.
 */
export async function startSignIn(
  request: Request,
  settings: ProviderSettings,
  redirectTo: string,
  reauthSessionId: string | null = null,
): Promise<{ url: URL; cookie: string }> {
  const config = await configuration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const login = {
    id: newId(),
    provider: providerOf(settings.kind),
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    redirectTo,
    expiresAt: new Date(Date.now() + LOGIN_TTL_MS),
    reauthSessionId,
  };
  await prisma.oidcLogin.create({ data: login, select: { id: true } });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(request, settings.kind),
    scope: settings.scope,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: login.state,
    nonce: login.nonce,
    ...(settings.acrValues.length ? { acr_values: settings.acrValues.join(" ") } : {}),
    ...(reauthSessionId ? { prompt: "login", max_age: "0" } : {}),
  });
  const cookie = cookieHeader(cookieName(request), login.id, {
    httpOnly: true,
    secure: isHttps(request),
    maxAge: LOGIN_TTL_MS / 1000,
  });
  return { url, cookie };
}

export type CompletedSignIn = {
  claims: IdentityClaims;
  idToken: string | null;
  redirectTo: string;
  /** A re-authentication: the session it was started from, and when the provider authenticated the person. */
  reauth: { sessionId: string; authTime: Date } | null;
};

/**
 * Finishes a sign-in at the callback: the login this browser started (used once), then the code
 * exchanged with its PKCE verifier, the ID token validated against the expected state and nonce, and
 * the UserInfo claims added (FranceConnect gives the person's details there only).
 */
export async function completeSignIn(request: Request, settings: ProviderSettings): Promise<CompletedSignIn> {
  const callbackUrl = new URL(request.url);
  const id = readCookie(request.headers.get("Cookie"), cookieName(request));
  if (!id || !isLoginId(id)) throw new OidcFailure("invalid-callback", "no sign-in in progress in this browser");
  // Deleted as it is read: whatever happens next, this sign-in cannot be used twice.
  const { rows } = await pool.query<{
    state: string;
    nonce: string;
    code_verifier: string;
    redirect_to: string;
    expires_at: Date;
    reauth_session_id: string | null;
  }>(
    `delete from oidc_logins where id = $1 and provider = $2::"IdentityProvider"
     returning state, nonce, code_verifier, redirect_to, expires_at, reauth_session_id`,
    [id, providerOf(settings.kind)],
  );
  const row = rows[0];
  const login = row && {
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    redirectTo: row.redirect_to,
    expiresAt: row.expires_at,
    reauthSessionId: row.reauth_session_id,
  };
  if (!login || login.expiresAt.getTime() <= Date.now())
    throw new OidcFailure("invalid-callback", "unknown, used or expired sign-in");
  // A callback that carries an error (the person cancelled) says so before anything is checked.
  const error = callbackUrl.searchParams.get("error");
  if (error) throw new OidcFailure(error === "access_denied" ? "cancelled" : "rejected", error.slice(0, 100));
  if (callbackUrl.searchParams.get("state") !== login.state)
    throw new OidcFailure("invalid-callback", "state does not match");
  const config = await configuration(settings);
  // The URL the provider redirected to, as registered (the request may have reached us through a proxy).
  const current = new URL(redirectUri(request, settings.kind));
  current.search = callbackUrl.search;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
      // A re-authentication: auth_time must be present and recent (checked by openid-client).
      ...(login.reauthSessionId ? { maxAge: REAUTH_AUTH_TIME_SECONDS } : {}),
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcFailure("rejected", "no ID token");
    if (settings.acrValues.length && !settings.acrValues.includes(String(idClaims.acr ?? "")))
      throw new OidcFailure("rejected", `acr ${String(idClaims.acr)} is not one of ${settings.acrValues.join(", ")}`);
    let userInfo = {};
    if (config.serverMetadata().userinfo_endpoint)
      userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return {
      // The ID token's own claims (sub, iss, acr…) win over UserInfo's.
      claims: { ...userInfo, ...idClaims } as IdentityClaims,
      idToken: tokens.id_token ?? null,
      redirectTo: login.redirectTo,
      reauth: login.reauthSessionId
        ? { sessionId: login.reauthSessionId, authTime: new Date(Number(idClaims.auth_time) * 1000) }
        : null,
    };
  } catch (e) {
    throw classify(e);
  }
}

/** The provider's logout URL for a session opened through it, or null (no such session, no endpoint, provider down). */
export async function endSessionUrl(
  request: Request,
  session: { identityProvider: IdentityProvider | null; idTokenHint: string | null },
): Promise<string | null> {
  if (!session.identityProvider || !session.idTokenHint) return null;
  const settings = providerSettings(session.identityProvider === "STAFF" ? "staff" : "public");
  if (!settings) return null;
  try {
    const config = await configuration(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(config, {
        id_token_hint: session.idTokenHint,
        post_logout_redirect_uri: `${appOrigin(request)}/`,
      })
      .toString();
  } catch {
    return null; // The provider is down: the local sign-out still happens.
  }
}

/** Housekeeping: sign-ins abandoned at the provider. */
export async function purgeExpiredLogins(): Promise<number> {
  const { count } = await prisma.oidcLogin.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}
