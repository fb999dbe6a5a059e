// Pure rules and the form schema for ideas, shared by the UI and the server.
import { z } from "zod";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { idempotencyKey, msg, recordId, text } from "~/lib/validation.ts";

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
  /** Proposing only: the form's key, so that sending it twice stores one idea. */
  idempotencyKey: idempotencyKey(),
});

export type IdeaInput = z.output<typeof IdeaFormSchema>;

// The space page's sorts live in a module without zod, so that the list page's browser bundle does not
// carry the form schemas (docs/decisions/0032-weight-and-statements-per-request.md).
export { DEFAULT_SORT, IDEA_SORTS, parseSort, type IdeaSort } from "./idea-sorts.ts";

/** log10(1 + supports + 2 × comments) + (created_at − 2026-01-01) / 1 week; the database's idees_hot_score. */
export const HOT_EPOCH_SECONDS = 1_767_225_600;
export const HOT_DECAY_SECONDS = 604_800;
export function hotScore(supports: number, comments: number, createdAt: Date): number {
  return (
    Math.log10(Math.max(1 + supports + 2 * comments, 1)) +
    (createdAt.getTime() / 1000 - HOT_EPOCH_SECONDS) / HOT_DECAY_SECONDS
  );
}

export const PAGE_SIZE = 20;

/** A line of an idea list (space page, challenge page). */
export type IdeaListItem = {
  id: string;
  title: string;
  excerpt: string;
  language: string; // of the title and excerpt (their `lang`)
  tags: string[];
  stage: IdeaStage;
  createdAt: string;
  author: { id: string; displayName: string };
  supports: number;
  comments: number;
  supportedByViewer: boolean;
};

/** `countsAt`: the database clock when the counts were read, to order them with realtime events. */
export type IdeaPage = {
  items: IdeaListItem[];
  nextCursor: string | null;
  /** The page before this one, when there is one (keyset, like `nextCursor`). */
  previousCursor: string | null;
  /** Positions (from 1) of the first and last ideas shown, and the list's total (a lower bound when `capped`). */
  position: { from: number; to: number; total: number; capped: boolean };
  countsAt: number;
};
