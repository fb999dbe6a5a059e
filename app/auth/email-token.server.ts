// Single-use secrets sent by e-mail (docs/decisions/0021-account-enumeration.md). 256 random bits in
// the link; only their SHA-256 is stored (like session secrets), with a purpose and an expiry. Issuing
// a token replaces the person's earlier ones for the same purpose: only the newest link works.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { prisma, type Tx } from "~/lib/db.server.ts";

export type EmailTokenPurpose = "sign-up" | "password-reset" | "invitation" | "email-change";

/** How long a link works (docs/decisions/0024): a reset link one hour, an invitation seven days. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  "sign-up": 24 * 3600_000,
  "password-reset": 3600_000,
  invitation: 7 * 24 * 3600_000,
  "email-change": 24 * 3600_000,
};

/** What a token in a URL looks like (32 bytes, base32): anything else is no token at all. */
export const isEmailTokenShape = (value: string) => /^[a-z2-7]{52}$/.test(value);

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function issueEmailToken(
  userId: string,
  purpose: EmailTokenPurpose,
  options: { expiresAt?: Date; newEmail?: string } = {},
): Promise<string> {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  await prisma.$transaction([
    prisma.emailToken.deleteMany({ where: { userId, purpose } }),
    prisma.emailToken.create({
      data: {
        tokenHash: hashToken(token),
        userId,
        purpose,
        expiresAt: options.expiresAt ?? new Date(Date.now() + EMAIL_TOKEN_TTL_MS[purpose]),
        newEmail: options.newEmail ?? null,
      },
      select: { userId: true },
    }),
  ]);
  return token;
}

/** The person a live token of this purpose belongs to, or null (unknown, expired, replaced, malformed). */
export async function findEmailToken(
  token: string,
  purpose: EmailTokenPurpose,
): Promise<{ userId: string; newEmail: string | null } | null> {
  if (!isEmailTokenShape(token)) return null;
  const row = await prisma.emailToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { userId: true, purpose: true, expiresAt: true, newEmail: true },
  });
  if (!row || row.purpose !== purpose || row.expiresAt.getTime() <= Date.now()) return null;
  return { userId: row.userId, newEmail: row.newEmail };
}

/** Uses the token up, inside the caller's transaction; false when someone else used it first. */
export async function consumeEmailToken(tx: Tx, token: string, purpose: EmailTokenPurpose): Promise<boolean> {
  const { count } = await tx.emailToken.deleteMany({
    where: { tokenHash: hashToken(token), purpose, expiresAt: { gt: new Date() } },
  });
  return count === 1;
}
