// Changing a comment after it was sent: its author edits its text or deletes it (a soft delete: the
// text and its images go, its place in the thread stays). A hidden comment, or any comment of a hidden
// idea, is frozen (app/models/content-state.ts); the where clauses are the policy's rules.
import type { Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { removeStoredFiles } from "./attachment.server.ts";
import { ideaAccepts, ideaState } from "./content-state.ts";
import { forbidden, notFound } from "./errors.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { recordMentions, resolveMentions } from "./mention.server.ts";
import { announceNotifications } from "./notification.server.ts";

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
  // Its images go with its text (their bytes once this commits).
  const removed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, ideaId, authorId: user.id, deletedAt: null, hiddenAt: null },
      data: { body: "", deletedAt: new Date() },
    });
    if (count === 0) return null;
    const images = await tx.attachment.findMany({ where: { commentId }, select: { storageKey: true, thumbKey: true } });
    await tx.attachment.deleteMany({ where: { commentId } });
    return images;
  });
  if (removed === null) await explainCommentRefusal(ideaId, commentId);
  await removeStoredFiles(removed ?? []);
  publish({ type: "idea:comments", ideaId, spaceId: idea.space.id });
}

async function explainCommentRefusal(ideaId: string, commentId: string): Promise<never> {
  const exists = await prisma.comment.findFirst({ where: { id: commentId, ideaId }, select: { id: true } });
  if (!exists) notFound();
  forbidden();
}
