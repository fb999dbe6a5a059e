// The manager board's URL (`/pilotage`), shared by the loader (which reads it) and the page (which builds
// its links): the filters, and which column is paged past its first page. Anything malformed is absent —
// an unknown space, a non-number age — so a hand-edited URL shows the board, never an error page.
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { queryText } from "~/lib/validation.ts";
import { parseStage } from "./pipeline.ts";

export type BoardFilters = {
  /** A space's slug. */
  space: string | null;
  /** A challenge's id. */
  challenge: string | null;
  tag: string | null;
  /** Only ideas at their current stage for at least this many days. */
  olderThanDays: number | null;
  /** Only ideas waiting past their space's commitment (docs/decisions/0028). */
  overdue: boolean;
  /** "urgency": the waiting columns by due day, the most overdue first (docs/decisions/0028). */
  sort: BoardSort;
};
export const BOARD_SORTS = ["stage", "urgency"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
/** The columns whose ideas wait under a commitment, which the urgency sort orders by due day. */
export const URGENCY_STAGES = ["PROPOSED", "UNDER_REVIEW"] as const satisfies readonly IdeaStage[];
export const sortsByUrgency = (filters: BoardFilters, stage: IdeaStage) =>
  filters.sort === "urgency" && (URGENCY_STAGES as readonly IdeaStage[]).includes(stage);
/** One column past its first page: `after` is the opaque keyset cursor the previous page handed out. */
export type BoardPage = { column: IdeaStage; after: string } | null;

export const NO_BOARD_FILTERS: BoardFilters = {
  space: null,
  challenge: null,
  tag: null,
  olderThanDays: null,
  overdue: false,
  sort: "stage",
};
export const MAX_AGE_DAYS = 3650;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9-]{1,80}$/;
const DAYS = /^\d{1,4}$/;

export function parseBoardQuery(params: URLSearchParams): { filters: BoardFilters; page: BoardPage } {
  const space = params.get("espace");
  const challenge = params.get("defi");
  const age = params.get("anciennete")?.trim() ?? "";
  const days = DAYS.test(age) ? Number(age) : 0;
  const column = parseStage(params.get("colonne"));
  const after = params.get("apres");
  return {
    filters: {
      space: space && SLUG.test(space) ? space : null,
      challenge: challenge && ID.test(challenge) ? challenge : null,
      tag: queryText(params.get("mot-cle"), 40).toLocaleLowerCase("fr").slice(0, 30) || null,
      olderThanDays: days >= 1 && days <= MAX_AGE_DAYS ? days : null,
      overdue: params.get("en-retard") === "1",
      sort: params.get("tri") === "urgence" ? "urgency" : "stage",
    },
    page: column && after ? { column, after } : null,
  };
}

/** The board's URL with these filters (and, for a "next page" link, the column and its cursor). */
export function boardHref(filters: BoardFilters, page: BoardPage = null): string {
  const params = new URLSearchParams();
  if (filters.space) params.set("espace", filters.space);
  if (filters.challenge) params.set("defi", filters.challenge);
  if (filters.tag) params.set("mot-cle", filters.tag);
  if (filters.olderThanDays) params.set("anciennete", String(filters.olderThanDays));
  if (filters.overdue) params.set("en-retard", "1");
  if (filters.sort === "urgency") params.set("tri", "urgence");
  if (page) {
    params.set("colonne", page.column);
    params.set("apres", page.after);
  }
  const query = params.toString();
  return `/pilotage${query ? `?${query}` : ""}${page ? `#colonne-${page.column.toLowerCase()}` : ""}`;
}

export const hasBoardFilters = (filters: BoardFilters) =>
  Boolean(filters.space || filters.challenge || filters.tag || filters.olderThanDays || filters.overdue);
