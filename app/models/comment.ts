import { z } from "zod";
import { text } from "~/lib/validation.ts";

export const COMMENT_BODY = { min: 1, max: 5_000 } as const;

export const CommentFormSchema = z.object({
  body: text(COMMENT_BODY),
  parentId: z.string().max(64).optional(),
});

export const CommentEditSchema = z.object({
  commentId: z.string().min(1).max(64),
  body: text(COMMENT_BODY),
});

export const CommentDeleteSchema = z.object({ commentId: z.string().min(1).max(64) });
