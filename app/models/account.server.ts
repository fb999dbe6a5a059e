// A person's own account, per OWASP ASVS 5.0 level 2 chapter V7 (session management): the list of
// their active sessions, ending any of them, re-authentication (the current password, in the same
// form) before changing the e-mail address or the password. Admins end all of someone's sessions.
// Every ending of sessions and every credential change is in the audit trail.
import { hashPassword, verifyPassword } from "~/auth/password.server.ts";
import { refuseCommonPassword } from "~/auth/password-policy.server.ts";
import { canEndSessionsOf, type Viewer } from "~/auth/policy.ts";
import { createSession, IDLE_TIMEOUT_MS } from "~/auth/session.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { isRecentReauthentication, summarizeUserAgent } from "./account.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { queueAccountEmail } from "./account-email.server.ts";
import { isEmailConfigured } from "./email.server.ts";
import { NO_PASSWORD } from "./identity.server.ts";
import { kindOf } from "./identity.ts";
import { consumeEmailToken, findEmailToken, issueEmailToken } from "~/auth/email-token.server.ts";

type Person = { id: string };
type SessionMeta = { userAgent?: string | null; ip?: string | null };

export type SessionView = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  browser: string | null;
  os: string | null;
  ip: string | null;
  current: boolean;
};

/** The person's sessions that are still valid, most recently used first. Never the secret's hash. */
export async function listMySessions(options: { user: Person; currentSessionId: string }): Promise<SessionView[]> {
  const now = Date.now();
  const rows = await prisma.session.findMany({
    where: {
      userId: options.user.id,
      expiresAt: { gt: new Date(now) },
      lastSeenAt: { gt: new Date(now - IDLE_TIMEOUT_MS) },
    },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    ...summarizeUserAgent(r.userAgent),
    ip: r.ip,
    current: r.id === options.currentSessionId,
  }));
}

/**
 * Ends one of the person's own sessions. Scoped by user in the `where`: another person's session id
 * is a 404, like an unknown one. Returns whether it was the session making the request.
 */
export async function endMySession(options: { user: Person; sessionId: string; currentSessionId: string }) {
  const { user, sessionId } = options;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: user.id } });
    if (count === 0) notFound();
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.session.end",
      target: { type: "user", id: user.id },
      after: { sessions: 1 },
    });
  });
  // Its open sockets, on every process, are disconnected.
  publish({ type: "session:revoked", sessionId });
  return { wasCurrent: sessionId === options.currentSessionId };
}

/** Ends every session of `userId`: the person themself ("sign out everywhere") or an admin. */
export async function endAllSessions(options: {
  viewer: Viewer;
  userId: string;
}): Promise<{ count: number; displayName: string }> {
  const { viewer, userId } = options;
  if (!canEndSessionsOf(viewer, userId)) notFound();
  const result = await prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { displayName: true } });
    if (!target) notFound();
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId: viewer!.id,
      action: "user.sessions.end",
      target: { type: "user", id: userId },
      before: { sessions: count },
      after: { sessions: 0 },
    });
    return { count, displayName: target.displayName };
  });
  publish({ type: "user:access-changed", userId });
  return result;
}

/**
 * THE re-authentication rule before a sensitive action (ASVS V7; docs/decisions/0023): the current
 * password; for an account without one (made by a provider), a re-authentication through its provider
 * in this session within the last five minutes. Throws RuleBroken on the `currentPassword` field.
 */
export async function requireCurrentPassword(
  user: Person & { sessionId: string },
  currentPassword: string | undefined,
): Promise<void> {
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (row && row.passwordHash === NO_PASSWORD) {
    const session = await prisma.session.findFirst({
      where: { id: user.sessionId, userId: user.id },
      select: { reauthenticatedAt: true },
    });
    if (isRecentReauthentication(session?.reauthenticatedAt ?? null, new Date())) return;
    throw new RuleBroken("account.reauthRequired", { field: "currentPassword" });
  }
  if (!row || !currentPassword || !(await verifyPassword(row.passwordHash, currentPassword))) {
    throw new RuleBroken("account.wrongPassword", { field: "currentPassword" });
  }
}

/** Whether the account has a password (else its sensitive actions need a re-authentication through its provider). */
export async function hasPassword(user: Person): Promise<boolean> {
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  return !!row && row.passwordHash !== NO_PASSWORD;
}

/** When this session was last re-authenticated through a provider, if that still counts (ISO), else null. */
export async function recentReauthentication(user: Person & { sessionId: string }): Promise<string | null> {
  const session = await prisma.session.findFirst({
    where: { id: user.sessionId, userId: user.id },
    select: { reauthenticatedAt: true },
  });
  const at = session?.reauthenticatedAt ?? null;
  return at && isRecentReauthentication(at, new Date()) ? at.toISOString() : null;
}

/**
 * Changes the password after checking the current one; every session of the person ends (a thief's
 * too) and this device gets a new one: the caller sets the returned token as the cookie.
 */
export async function changePassword(options: {
  user: Person & { sessionId: string };
  currentPassword?: string;
  newPassword: string;
  meta: SessionMeta;
}) {
  const { user, currentPassword, newPassword } = options;
  await requireCurrentPassword(user, currentPassword);
  if (currentPassword === newPassword) throw new RuleBroken("account.samePassword", { field: "newPassword" });
  refuseCommonPassword(newPassword, "newPassword");
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    // The fact only: neither hash is copied into the trail.
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password",
      target: { type: "user", id: user.id },
      after: { sessionsEnded: count },
    });
  });
  publish({ type: "user:access-changed", userId: user.id });
  return createSession(user.id, options.meta);
}

/**
 * Asks to change the sign-in e-mail address, after checking the current password: nothing changes until
 * the link e-mailed to the new address is opened by this person, signed in (docs/decisions/0024). The
 * answer is the same whether or not the new address has an account (no enumeration): a taken address
 * gets no e-mail.
 */
export async function requestEmailChange(options: {
  user: Person & { email: string; sessionId: string };
  currentPassword?: string;
  email: string;
}) {
  const { user, currentPassword, email } = options;
  await requireCurrentPassword(user, currentPassword);
  if (email === user.email) throw new RuleBroken("account.sameEmail", { field: "email" });
  if (!isEmailConfigured()) {
    const token = await issueEmailToken(user.id, "email-change", { newEmail: email });
    console.info(
      `[email] SMTP_URL is not set: the new address of ${user.email} is confirmed at /compte/adresse/${token}`,
    );
    return;
  }
  await prisma.$transaction((tx) =>
    queueAccountEmail(tx, user.id, "email-change", { data: { newEmail: email }, scope: email }),
  );
}

/** The new address an e-mail change link confirms, for the signed-in person it belongs to; null when it no longer works. */
export async function findEmailChange(options: { user: Person; token: string }): Promise<string | null> {
  const found = await findEmailToken(options.token, "email-change");
  if (!found?.newEmail) return null;
  // Another person's link: they must sign in as the account that asked.
  if (found.userId !== options.user.id) forbidden("account.emailChangeOtherAccount");
  return found.newEmail;
}

/** Makes the verified new address the sign-in address; the old address is told. */
export async function confirmEmailChange(options: { user: Person & { email: string }; token: string }) {
  const { user, token } = options;
  const newEmail = await findEmailChange({ user, token });
  if (!newEmail) throw new RuleBroken("account.emailChangeInvalidLink");
  try {
    await prisma.$transaction(async (tx) => {
      if (!(await consumeEmailToken(tx, token, "email-change"))) throw new RuleBroken("account.emailChangeInvalidLink");
      await tx.user.update({
        where: { id: user.id },
        data: { email: newEmail, emailVerifiedAt: new Date() },
        select: { id: true },
      });
      // The fact only: addresses are personal data the trail does not need to keep.
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.email",
        target: { type: "user", id: user.id },
        after: { changed: true },
      });
      if (isEmailConfigured())
        await queueAccountEmail(tx, user.id, "email-changed", {
          data: { oldEmail: user.email, newEmail },
          scope: newEmail,
        });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new RuleBroken("auth.emailTaken");
    throw error;
  }
  publish({ type: "user:access-changed", userId: user.id });
}

/** What the pages with a sensitive action show to confirm it (app/components/reauth.tsx). */
export async function reauthView(user: Person & { sessionId: string }) {
  const [withPassword, identities, reauthenticatedAt] = await Promise.all([
    hasPassword(user),
    prisma.userIdentity.findMany({ where: { userId: user.id }, select: { provider: true }, distinct: ["provider"] }),
    recentReauthentication(user),
  ]);
  return {
    hasPassword: withPassword,
    providers: identities.map((i) => kindOf(i.provider)),
    reauthenticatedAt,
  };
}
