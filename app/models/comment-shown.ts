// The thread as the idea page sends it (docs/decisions/0049): what the page renders for this viewer and
// nothing else. The page's loader data is encoded again for hydration (turbo-stream, inlined in the
// HTML), once per comment shown: a field that is false, null or empty for nearly every comment (the
// viewer may not edit, delete or report it, it was not merged, carries no image, has no author for a
// deleted one) is left out instead of being encoded ~80 times. The API keeps CommentView's full shape.
import type { HiddenKind } from "~/generated/prisma/enums.ts";
import type { CommentImage, CommentView } from "./comment.server.ts";

export type ShownComment = {
  id: string;
  /** Absent when the comment is deleted or masked (nobody to name). */
  author?: { id: string; displayName: string; avatarUrl?: string };
  /** Absent when deleted or masked. */
  bodyHtml?: string;
  language: string;
  /** The raw markdown, for its author only (to edit). */
  body?: string;
  createdAt: string;
  editedAt?: string;
  mergedFrom?: { title: string | null };
  deleted?: true;
  masked?: true;
  hidden?: { kind: HiddenKind; reason: string | null };
  canEdit?: true;
  canDelete?: true;
  canFlag?: true;
  flagged?: true;
  images?: CommentImage[];
  replies?: ShownComment[];
};

export function shownComments(views: CommentView[]): ShownComment[] {
  return views.map(shownComment);
}

function shownComment(view: CommentView): ShownComment {
  const shown: ShownComment = { id: view.id, language: view.language, createdAt: view.createdAt };
  if (!view.deleted && !view.masked) {
    const { id, displayName, avatarUrl } = view.author;
    shown.author = avatarUrl ? { id, displayName, avatarUrl } : { id, displayName };
  }
  if (view.bodyHtml !== null) shown.bodyHtml = view.bodyHtml;
  if (view.body !== null) shown.body = view.body;
  if (view.editedAt !== null) shown.editedAt = view.editedAt;
  if (view.mergedFrom) shown.mergedFrom = view.mergedFrom;
  if (view.deleted) shown.deleted = true;
  if (view.masked) shown.masked = true;
  if (view.hidden) shown.hidden = view.hidden;
  if (view.canEdit) shown.canEdit = true;
  if (view.canDelete) shown.canDelete = true;
  if (view.canFlag) shown.canFlag = true;
  if (view.flagged) shown.flagged = true;
  if (view.images.length) shown.images = view.images;
  if (view.replies.length) shown.replies = shownComments(view.replies);
  return shown;
}
