// Sessions implemented per the Lucia guide (lucia-auth.com, "Basic session implementation"):
// the cookie carries "<id>.<secret>"; the database keeps the id and SHA-256(secret) only, and the
// secret is compared in constant time. The `lucia` package itself is deprecated and not used.
//
// Lifetimes (docs/decisions/0004-sessions.md): a session ends after IDLE_TIMEOUT without a request,
// and in any case ABSOLUTE_LIFETIME after sign-in. lastSeenAt is refreshed at most every
// TOUCH_INTERVAL, so the idle timeout is precise to that interval.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { redirect } from "@remix-run/node";
import type { Viewer } from "~/auth/policy.ts";
import type { IdentityProvider, Role } from "~/generated/prisma/enums.ts";
import { cookieHeader, expiredCookieHeader, isHttps, readCookie, type CookieRule } from "~/lib/cookies.server.ts";
import { pool, prepared, prisma } from "~/lib/db.server.ts";
import { forgetForRequest, oncePerRequest } from "~/lib/request-scope.server.ts";
import { publish } from "~/realtime/publish.server.ts";

export const IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
/** The request scope's key of the session (one cookie, so one session, per request). */
const SESSION_MEMO_KEY = "session";

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  grantedSpaceIds: string[];
};

export type ValidSession = { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date };

function randomBase32(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export async function createSession(
  userId: string,
  meta: {
    userAgent?: string | null;
    ip?: string | null;
    /** Signed in through an OpenID provider: its ID token is the hint for signing out there too. */
    identity?: { provider: IdentityProvider; idToken: string | null };
  } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomBase32(15); // 120 bits: an index key, not a secret
  const secret = randomBase32(32); // 256 bits
  const now = Date.now();
  const expiresAt = new Date(now + ABSOLUTE_LIFETIME_MS);
  await prisma.session.create({
    data: {
      id,
      secretHash: Buffer.from(hashSecret(secret)),
      userId,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
      identityProvider: meta.identity?.provider ?? null,
      idTokenHint: meta.identity?.idToken ?? null,
    },
    select: { id: true },
  });
  return { token: `${id}.${secret}`, expiresAt };
}

type SessionRow = {
  id: string;
  secret_hash: Buffer;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  granted_space_ids: string[];
};

export async function validateSessionToken(
  token: string,
): Promise<{ session: ValidSession; user: SessionUser } | null> {
  const [id, secret, ...rest] = token.split(".");
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 128) return null;
  // Every signed-in request runs this: one statement instead of three ORM queries.
  const { rows } = await pool.query<SessionRow>(
    prepared(
      `select s.id, s.secret_hash, s.created_at, s.last_seen_at, s.expires_at,
            u.id as user_id, u.email, u.display_name, u.role,
            coalesce(array(select a.space_id from space_accesses a where a.user_id = u.id), '{}') as granted_space_ids
       from sessions s join users u on u.id = s.user_id
      where s.id = $1 and u.suspended_at is null and (u.access_ends_at is null or u.access_ends_at > now())`,
      [id],
    ),
  );
  const row = rows[0];
  // Unknown, or its account is suspended (suspending also deletes the sessions; this covers the rest),
  // or a supplier whose access ended by itself at its end date (docs/decisions/0024).
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;
  const now = Date.now();
  if (now >= row.expires_at.getTime() || now - row.last_seen_at.getTime() >= IDLE_TIMEOUT_MS) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let lastSeenAt = row.last_seen_at;
  if (now - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    lastSeenAt = new Date(now);
    // Raw, like the read above: through Prisma this cost the process ~250 µs of CPU against ~50 µs, on
    // the first request of every session after five minutes (docs/decisions/0048).
    await pool.query(prepared("update sessions set last_seen_at = $2 where id = $1", [id, lastSeenAt]));
  }
  return {
    session: { id: row.id, createdAt: row.created_at, lastSeenAt, expiresAt: row.expires_at },
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      grantedSpaceIds: row.granted_space_ids,
    },
  };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
  forgetForRequest(SESSION_MEMO_KEY);
  // Its open sockets, on every process, are disconnected (docs/decisions/0005-realtime.md).
  publish({ type: "session:revoked", sessionId });
}

export async function invalidateAllSessions(userId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } });
  publish({ type: "user:access-changed", userId });
  return count;
}

/**
 * For long-lived connections (realtime sockets): the current viewer of each session that is still
 * valid (not deleted, not past its idle timeout or absolute lifetime), read in one statement. Does not
 * refresh lastSeenAt: only requests count as activity.
 */
export async function currentViewersOfSessions(
  sessionIds: readonly string[],
): Promise<Map<string, NonNullable<Viewer>>> {
  const result = new Map<string, NonNullable<Viewer>>();
  if (sessionIds.length === 0) return result;
  const { rows } = await pool.query<{ id: string; user_id: string; role: Role; granted_space_ids: string[] }>(
    `select s.id, u.id as user_id, u.role,
            coalesce(array(select a.space_id from space_accesses a where a.user_id = u.id order by a.space_id), '{}') as granted_space_ids
       from sessions s join users u on u.id = s.user_id
      where s.id = any($1::text[]) and u.suspended_at is null and (u.access_ends_at is null or u.access_ends_at > now()) and s.expires_at > now() and s.last_seen_at > now() - make_interval(secs => $2::float8 / 1000)`,
    [sessionIds, IDLE_TIMEOUT_MS],
  );
  for (const row of rows)
    result.set(row.id, { id: row.user_id, role: row.role, grantedSpaceIds: row.granted_space_ids });
  return result;
}

// --- cookie -------------------------------------------------------------------------------------
// Secure (with the __Host- prefix) whenever the request came over HTTPS — in production behind TLS,
// directly or through a proxy with TRUST_PROXY=1. Plain-HTTP local runs (`npm start`) get a
// non-Secure cookie so that signing in works on http://localhost and on a LAN address.

const SECURE_NAME = "__Host-idees_session";
const PLAIN_NAME = "idees_session";
const COOKIE_NAME = (request: Request) => (isHttps(request) ? SECURE_NAME : PLAIN_NAME);

/** What a session cookie looks like ("<id>.<secret>", base32); anything else is ignored, then expired. */
export const isSessionTokenShape = (value: string) => /^[a-z2-7]{1,64}\.[a-z2-7]{1,128}$/.test(value);

/** Both names the session cookie may have, for the root loader to expire a malformed one. */
export const SESSION_COOKIE_RULES: CookieRule[] = [SECURE_NAME, PLAIN_NAME].map((name) => ({
  name,
  httpOnly: true,
  valid: isSessionTokenShape,
}));

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  return cookieHeader(COOKIE_NAME(request), token, {
    httpOnly: true,
    secure: isHttps(request),
    maxAge: (expiresAt.getTime() - Date.now()) / 1000,
  });
}

export function clearSessionCookie(request: Request): string {
  return expiredCookieHeader(COOKIE_NAME(request), { httpOnly: true, secure: isHttps(request) });
}

function readSessionToken(request: Request): string | null {
  return sessionTokenFromCookies(request.headers.get("Cookie"), isHttps(request));
}

/** The session token in a Cookie header; also used by the realtime handshake (app/realtime/server.ts). */
export function sessionTokenFromCookies(header: string | null | undefined, https: boolean): string | null {
  // Over HTTPS only the __Host- cookie counts: a plain one could have been planted over HTTP.
  const token = readCookie(header, https ? SECURE_NAME : PLAIN_NAME);
  return token !== null && isSessionTokenShape(token) ? token : null;
}

// --- per-request helpers for loaders and actions ---------------------------------------------------

// Read once per HTTP request: the root loader and the route's loader (or the action) share it through
// the request scope (app/lib/request-scope.server.ts), since Remix gives each loader its own Request
// copy. Outside a request (a test calling a loader directly) the WeakMap keyed by the Request serves.
const perRequest = new WeakMap<Request, Promise<{ session: ValidSession; user: SessionUser } | null>>();

export function getSession(request: Request) {
  const token = readSessionToken(request);
  if (!token) return Promise.resolve(null);
  return oncePerRequest(SESSION_MEMO_KEY, () => {
    let pending = perRequest.get(request);
    if (!pending) {
      pending = validateSessionToken(token);
      perRequest.set(request, pending);
    }
    return pending;
  });
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

export function toViewer(user: SessionUser | null): Viewer {
  return user ? { id: user.id, role: user.role, grantedSpaceIds: user.grantedSpaceIds } : null;
}

export async function getViewer(request: Request): Promise<Viewer> {
  return toViewer(await getUser(request));
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  return user;
}
