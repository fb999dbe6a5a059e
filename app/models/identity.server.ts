// Accounts from OpenID identities (docs/decisions/0023-openid-connect.md): the provider's subject is
// the key; the first sign-in creates the account (just in time) or links it to the account holding the
// same address — only when the provider says it verified that address — and every later sign-in
// refreshes what the staff provider is authoritative for: the role its groups map to and the agency.
import type { Role } from "~/generated/prisma/enums.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { publish } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import {
  displayNameFromClaims,
  emailFromClaims,
  isEmailVerified,
  isStaffEmail,
  kindOf,
  providerOf,
  staffRoleFromClaim,
  textClaim,
  type IdentityClaims,
  type ProviderKind,
  type RoleMapping,
} from "./identity.ts";

export type IdentityPolicy = {
  /** Staff: the claim holding the groups, and which groups make which role (none: roles left alone). */
  rolesClaim: string;
  roleMapping: RoleMapping;
  /** Staff: the claim naming the agency, stored on the account (none: not stored). */
  agencyClaim: string | undefined;
  staffDomains: readonly string[];
};

/** A password hash that no password verifies: accounts made by a provider have no password. */
export const NO_PASSWORD = "";

const ROLE_SOURCE = { source: "oidc" } as const;

/**
 * The account this identity signs in to, created or linked on first use. Throws RuleBroken when the
 * provider gives no usable address, or an address that another account holds and it did not verify
 * (conflict), or a staff address through the public provider; Forbidden("auth.suspended").
 */
export async function signInWithIdentity(options: {
  kind: ProviderKind;
  claims: IdentityClaims;
  policy: IdentityPolicy;
}): Promise<{ id: string; displayName: string }> {
  try {
    return await attempt(options);
  } catch (error) {
    // Two first sign-ins of the same person at the same instant: the other one created the rows.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return attempt(options);
    throw error;
  }
}

async function attempt(options: { kind: ProviderKind; claims: IdentityClaims; policy: IdentityPolicy }) {
  const { kind, claims, policy } = options;
  const provider = providerOf(kind);
  const subject = String(claims.sub);
  const email = emailFromClaims(claims);
  const changedAccess: string[] = [];
  const user = await prisma.$transaction(async (tx) => {
    const identity = await tx.userIdentity.findUnique({
      where: { provider_subject: { provider, subject } },
      select: { id: true, userId: true },
    });
    const userId = identity?.userId ?? (await linkOrCreate(tx, { kind, claims, email, policy }));
    if (identity) {
      await tx.userIdentity.update({
        where: { id: identity.id },
        data: { lastLoginAt: new Date(), ...(email ? { email } : {}) },
        select: { id: true },
      });
    } else {
      await tx.userIdentity.create({
        data: { id: newId(), provider, subject: subject.slice(0, 255), userId, email },
        select: { id: true },
      });
    }
    const current = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, displayName: true, role: true, agency: true, suspendedAt: true },
    });
    if (kind === "staff") {
      const role = staffRole(current.role, claims, policy);
      const agency = policy.agencyClaim ? textClaim(claims[policy.agencyClaim]) : current.agency;
      if (role !== current.role || agency !== current.agency) {
        await tx.user.update({ where: { id: userId }, data: { role, agency }, select: { id: true } });
      }
      if (role !== current.role) {
        changedAccess.push(userId);
        await recordAudit(tx, {
          actorId: null,
          action: "user.role",
          target: { type: "user", id: userId },
          before: { role: current.role },
          after: { role, ...ROLE_SOURCE },
        });
      }
    }
    return current;
  });
  for (const userId of changedAccess) publish({ type: "user:access-changed", userId });
  if (user.suspendedAt) forbidden("auth.suspended");
  return { id: user.id, displayName: user.displayName };
}

/**
 * Staff: the role the provider's groups map to, and at least EMPLOYEE. Without a mapping the provider
 * says nothing about roles, and an admin's choice stands (a public or supplier account becomes EMPLOYEE).
 */
function staffRole(current: Role, claims: IdentityClaims, policy: IdentityPolicy): Role {
  if (policy.roleMapping.length > 0) return staffRoleFromClaim(claims[policy.rolesClaim], policy.roleMapping);
  return current === "PUBLIC" || current === "SUPPLIER" ? "EMPLOYEE" : current;
}

async function linkOrCreate(
  tx: Tx,
  input: { kind: ProviderKind; claims: IdentityClaims; email: string | null; policy: IdentityPolicy },
): Promise<string> {
  const { kind, claims, email, policy } = input;
  if (!email) throw new RuleBroken("identity.noEmail");
  if (kind === "public" && isStaffEmail(email, policy.staffDomains)) throw new RuleBroken("identity.staffDomain");
  const verified = isEmailVerified(claims);
  const existing = await tx.user.findUnique({
    where: { email },
    select: { id: true, emailVerifiedAt: true },
  });
  if (existing) {
    // Only the provider's word that this person reads the mailbox lets them into the account holding it.
    if (!verified) throw new RuleBroken("identity.unverifiedEmail", { conflict: true });
    await tx.user.update({
      where: { id: existing.id },
      // A sign-up never confirmed may carry a password chosen by someone else: it is dropped.
      data: existing.emailVerifiedAt ? {} : { emailVerifiedAt: new Date(), passwordHash: NO_PASSWORD },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: existing.id,
      action: "user.identity.link",
      target: { type: "user", id: existing.id },
      after: { provider: providerOf(kind), email },
    });
    return existing.id;
  }
  const user = await tx.user.create({
    data: {
      id: newId(),
      email,
      displayName: displayNameFromClaims(claims, email),
      passwordHash: NO_PASSWORD,
      role: kind === "staff" ? "EMPLOYEE" : "PUBLIC",
      emailVerifiedAt: verified ? new Date() : null,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: user.id,
    action: "user.identity.link",
    target: { type: "user", id: user.id },
    after: { provider: providerOf(kind), email, created: true },
  });
  return user.id;
}

export type IdentityView = {
  id: string;
  kind: ProviderKind;
  email: string | null;
  linkedAt: string;
  lastLoginAt: string;
};

/** The person's own identities, for /compte. */
export async function listMyIdentities(user: { id: string }): Promise<IdentityView[]> {
  const rows = await prisma.userIdentity.findMany({
    where: { userId: user.id },
    orderBy: [{ linkedAt: "asc" }, { id: "asc" }],
    select: { id: true, provider: true, email: true, linkedAt: true, lastLoginAt: true },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: kindOf(r.provider),
    email: r.email,
    linkedAt: r.linkedAt.toISOString(),
    lastLoginAt: r.lastLoginAt.toISOString(),
  }));
}

/** The agency the staff provider gave at the last sign-in, or null. */
export async function myAgency(user: { id: string }): Promise<string | null> {
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { agency: true } });
  return row?.agency ?? null;
}

/**
 * Unlinks one of the person's own identities (another's is a 404). Refused when it is their last way
 * to sign in: no other identity and no password.
 */
export async function unlinkMyIdentity(options: { user: { id: string }; identityId: string }): Promise<void> {
  const { user, identityId } = options;
  await prisma.$transaction(async (tx) => {
    const identity = await tx.userIdentity.findFirst({
      where: { id: identityId, userId: user.id },
      select: { id: true, provider: true, email: true },
    });
    if (!identity) notFound();
    const [others, account] = await Promise.all([
      tx.userIdentity.count({ where: { userId: user.id, id: { not: identity.id } } }),
      tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } }),
    ]);
    if (others === 0 && account.passwordHash === NO_PASSWORD) throw new RuleBroken("identity.lastWayIn");
    await tx.userIdentity.delete({ where: { id: identity.id }, select: { id: true } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.identity.unlink",
      target: { type: "user", id: user.id },
      before: { provider: identity.provider, email: identity.email },
    });
  });
}

/**
 * Marks the person's session as re-authenticated at `authTime` through their provider (ASVS V7;
 * docs/decisions/0023): the identity the provider just vouched for must be one linked to this account —
 * anyone else's (or an unknown one) is refused and nothing changes.
 */
export async function recordReauthentication(options: {
  user: { id: string };
  sessionId: string;
  kind: ProviderKind;
  claims: IdentityClaims;
  authTime: Date;
}): Promise<void> {
  const { user, sessionId, kind, claims, authTime } = options;
  const identity = await prisma.userIdentity.findFirst({
    where: { provider: providerOf(kind), subject: String(claims.sub), userId: user.id },
    select: { id: true },
  });
  if (!identity) forbidden("identity.reauthOtherIdentity");
  const { count } = await prisma.session.updateMany({
    where: { id: sessionId, userId: user.id },
    data: { reauthenticatedAt: authTime },
  });
  if (count === 0) forbidden("identity.reauthOtherIdentity");
}
