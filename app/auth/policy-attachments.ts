// The policy's rules about attachments (docs/decisions/0030-attachments-and-editor.md). Part of the one
// policy (app/auth/policy.ts, which it builds on): an attachment is seen by whoever may see its idea —
// the very same check as the idea's page — and a confidential one only by its uploader, the idea's
// assigned evaluators, managers and admins. Every list and every download (the file and its thumbnail)
// asks canSeeAttachment; whoever may not see it gets a 404, never a 403. An image carried by a comment is
// seen by whoever may read that comment (a hidden comment's images by its author and moderators only; a
// deleted comment's by nobody).
import { ideaAccepts, ideaState } from "~/models/content-state.ts";
import { canManagePipeline, canReadComment, canViewIdea, canViewSpace, type SpaceRef, type Viewer } from "./policy.ts";

export type AttachmentIdeaRef = {
  authorId: string;
  space: SpaceRef;
  hiddenAt?: Date | string | null;
  mergedIntoId?: string | null;
};
export type AttachmentRef = {
  uploaderId: string;
  confidential: boolean;
  /** The comment carrying it (comment images), or null/absent for the idea's own files. */
  comment?: { authorId: string; hiddenAt: Date | string | null; deletedAt: Date | string | null } | null;
};

/**
 * `viewerEvaluates`: the viewer is one of the idea's assigned evaluators (read with the attachment, so
 * the rule stays pure).
 */
export function canSeeAttachment(
  viewer: Viewer,
  idea: AttachmentIdeaRef,
  attachment: AttachmentRef,
  viewerEvaluates: boolean,
): boolean {
  if (!canViewIdea(viewer, idea)) return false;
  const comment = attachment.comment;
  if (comment && (comment.deletedAt !== null || !canReadComment(viewer, comment, idea.space))) return false;
  if (!attachment.confidential) return true;
  if (!viewer) return false;
  return viewer.id === attachment.uploaderId || viewerEvaluates || canManagePipeline(viewer, idea.space);
}

/** Attaching files: the idea's author, while the idea is neither hidden nor merged (at every stage). */
export function canAttachTo(viewer: Viewer, idea: AttachmentIdeaRef): viewer is NonNullable<Viewer> {
  return (
    viewer !== null &&
    viewer.id === idea.authorId &&
    canViewSpace(viewer, idea.space) &&
    ideaAccepts(ideaState(idea), "edit")
  );
}

/** Confidential documents exist in InnovAction only (a public idea's files are public). */
export const canMarkConfidential = (viewer: Viewer, idea: AttachmentIdeaRef): boolean =>
  canAttachTo(viewer, idea) && idea.space.audience === "INTERNAL";

/** Removing a file: its uploader while they may attach, or an admin. */
export function canDeleteAttachment(viewer: Viewer, idea: AttachmentIdeaRef, attachment: AttachmentRef): boolean {
  if (viewer?.role === "ADMIN") return canViewIdea(viewer, idea);
  return canAttachTo(viewer, idea) && viewer.id === attachment.uploaderId;
}
