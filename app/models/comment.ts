import { z } from "zod";
import { idempotencyKey, recordId, text } from "~/lib/validation.ts";

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
