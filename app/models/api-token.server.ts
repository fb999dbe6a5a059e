// Personal API tokens (docs/decisions/0026-read-api.md): created, listed and revoked by their owner on
// /compte; the token is shown once, at creation; the database keeps its id and SHA-256(secret) only (a
// 256-bit random secret needs no slow hash), compared in constant time. A token acts with its owner's
// visibility — the same Viewer a session gives — until it expires or is revoked (the row is deleted).
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { MAX_TOKENS, splitToken, TOKEN_PREFIX, type CreateTokenInput } from "./api-token.ts";
import { notFound, RuleBroken } from "./errors.ts";

const DAY_MS = 24 * 3600 * 1000;
/** last_used_at is written at most this often per token: a busy client does not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

export type ApiTokenView = {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
};

/** Creates a token for its owner; returns the token itself, which is never readable again. */
export async function createApiToken(options: {
  user: Pick<SessionUser, "id">;
  input: CreateTokenInput;
  now?: Date;
}): Promise<{ token: string; view: ApiTokenView }> {
  const { user, input, now = new Date() } = options;
  const live = await prisma.apiToken.count({ where: { userId: user.id, expiresAt: { gt: now } } });
  if (live >= MAX_TOKENS) throw new RuleBroken("api.tokens.tooMany", { field: "name", params: { max: MAX_TOKENS } });
  const bytes = new Uint8Array(32); // 256 bits
  crypto.getRandomValues(bytes);
  const secret = encodeBase32LowerCaseNoPadding(bytes);
  const row = await prisma.apiToken.create({
    data: {
      id: newId(),
      userId: user.id,
      name: input.name,
      secretHash: Buffer.from(hashSecret(secret)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + Number(input.lifetime) * DAY_MS),
    },
    select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true },
  });
  return { token: `${TOKEN_PREFIX}${row.id}.${secret}`, view: toView(row) };
}

const toView = (row: { id: string; name: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null }) => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/** The owner's tokens, newest first (expired ones too, until revoked: the owner sees they ended). */
export async function listApiTokens(options: { user: Pick<SessionUser, "id"> }): Promise<ApiTokenView[]> {
  const rows = await prisma.apiToken.findMany({
    where: { userId: options.user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true },
  });
  return rows.map(toView);
}

/** Revokes one of the owner's tokens (someone else's is "not found"). */
export async function revokeApiToken(options: { user: Pick<SessionUser, "id">; tokenId: string }): Promise<void> {
  const { count } = await prisma.apiToken.deleteMany({ where: { id: options.tokenId, userId: options.user.id } });
  if (count === 0) notFound();
}

/**
 * The owner a presented token acts for, or null when it is malformed, unknown (revoked), expired, or
 * its owner may no longer sign in (suspended, supplier access ended) — the same account rules as a session.
 */
export async function authenticateApiToken(
  token: string,
  now = new Date(),
): Promise<{ tokenId: string; user: SessionUser } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const { rows } = await pool.query<{
    secret_hash: Buffer;
    expires_at: Date;
    last_used_at: Date | null;
    user_id: string;
    email: string;
    display_name: string;
    role: Role;
    granted_space_ids: string[];
  }>(
    `select t.secret_hash, t.expires_at, t.last_used_at,
            u.id as user_id, u.email, u.display_name, u.role,
            coalesce(array(select a.space_id from space_accesses a where a.user_id = u.id), '{}') as granted_space_ids
       from api_tokens t join users u on u.id = t.user_id
      where t.id = $1 and u.suspended_at is null and (u.access_ends_at is null or u.access_ends_at > now())`,
    [parts.id],
  );
  const row = rows[0];
  if (!row || !constantTimeEqual(hashSecret(parts.secret), new Uint8Array(row.secret_hash))) return null;
  if (row.expires_at.getTime() <= now.getTime()) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_INTERVAL_MS)
    await prisma.apiToken.updateMany({ where: { id: parts.id }, data: { lastUsedAt: now } });
  return {
    tokenId: parts.id,
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      grantedSpaceIds: row.granted_space_ids,
    },
  };
}
