// In-app notifications. Rows are written inside the transaction of the change they announce (so a
// rolled-back change notifies nobody) and read through the viewer's visibility: a notification about
// an idea the person may no longer see is neither listed nor counted.
import { canModerate, visibleSpaceFilter, type Viewer } from "~/auth/policy.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { queueNotificationEmails, wakeEmailDelivery } from "./email.server.ts";
import { isNotificationType, type NotificationData, type NotificationType } from "./notification.ts";
import { DELETED_USER_ID } from "./user.ts";

/**
 * Notifies everyone who follows an idea — its author, its supporters and the authors of its comments —
 * except the person acting. One set-based statement, whatever the number of followers. Returns the
 * recipients, for the caller to announce with announceNotifications() once the transaction committed.
 */
export async function notifyFollowers<T extends NotificationType>(
  tx: Tx,
  options: { ideaId: string; actorId: string; type: T; data: NotificationData[T] },
): Promise<string[]> {
  const { ideaId, actorId, type, data } = options;
  const rows = await tx.$queryRaw<{ id: bigint; user_id: string }[]>`
    insert into notifications (user_id, type, idea_id, data)
    select f.user_id, ${type}, ${ideaId}, ${JSON.stringify(data)}::jsonb
      from (select author_id as user_id from ideas where id = ${ideaId}
            union select user_id from votes where idea_id = ${ideaId}
            union select author_id from comments where idea_id = ${ideaId} and deleted_at is null) f
     where f.user_id <> ${actorId} and f.user_id <> ${DELETED_USER_ID}
    returning id, user_id`;
  await queueNotificationEmails(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => r.user_id);
}

export async function notifyUser<T extends NotificationType>(
  tx: Tx,
  options: { userId: string; ideaId: string | null; type: T; data: NotificationData[T] },
): Promise<string[]> {
  // Deleted people's kept contributions are signed by a placeholder nobody reads for.
  if (options.userId === DELETED_USER_ID) return [];
  const { id } = await tx.notification.create({
    data: {
      userId: options.userId,
      ideaId: options.ideaId,
      type: options.type,
      data: options.data as Prisma.InputJsonObject,
    },
    select: { id: true },
  });
  await queueNotificationEmails(tx, [id]);
  return [options.userId];
}

/**
 * After commit: tells each recipient's open pages that a notification arrived (no content travels),
 * and this process's e-mail worker that there may be e-mails to send.
 */
export function announceNotifications(userIds: Iterable<string>): void {
  const recipients = new Set(userIds);
  for (const userId of recipients) publish({ type: "notification:new", userId });
  if (recipients.size > 0) wakeEmailDelivery();
}

/**
 * The person's notifications about what they may still see: an idea of a space they can see, and
 * when the idea is hidden, only if they are its author or a moderator (app/auth/policy.ts canViewIdea).
 */
function visibleTo(viewer: NonNullable<Viewer>): Prisma.NotificationWhereInput {
  const hidden: Prisma.IdeaWhereInput = canModerate(viewer)
    ? {}
    : { OR: [{ hiddenAt: null }, { authorId: viewer.id }] };
  return { userId: viewer.id, OR: [{ ideaId: null }, { idea: { space: visibleSpaceFilter(viewer), ...hidden } }] };
}

export const NOTIFICATIONS_SHOWN = 50;

export async function listNotifications(viewer: NonNullable<Viewer>) {
  const rows = await prisma.notification.findMany({
    where: visibleTo(viewer),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_SHOWN,
    select: {
      id: true,
      type: true,
      data: true,
      createdAt: true,
      readAt: true,
      idea: { select: { id: true, title: true } },
    },
  });
  return rows.flatMap((row) => {
    if (!isNotificationType(row.type)) return [];
    return [
      {
        id: row.id.toString(),
        type: row.type,
        data: (row.data ?? {}) as Record<string, string | boolean>,
        createdAt: row.createdAt.toISOString(),
        read: row.readAt !== null,
        idea: row.idea,
      },
    ];
  });
}

export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  if (!viewer) return 0;
  return prisma.notification.count({ where: { ...visibleTo(viewer), readAt: null } });
}

/** Marks the viewer's own notifications read: the listed ones, or all of them. */
export async function markNotificationsRead(options: {
  user: NonNullable<Viewer>;
  ids: string[] | "all";
}): Promise<number> {
  const { user, ids } = options;
  const { count } = await prisma.notification.updateMany({
    where: {
      userId: user.id,
      readAt: null,
      ...(ids === "all" ? {} : { id: { in: ids.filter((i) => /^\d{1,19}$/.test(i)).map(BigInt) } }),
    },
    data: { readAt: new Date() },
  });
  return count;
}
