import { z } from "zod";
import { idempotencyKey, recordId, text } from "~/lib/validation.ts";

/**
 * Top-level comments per page of the idea's thread, each with all its replies (docs/decisions/0032; 20
 * rather than 50 since docs/decisions/0043: several phone screens, the rest one "more" away).
 */
export const COMMENT_PAGE_SIZE = 20;

export const COMMENT_BODY = { min: 1, max: 5_000 } as const;

export const CommentFormSchema = z.object({
  body: text(COMMENT_BODY),
  parentId: recordId().optional(),
  idempotencyKey: idempotencyKey(),
});

export const CommentEditSchema = z.object({
  commentId: recordId(),
  body: text(COMMENT_BODY),
});

export const CommentDeleteSchema = z.object({ commentId: recordId() });
