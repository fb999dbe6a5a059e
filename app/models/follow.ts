// Following (docs/decisions/0031-mentions-following-profiles.md): the form that follows or unfollows.
import { z } from "zod";
import { msg, recordId } from "~/lib/validation.ts";
import { splitTags, tagsField } from "./idea.ts";

export const FOLLOW_KINDS = ["IDEA", "CHALLENGE", "SPACE", "TAG"] as const;
export type FollowKindName = (typeof FOLLOW_KINDS)[number];

/**
 * `target`: the idea's or challenge's id, the space's slug, or the tag. `follow`: "1" to follow, "0"
 * to stop. A tag is checked like an idea's tag.
 */
export const FollowFormSchema = z
  .object({
    kind: z.enum(FOLLOW_KINDS, { error: msg("form.invalid") }),
    target: z
      .string({ error: msg("form.required") })
      .min(1, { error: msg("form.required") })
      .max(64),
    follow: z.enum(["0", "1"], { error: msg("form.invalid") }).transform((v) => v === "1"),
    redirectTo: z.string().max(2000).optional(),
  })
  .superRefine((value, ctx) => {
    const ok =
      value.kind === "TAG"
        ? tagsField().safeParse(value.target).success && splitTags(value.target).length === 1
        : recordId().safeParse(value.target).success;
    if (!ok) ctx.addIssue({ code: "custom", path: ["target"], message: msg("form.invalid") });
  });
export type FollowForm = z.infer<typeof FollowFormSchema>;
