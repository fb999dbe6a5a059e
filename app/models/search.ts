// Pure rules of search and similar-idea suggestions, shared by the UI and the server
// (docs/decisions/0011-search-and-ranking.md).
import { z } from "zod";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { STAGES } from "./pipeline.ts";
import { recordId } from "~/lib/validation.ts";

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_SIZE = 20;
/**
 * Deeper pages are not offered: nobody reads result 200 (past it, a narrower query or a filter helps), and
 * the work of a search grows with the number of ideas it ranks (docs/decisions/0034-search-at-a-million.md).
 */
export const SEARCH_MAX_PAGE = 10;
/**
 * How many ideas a search ranks at most: every page that is offered, so pages never disagree; a common
 * word matching hundreds of thousands of ideas costs about as much as a rare one.
 */
export const SEARCH_CANDIDATES = SEARCH_PAGE_SIZE * SEARCH_MAX_PAGE;

/**
 * Highlight markers: the database wraps matches in these (ts_headline StartSel/StopSel) after removing
 * them from the text, so the only markers in a result are its highlights. Private-use characters: they
 * never appear in written French, and the text is never parsed as HTML (see splitHighlights).
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type HighlightPart = { text: string; mark: boolean };

/**
 * "a\uE000b\uE001c" → [{a}, {b, mark}, {c}]. The parts are rendered as React text nodes and <mark>
 * elements, so the text is always escaped: a title such as "<script>" shows as text.
 */
export function splitHighlights(marked: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let mark = false;
  let buffer = "";
  const flush = () => {
    if (buffer) {
      const last = parts.at(-1);
      if (last && last.mark === mark) last.text += buffer;
      else parts.push({ text: buffer, mark });
    }
    buffer = "";
  };
  for (const char of marked) {
    if (char === MARK_START || char === MARK_END) {
      flush();
      mark = char === MARK_START;
    } else {
      buffer += char;
    }
  }
  flush();
  return parts;
}

/** Markdown punctuation shown raw in a body snippet (**, __, #, `, >, list bullets, link brackets). */
export function cleanSnippet(snippet: string): string {
  return snippet
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
    .replace(/(^|\s)(#{1,6}|>|[-*+]|\d+\.)\s+/g, "$1")
    .replace(/[*_`~]{1,3}/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Control characters (a NUL byte PostgreSQL would refuse) are dropped like extra spaces.
const withoutControls = (s: string | undefined) =>
  (s ?? "")
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const optionalText = (max: number) => z.string().optional().transform(withoutControls).pipe(z.string().max(max));

/**
 * The search page's address (?q=…&espace=…&etape=…&motcle=…&page=…). Unknown stages and bad pages
 * are input errors (400). `defi` keeps only the ideas of one challenge.
 */
export const SearchParamsSchema = z.object({
  q: optionalText(SEARCH_QUERY_MAX),
  espace: optionalText(60).transform((s) => s || null),
  etape: z
    .enum(STAGES)
    .optional()
    .or(z.literal("").transform(() => undefined))
    .transform((s): IdeaStage | null => s ?? null),
  motcle: optionalText(30).transform((s) => (s ? s.toLocaleLowerCase("fr") : null)),
  /** Only the ideas proposed into this challenge (its page links here). */
  defi: recordId()
    .optional()
    .or(z.literal("").transform(() => undefined))
    .transform((s) => s ?? null),
  page: z.coerce.number().int().min(1).max(SEARCH_MAX_PAGE).optional().default(1),
});

export type SearchParams = z.output<typeof SearchParamsSchema>;

export function parseSearchParams(params: URLSearchParams): SearchParams | null {
  const result = SearchParamsSchema.safeParse(Object.fromEntries(params));
  return result.success ? result.data : null;
}

/** The address of a search, for links (pages, removing a filter). Empty values are left out. */
export function searchHref(params: SearchParams, change: Partial<SearchParams> = {}): string {
  const next = { ...params, ...change };
  const out = new URLSearchParams();
  if (next.q) out.set("q", next.q);
  if (next.espace) out.set("espace", next.espace);
  if (next.etape) out.set("etape", next.etape);
  if (next.motcle) out.set("motcle", next.motcle);
  if (next.defi) out.set("defi", next.defi);
  if (next.page > 1) out.set("page", String(next.page));
  return `/recherche?${out.toString()}`;
}

/**
 * Where a page of results stands, worded like the lists' pager ("Résultats 21–40 sur 57", "… sur plus de
 * 200" when the search was bounded: docs/decisions/0034-search-at-a-million.md). Null on an empty page.
 */
export function searchPosition(result: { page: number; total: number; capped: boolean; items: unknown[] }) {
  if (result.items.length === 0) return null;
  const from = (result.page - 1) * SEARCH_PAGE_SIZE + 1;
  return { from, to: from + result.items.length - 1, total: result.total, capped: result.capped };
}

// --- similar ideas while writing ------------------------------------------------------------------

export const SIMILAR_LIMIT = 5;
/** Fewer letters than this say too little to compare. */
export const SIMILAR_MIN_TITLE = 4;

export const SimilarParamsSchema = z.object({
  espace: optionalText(60).transform((s) => s || null),
  titre: optionalText(200),
  // Only the start of the body is used: enough to rank, and a keystroke must stay cheap.
  texte: z
    .string()
    .optional()
    .transform((s) => withoutControls(s?.slice(0, 2000))),
});

export type SimilarParams = z.output<typeof SimilarParamsSchema>;

/** Whether a title is long enough to look for look-alikes (the form asks only then). */
export const worthSuggesting = (title: string) => title.replace(/\s+/g, " ").trim().length >= SIMILAR_MIN_TITLE;
