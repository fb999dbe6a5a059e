// Pure and without zod: imported by the space page, whose browser bundle must stay small (ADR 0032).
/**
 * The space page's sorts (docs/decisions/0011-search-and-ranking.md), each read from a maintained,
 * indexed column: hot (hot_score: engagement decayed by age), top (support_count), newest
 * (created_at), discussed (comment_count). "hot" is the default: new ideas get a chance, and ideas
 * people engage with stay visible longer.
 */
export const IDEA_SORTS = ["hot", "top", "newest", "discussed"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
export const DEFAULT_SORT: IdeaSort = "hot";
export const parseSort = (value: string | null): IdeaSort =>
  (IDEA_SORTS as readonly string[]).includes(value ?? "") ? (value as IdeaSort) : DEFAULT_SORT;

/**
 * A tag filter from the address (`?mot-cle=…`): without control characters (no stored tag has one, and
 * PostgreSQL refuses a NUL byte), trimmed, lower-cased as tags are stored, or null.
 */
export const parseTag = (value: string | null): string | null =>
  value
    ?.replace(/\p{Cc}/gu, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLocaleLowerCase("fr")
    .slice(0, 30) || null;
