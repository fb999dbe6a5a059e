// Pure rules and the form schema for ideas, shared by the UI and the server.
import { z } from "zod";
import { msg, recordId, text } from "~/lib/validation.ts";

export const IDEA_TITLE = { min: 8, max: 140 } as const;
export const IDEA_BODY = { min: 10, max: 20_000 } as const;
export const MAX_TAGS = 5;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} -]{0,28}[\p{L}\p{N}]$/u;

/** "Accueil,  numérique ,accueil" → ["accueil", "numérique"]. */
export function splitTags(raw: string | undefined): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  for (const part of raw.split(",")) {
    const tag = part.trim().replace(/\s+/g, " ").toLocaleLowerCase("fr");
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/** 0–5 tags typed as "a, b, c": normalised, deduplicated, each 2–30 letters, digits, spaces or dashes. */
export const tagsField = () =>
  z
    .string()
    .max(400, { error: msg("form.tooLong", { max: 400 }) })
    .optional()
    .transform(splitTags)
    .pipe(
      z
        .array(z.string().regex(TAG, { error: msg("form.invalidTag") }))
        .max(MAX_TAGS, { error: msg("form.tooManyTags") }),
    );

export const IdeaFormSchema = z.object({
  title: text({ ...IDEA_TITLE, singleLine: true }),
  body: text(IDEA_BODY),
  tags: tagsField(),
  /** The challenge it answers (proposing only; app/models/challenge.ts says when one is open). */
  challengeId: recordId().optional(),
});

export type IdeaInput = z.output<typeof IdeaFormSchema>;

export const IDEA_SORTS = ["newest", "top"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
export const parseSort = (value: string | null): IdeaSort =>
  (IDEA_SORTS as readonly string[]).includes(value ?? "") ? (value as IdeaSort) : "newest";

export const PAGE_SIZE = 20;
