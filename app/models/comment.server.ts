import {
  canComment,
  canDeleteComment,
  canEditComment,
  canFlag,
  canReadComment,
  canReplyTo,
  canViewIdea,
  type Viewer,
} from "~/auth/policy.ts";
import type { HiddenKind } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { publish, transactionWithEvents } from "~/realtime/publish.server.ts";
import { ideaAccepts, ideaState } from "./content-state.ts";
import { participationRefusal, requireVisibleIdea } from "./idea.server.ts";
import { createOnce } from "./idempotency.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";
import { mentionNames, recordMentions, resolveMentions } from "./mention.server.ts";
import { forbidden, invalid, notFound } from "./errors.ts";

export type CommentView = {
  id: string;
  author: { id: string; displayName: string };
  bodyHtml: string | null; // null when deleted
  body: string | null; // raw markdown, only for the author (to edit)
  createdAt: string;
  editedAt: string | null;
  /**
   * The idea a merge brought this comment from (docs/decisions/0014-merge-duplicates.md); its title is
   * null when that idea is hidden and the viewer may not see it (docs/decisions/0008-moderation.md).
   */
  mergedFrom: { title: string | null } | null;
  deleted: boolean;
  /** Hidden by moderation and the viewer may not read it: shown as "masqué par la modération", like a deleted one. */
  masked: boolean;
  /** Hidden by moderation, for the viewers who still read it (its author, moderators): why. */
  hidden: { kind: HiddenKind; reason: string | null } | null;
  canEdit: boolean;
  canDelete: boolean;
  canFlag: boolean;
  /** The viewer's own report on it is open. */
  flagged: boolean;
  replies: CommentView[];
};

/**
 * Comments of an idea the viewer may see, threaded one level deep, oldest first. A hidden comment
 * keeps its place in the thread as a placeholder without author or text for everyone but its author
 * and moderators (docs/decisions/0008-moderation.md); with no reply under it, it is left out.
 */
export async function listComments(viewer: Viewer, ideaId: string): Promise<CommentView[]> {
  const idea = await requireVisibleIdea(viewer, ideaId);
  const rows = await prisma.comment.findMany({
    where: { ideaId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      parentId: true,
      body: true,
      createdAt: true,
      editedAt: true,
      deletedAt: true,
      hiddenAt: true,
      hiddenKind: true,
      hiddenReason: true,
      author: { select: { id: true, displayName: true } },
      merge: { select: { source: { select: { title: true, authorId: true, hiddenAt: true } } } },
    },
  });
  // The viewer's own open reports on these comments: reporting again is refused, so it is not offered.
  const flagged = new Set(
    viewer && rows.length
      ? (
          await prisma.flag.findMany({
            where: { ideaId, commentId: { not: null }, reporterId: viewer.id, resolvedAt: null },
            select: { targetId: true },
          })
        ).map((f) => f.targetId)
      : [],
  );
  const people = await mentionNames(rows.map((r) => r.body));
  const views = new Map<string, CommentView & { parentId: string | null }>();
  for (const row of rows) {
    const deleted = row.deletedAt !== null;
    const masked = !deleted && !canReadComment(viewer, { authorId: row.author.id, hiddenAt: row.hiddenAt }, idea.space);
    const gone = deleted || masked;
    const mine = viewer?.id === row.author.id;
    const ref = { authorId: row.author.id, deletedAt: row.deletedAt, hiddenAt: row.hiddenAt };
    views.set(row.id, {
      id: row.id,
      parentId: row.parentId,
      author: gone ? { id: "", displayName: "" } : row.author,
      bodyHtml: gone ? null : renderMarkdown(row.body, { people }),
      body: !gone && mine ? row.body : null,
      createdAt: row.createdAt.toISOString(),
      editedAt: gone ? null : (row.editedAt?.toISOString() ?? null),
      mergedFrom: row.merge
        ? { title: canViewIdea(viewer, { ...row.merge.source, space: idea.space }) ? row.merge.source.title : null }
        : null,
      deleted,
      masked,
      hidden: !gone && row.hiddenKind ? { kind: row.hiddenKind, reason: row.hiddenReason } : null,
      canEdit: canEditComment(viewer, ref),
      canDelete: canDeleteComment(viewer, ref),
      canFlag: canFlag(viewer, { ...ref, space: idea.space }) && canComment(viewer, idea) && !flagged.has(row.id),
      flagged: !gone && flagged.has(row.id),
      replies: [],
    });
  }
  const roots: CommentView[] = [];
  for (const view of views.values()) {
    const parent = view.parentId ? views.get(view.parentId) : undefined;
    if (parent) parent.replies.push(view);
    else roots.push(view);
  }
  // A deleted or masked comment with no replies left has nothing to show (nor do masked replies).
  for (const root of roots) root.replies = root.replies.filter((r) => !r.masked);
  return roots.filter((c) => !(c.deleted || c.masked) || c.replies.length > 0);
}

/** Adds a comment; the same form (its `idempotencyKey`) sent twice stores one (see createOnce). */
export async function addComment(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  body: string;
  parentId?: string;
  idempotencyKey?: string;
}) {
  const { user, ideaId } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canComment(user, idea)) forbidden(participationRefusal(idea));
  const place = { space: idea.space, idea };
  const { text: body, mentioned } = await resolveMentions({ writer: user, place, text: options.body, field: "body" });
  let parentId: string | null = null;
  let answered: string | null = null; // the author of the comment answered, told of the reply
  if (options.parentId) {
    const parent = await prisma.comment.findFirst({
      where: { id: options.parentId, ideaId },
      select: { id: true, parentId: true, deletedAt: true, hiddenAt: true, authorId: true },
    });
    if (!parent) invalid("Unknown parent comment");
    // A hidden comment is frozen: no reply hangs on it while it is hidden (app/models/content-state.ts).
    if (!canReplyTo(user, idea, parent)) forbidden();
    // Replies are one level deep: answering a reply attaches to its thread.
    parentId = parent.parentId ?? parent.id;
    if (parent.deletedAt === null) answered = parent.authorId;
  }
  const sent = { ideaId, parentId, body };
  return createOnce({
    key: options.idempotencyKey,
    find: (key) =>
      prisma.comment.findFirst({
        where: { authorId: user.id, idempotencyKey: key },
        select: { id: true, ideaId: true, parentId: true, body: true },
      }),
    same: (stored) => stored.ideaId === ideaId && stored.parentId === parentId && stored.body === body,
    store: (key) => storeComment({ user, idea, sent, answered, key, mentioned }),
  });
}

type SentComment = { ideaId: string; parentId: string | null; body: string };

async function storeComment(options: {
  user: NonNullable<Viewer>;
  idea: Awaited<ReturnType<typeof requireVisibleIdea>>;
  sent: SentComment;
  answered: string | null;
  key: string | null;
  mentioned: string[];
}) {
  const { user, idea, sent, answered, key, mentioned } = options;
  const { ideaId, parentId, body } = sent;
  const { comment, notified } = await transactionWithEvents(async (tx, events) => {
    const comment = await tx.comment.create({
      data: { id: newId(), ideaId, authorId: user.id, parentId, body, idempotencyKey: key },
      select: { id: true },
    });
    // The idea's author hears of every comment, the answered person of the reply; nobody twice,
    // nobody of their own words.
    const notified: string[] = [];
    if (answered && answered !== user.id) {
      notified.push(
        ...(await notifyUser(tx, { userId: answered, ideaId, type: "comment.reply", data: { commentId: comment.id } })),
      );
    }
    if (idea.authorId !== user.id && idea.authorId !== answered) {
      notified.push(
        ...(await notifyUser(tx, {
          userId: idea.authorId,
          ideaId,
          type: "comment.new",
          data: { commentId: comment.id },
        })),
      );
    }
    // Those mentioned hear of it once (the author or the answered person already did).
    const fresh = await recordMentions(tx, {
      ideaId,
      commentId: comment.id,
      mentioned,
      writerId: user.id,
      skip: notified,
    });
    events.publish({ type: "idea:comments", ideaId, spaceId: idea.space.id });
    return { comment, notified: [...notified, ...fresh] };
  });
  announceNotifications(notified);
  return comment;
}

export async function editComment(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  commentId: string;
  body: string;
}) {
  const { user, ideaId, commentId } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!ideaAccepts(ideaState(idea), "comment")) forbidden(); // a hidden idea's comments are frozen with it
  const place = { space: idea.space, idea };
  const { text: body, mentioned } = await resolveMentions({ writer: user, place, text: options.body, field: "body" });
  const notified = await prisma.$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, ideaId, authorId: user.id, deletedAt: null, hiddenAt: null },
      data: { body, editedAt: new Date() },
    });
    return count === 0 ? null : recordMentions(tx, { ideaId, commentId, mentioned, writerId: user.id });
  });
  if (notified === null) await explainCommentRefusal(ideaId, commentId);
  announceNotifications(notified ?? []);
  publish({ type: "idea:comments", ideaId, spaceId: idea.space.id });
}

/** Soft delete: the text is erased, the thread and its replies stay. */
export async function deleteComment(options: { user: NonNullable<Viewer>; ideaId: string; commentId: string }) {
  const { user, ideaId, commentId } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!ideaAccepts(ideaState(idea), "comment")) forbidden(); // a hidden idea's comments are frozen with it
  // The where clause is the policy's rule (canDeleteComment): a hidden comment is frozen for its author.
  const { count } = await prisma.comment.updateMany({
    where: { id: commentId, ideaId, authorId: user.id, deletedAt: null, hiddenAt: null },
    data: { body: "", deletedAt: new Date() },
  });
  if (count === 0) await explainCommentRefusal(ideaId, commentId);
  publish({ type: "idea:comments", ideaId, spaceId: idea.space.id });
}

async function explainCommentRefusal(ideaId: string, commentId: string): Promise<never> {
  const exists = await prisma.comment.findFirst({ where: { id: commentId, ideaId }, select: { id: true } });
  if (!exists) notFound();
  forbidden();
}
