// In-app notifications. Rows are written inside the transaction of the change they announce (so a
// rolled-back change notifies nobody) and read through the viewer's visibility: a notification about
// an idea the person may no longer see is neither listed nor counted.
import { canModerate, canViewIdea, visibleSpaceFilter, type Viewer } from "~/auth/policy.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Role, SpaceAudience } from "~/generated/prisma/enums.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { queueNotificationEmails } from "./email.server.ts";
import { isNotificationType, withActor, type NotificationData, type NotificationType } from "./notification.ts";
import { ideaFollowersSql, newIdeaFollowersSql } from "./follow-sql.server.ts";
import { DELETED_USER_ID } from "./user.ts";

type Candidate = { id: string; role: Role; granted_space_ids: string[] };
type IdeaFacts = { author_id: string; hidden_at: Date | null; space_id: string; audience: SpaceAudience };

/**
 * Writes one notification per recipient who may see the idea — through the policy (canViewIdea): a
 * hidden idea's followers who are neither its author nor moderators, or a supplier who lost access to
 * the space, are not told — and returns who was notified. Each recipient's row is locked KEY SHARE
 * while the notification is written: a recipient whose account deletion commits meanwhile is skipped
 * (the lock waits for the deletion, and the deleted row no longer joins), instead of failing the whole
 * request on the foreign key (docs/decisions/0009-anti-abuse-and-account-deletion.md).
 */
async function insertVisibleNotifications(
  tx: Tx,
  options: { ideaId: string | null; candidates: Candidate[]; type: NotificationType; data: unknown },
): Promise<string[]> {
  const { ideaId, type, data } = options;
  let recipients = options.candidates.filter((c) => c.id !== DELETED_USER_ID);
  if (ideaId !== null && recipients.length > 0) {
    const [idea] = await tx.$queryRaw<IdeaFacts[]>`
      select i.author_id, i.hidden_at, s.id as space_id, s.audience
        from ideas i join spaces s on s.id = i.space_id where i.id = ${ideaId}`;
    if (!idea) return [];
    const ref = {
      authorId: idea.author_id,
      hiddenAt: idea.hidden_at,
      space: { id: idea.space_id, audience: idea.audience },
    };
    recipients = recipients.filter((c) =>
      canViewIdea({ id: c.id, role: c.role, grantedSpaceIds: c.granted_space_ids }, ref),
    );
  }
  if (recipients.length === 0) return [];
  const about = (data as { commentId?: unknown } | null)?.commentId;
  const commentId = typeof about === "string" ? about : null;
  const rows = await tx.$queryRaw<{ id: bigint; user_id: string }[]>`
    insert into notifications (user_id, type, idea_id, comment_id, data)
    select u.id, ${type}, ${ideaId}, ${commentId}, ${JSON.stringify(data)}::jsonb
      from users u where u.id = any(${recipients.map((r) => r.id)}::text[])
       for key share of u
    returning id, user_id`;
  await queueNotificationEmails(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => r.user_id);
}

/** People with what the policy needs to know about them (role, granted spaces). */
const candidateColumns = Prisma.sql`u.id, u.role,
  coalesce((select array_agg(a.space_id) from space_accesses a where a.user_id = u.id), '{}') as granted_space_ids`;

/**
 * Notifies everyone who follows an idea — by default its author, its supporters and the authors of its
 * comments, plus those who chose to follow it, minus those who stopped (app/models/follow-sql.server.ts)
 * — except the person acting, and only those who may see the idea. Returns the recipients, for the caller
 * to announce with announceNotifications() once the transaction committed.
 */
export async function notifyFollowers<T extends NotificationType>(
  tx: Tx,
  options: { ideaId: string; actorId: string; type: T; data: NotificationData[T] },
): Promise<string[]> {
  const { ideaId, actorId, type, data } = options;
  const candidates = await tx.$queryRaw<Candidate[]>`
    select ${candidateColumns}
      from (${ideaFollowersSql(ideaId)}) f
      join users u on u.id = f.user_id
     where f.user_id <> ${actorId}`;
  return insertVisibleNotifications(tx, { ideaId, candidates, type, data });
}

/** A new idea: the people who follow its space, its challenge or one of its tags (and may see it). */
export async function notifyNewIdea(
  tx: Tx,
  options: { ideaId: string; actorId: string; spaceId: string; challengeId: string | null; tags: string[] },
): Promise<string[]> {
  const candidates = await tx.$queryRaw<Candidate[]>`
    select ${candidateColumns}
      from (${newIdeaFollowersSql(options)}) f
      join users u on u.id = f.user_id
     where f.user_id <> ${options.actorId}`;
  return insertVisibleNotifications(tx, { ideaId: options.ideaId, candidates, type: "idea.new", data: {} });
}

/** Notifies one person, if they may see the idea it is about (see insertVisibleNotifications). */
export async function notifyUser<T extends NotificationType>(
  tx: Tx,
  options: { userId: string; ideaId: string | null; type: T; data: NotificationData[T] },
): Promise<string[]> {
  // Deleted people's kept contributions are signed by a placeholder nobody reads for.
  if (options.userId === DELETED_USER_ID) return [];
  const candidates = await tx.$queryRaw<
    Candidate[]
  >`select ${candidateColumns} from users u where u.id = ${options.userId}`;
  return insertVisibleNotifications(tx, { ...options, candidates });
}

/**
 * After commit: tells each recipient's open pages that a notification arrived (no content travels). Their
 * e-mails were queued as jobs in the transaction (app/models/email.server.ts).
 */
export function announceNotifications(userIds: Iterable<string>): void {
  const recipients = new Set(userIds);
  for (const userId of recipients) publish({ type: "notification:new", userId });
}

/**
 * The person's notifications about what they may still see: an idea of a space they can see, and
 * when the idea is hidden, only if they are its author or a moderator (app/auth/policy.ts canViewIdea);
 * not about an idea merged into another since (but the news of the merge itself); not about a comment
 * deleted since, nor hidden (unless they wrote it or moderate). A deleted idea or comment takes its
 * notifications along (cascade).
 */
function visibleTo(viewer: NonNullable<Viewer>): Prisma.NotificationWhereInput {
  const moderator = canModerate(viewer);
  const hidden: Prisma.IdeaWhereInput = moderator ? {} : { OR: [{ hiddenAt: null }, { authorId: viewer.id }] };
  const hiddenComment: Prisma.CommentWhereInput = moderator
    ? {}
    : { OR: [{ hiddenAt: null }, { authorId: viewer.id }] };
  return {
    userId: viewer.id,
    AND: [
      { OR: [{ ideaId: null }, { idea: { space: visibleSpaceFilter(viewer), ...hidden } }] },
      { OR: [{ ideaId: null }, { type: "idea.merged" }, { idea: { mergedIntoId: null } }] },
      { OR: [{ commentId: null }, { comment: { deletedAt: null, ...hiddenComment } }] },
    ],
  };
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
      idea: { select: { id: true, title: true, language: true } },
      comment: { select: { author: { select: { displayName: true } } } },
    },
  });
  return rows.flatMap((row) => {
    if (!isNotificationType(row.type)) return [];
    return [
      {
        id: row.id.toString(),
        type: row.type,
        data: withActor((row.data ?? {}) as Record<string, string | boolean>, row.comment?.author.displayName),
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
