import type { Locale } from "~/lib/i18n.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/auth/password.server.ts";
import { refuseCommonPassword } from "~/auth/password-policy.server.ts";
import { canManageUsers, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { consumeEmailToken, findEmailToken, issueEmailToken } from "~/auth/email-token.server.ts";
import { RuleBroken } from "./errors.ts";
import { recordAudit } from "./audit.server.ts";
import { queueAccountEmail } from "./account-email.server.ts";
import { isEmailConfigured } from "./email.server.ts";
import { DELETED_USER_ID } from "./user.ts";
import { publish } from "~/realtime/publish.server.ts";
import { forbidden, invalid, notFound } from "./errors.ts";

/**
 * A sign-up answers the same whether or not the address has an account (docs/decisions/0021-
 * account-enumeration.md): the same work (one argon2 hash, one transaction, one queued e-mail) and
 * nothing returned. A new address gets an account that cannot sign in until the link e-mailed to it
 * is used with the password chosen here; an unverified account signed up again takes the new name
 * and password (whoever reads the mailbox decides); the owner of an active account is told by e-mail.
 */
export async function requestSignUp(input: {
  email: string;
  displayName: string;
  password: string;
  locale: Locale;
}): Promise<void> {
  refuseCommonPassword(input.password, "password");
  const passwordHash = await hashPassword(input.password);
  const mail = isEmailConfigured();
  let outcome: { userId: string; kind: "sign-up" | "sign-up-existing" };
  try {
    outcome = await prisma.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({
        where: { email: input.email },
        select: { id: true, emailVerifiedAt: true, invitation: { select: { id: true } } },
      });
      // An invited supplier's account waiting for its invitation is not a sign-up to take over: the
      // owner of the address hears that someone tried (docs/decisions/0024).
      if (existing?.emailVerifiedAt || existing?.invitation) {
        if (mail) await queueAccountEmail(tx, existing.id, "sign-up-existing");
        return { userId: existing.id, kind: "sign-up-existing" as const };
      }
      const details = { displayName: input.displayName, passwordHash, locale: input.locale };
      const user = existing
        ? await tx.user.update({ where: { id: existing.id }, data: details, select: { id: true } })
        : await tx.user.create({
            data: { id: newId(), email: input.email, role: "PUBLIC", emailVerifiedAt: null, ...details },
            select: { id: true },
          });
      if (mail) await queueAccountEmail(tx, user.id, "sign-up");
      return { userId: user.id, kind: "sign-up" as const };
    });
  } catch (error) {
    // The same address signed up twice at the same instant: the other request's e-mail is on its way.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return;
    throw error;
  }
  if (mail) return; // the queue sends it (the job was added in the transaction)
  // No SMTP_URL (a local demo): the operator reads the link in the server's log instead.
  if (outcome.kind === "sign-up") {
    const token = await issueEmailToken(outcome.userId, "sign-up");
    console.info(
      `[email] SMTP_URL is not set: the sign-up of ${input.email} is activated at /inscription/confirmer/${token}`,
    );
  } else {
    console.info(`[email] SMTP_URL is not set: not telling ${input.email} that someone signed up with their address`);
  }
}

/**
 * Activates a self sign-up: the e-mailed link (a live "sign-up" token) and the password chosen at
 * sign-up, which a link scanner or someone who signed up with another person's address does not have.
 * Returns the person to sign in.
 */
export async function confirmSignUp(input: {
  token: string;
  password: string;
}): Promise<{ id: string; displayName: string }> {
  const found = await findEmailToken(input.token, "sign-up");
  const user = found
    ? await prisma.user.findUnique({
        where: { id: found.userId },
        select: { id: true, displayName: true, passwordHash: true, emailVerifiedAt: true, suspendedAt: true },
      })
    : null;
  if (!user || user.emailVerifiedAt || user.suspendedAt) throw new RuleBroken("auth.confirmInvalidLink");
  if (!(await verifyPassword(user.passwordHash, input.password)))
    throw new RuleBroken("auth.confirmWrongPassword", { field: "password" });
  await prisma.$transaction(async (tx) => {
    if (!(await consumeEmailToken(tx, input.token, "sign-up"))) throw new RuleBroken("auth.confirmInvalidLink");
    await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() }, select: { id: true } });
  });
  return { id: user.id, displayName: user.displayName };
}

/** Whether a confirmation link can still be used (the page shows the form, or says it is not valid). */
export async function isSignUpLinkLive(token: string): Promise<boolean> {
  const found = await findEmailToken(token, "sign-up");
  if (!found) return false;
  const user = await prisma.user.findUnique({ where: { id: found.userId }, select: { emailVerifiedAt: true } });
  return user !== null && user.emailVerifiedAt === null;
}

/**
 * The user when the password matches an activated account; null otherwise, in the same time whether or
 * not the account exists.
 * A suspended account answers "suspended" — only to someone who knows its password.
 */
export async function authenticate(
  email: string,
  password: string,
): Promise<{ id: string; displayName: string } | "suspended" | "access-ended" | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      displayName: true,
      passwordHash: true,
      suspendedAt: true,
      emailVerifiedAt: true,
      accessEndsAt: true,
    },
  });
  if (!user) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  // Not activated yet: the same answer as a wrong password, or signing in after signing up would tell
  // whether the address already had an account (docs/decisions/0021-account-enumeration.md).
  if (!user.emailVerifiedAt) return null;
  if (user.suspendedAt) return "suspended";
  // An invited supplier whose access ended or was revoked (docs/decisions/0024).
  if (user.accessEndsAt && user.accessEndsAt <= new Date()) return "access-ended";
  return { id: user.id, displayName: user.displayName };
}

export async function listUsersForAdmin(viewer: Viewer, query: string) {
  if (!canManageUsers(viewer)) forbidden();
  const q = query.trim().slice(0, 100);
  return prisma.user.findMany({
    where: {
      // The placeholder that deleted people's contributions are attributed to is nobody to manage.
      id: { not: DELETED_USER_ID },
      ...(q
        ? {
            OR: [
              { email: { contains: q, mode: "insensitive" as const } },
              { displayName: { contains: q, mode: "insensitive" as const } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      email: true,
      displayName: true,
      role: true,
      createdAt: true,
      spaceAccesses: { select: { spaceId: true } },
    },
  });
}

export async function changeRole(options: { viewer: Viewer; userId: string; role: Role }) {
  const { viewer, userId, role } = options;
  if (!canManageUsers(viewer)) forbidden();
  if (viewer!.id === userId && role !== "ADMIN") invalid("admin.selfDemote");
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!before) notFound();
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    if (before.role !== role) {
      await recordAudit(tx, {
        actorId: viewer!.id,
        action: "user.role",
        target: { type: "user", id: userId },
        before,
        after: { role },
      });
    }
  });
  // Their open sockets reconnect with the new rights (they may no longer see InnovAction).
  publish({ type: "user:access-changed", userId });
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true, role: true } });
}

export async function setSpaceAccess(options: { viewer: Viewer; userId: string; spaceId: string; granted: boolean }) {
  const { viewer, userId, spaceId, granted } = options;
  if (!canManageUsers(viewer)) forbidden();
  const [user, space] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { displayName: true } }),
    prisma.space.findUnique({ where: { id: spaceId }, select: { nameFr: true, nameEn: true, audience: true } }),
  ]);
  if (!user || !space) notFound();
  if (space.audience !== "INTERNAL") invalid("Only internal spaces need a grant");
  await prisma.$transaction(async (tx) => {
    const { count } = granted
      ? await tx.spaceAccess.createMany({ data: [{ userId, spaceId, grantedById: viewer!.id }], skipDuplicates: true })
      : await tx.spaceAccess.deleteMany({ where: { userId, spaceId } });
    if (count > 0) {
      await recordAudit(tx, {
        actorId: viewer!.id,
        action: granted ? "space.grant" : "space.revoke",
        target: { type: "user", id: userId },
        after: { spaceId },
      });
    }
  });
  publish({ type: "user:access-changed", userId });
  return { user, space };
}
