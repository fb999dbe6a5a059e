// Account suspension by moderators (docs/decisions/0008-moderation.md): a suspended account can no
// longer sign in, its sessions end in the same transaction, and its sockets are disconnected once it
// committed. Audited.
import { canModerate, canSuspend, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";

async function requireSuspendable(viewer: Viewer, userId: string) {
  if (!canModerate(viewer)) forbidden();
  const person = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, displayName: true },
  });
  if (!person) notFound();
  if (!canSuspend(viewer, person)) forbidden();
  return person;
}

/**
 * Suspends an account: it can no longer sign in, its sessions are deleted in the same transaction, and
 * its open sockets are disconnected on every process once it committed.
 */
/** `language`: the moderator's interface language, the reason's in the audit log (docs/decisions/0037). */
export async function suspendUser(options: {
  user: NonNullable<Viewer>;
  userId: string;
  reason: string;
  language?: string;
}) {
  const { user, userId, reason } = options;
  const person = await requireSuspendable(user, userId);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, suspendedAt: null },
      data: { suspendedAt: new Date(), suspendedReason: reason },
    });
    if (count === 0) throw new RuleBroken("moderation.alreadySuspended", { conflict: true });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.suspend",
      target: { type: "user", id: userId },
      before: { suspended: false },
      after: { suspended: true, reason, sessionsEnded: sessions.count },
      language: options.language,
    });
  });
  publish({ type: "user:access-changed", userId });
  return person;
}

export async function unsuspendUser(options: { user: NonNullable<Viewer>; userId: string }) {
  const { user, userId } = options;
  const person = await requireSuspendable(user, userId);
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { suspendedAt: true, suspendedReason: true },
    });
    if (!before.suspendedAt) throw new RuleBroken("moderation.notSuspended", { conflict: true });
    await tx.user.update({
      where: { id: userId },
      data: { suspendedAt: null, suspendedReason: null },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.unsuspend",
      target: { type: "user", id: userId },
      before: { suspended: true, reason: before.suspendedReason },
      after: { suspended: false },
    });
  });
  return person;
}
