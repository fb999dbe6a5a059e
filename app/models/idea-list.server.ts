// A space's list of ideas, one page at a time (the most requested page): the statement, keyset cursors in
// both directions and where the page stands in the list (docs/decisions/0011, 0034, 0052).
import { canViewSpace, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import type { Param, ReadPart } from "~/lib/read-together.server.ts";
import { readPart } from "~/lib/read-together.server.ts";
import { recordId } from "~/lib/validation.ts";
import { cursorCount, cursorTime, decodeCursor, encodeCursor } from "~/lib/cursor.server.ts";
import { z } from "zod";
import { DB_CLOCK_MS, listedIdeasCountSql } from "./counters.server.ts";
import { notFound } from "./errors.ts";
import { PAGE_SIZE, type IdeaPage, type IdeaSort } from "./idea.ts";
import type { SpaceSummary } from "./space.server.ts";

// Keyset cursors (app/lib/cursor.server.ts): `s` is the sort column's value for the sorts that lead
// with one — an int4 count for "top" and "discussed", the hot_score (a double) for "hot".
// `n` is how many ideas of the list come before the cursor's side of the page, so a page knows its
// position without counting the list from the cursor on (that count grew with the list).
const cursorBase = { c: cursorTime(), i: recordId(), n: z.number().int().min(0).max(1e9).optional() };
const IDEA_CURSORS = {
  hot: z.object({ ...cursorBase, s: z.number().min(-1e9).max(1e9) }),
  top: z.object({ ...cursorBase, s: cursorCount() }),
  newest: z.object(cursorBase),
  discussed: z.object({ ...cursorBase, s: cursorCount() }),
} satisfies Record<IdeaSort, z.ZodType>;
type Cursor = { c: Date; i: string; s?: number; n?: number };

/**
 * A list filtered by challenge or tag has no roll-up of its size: its total is counted up to this many
 * ideas, and beyond it the page says "more than 1,000", so a page view never counts a million ideas
 * (docs/decisions/0034-search-at-a-million.md). A space's list, by stage or not, reads its exact total
 * from the stage counts (docs/decisions/0052).
 */
export const LIST_TOTAL_CAP = 1000;

/**
 * Whether the list's total is exact (the space's list, by stage or not) or counted up to LIST_TOTAL_CAP: one
 * rule for the statement that counts and the page that says "of 2,974" or "more than 1,000".
 */
const hasExactTotal = (options: { challengeId?: string | null; tag?: string | null }) =>
  !options.challengeId && !options.tag;

/** Each sort's keyset order; each matches an index on ideas (space_id, …). */
const SORT_ORDER: Record<IdeaSort, { lead: string | null; tail: "created_at" | null }> = {
  hot: { lead: "hot_score", tail: null },
  top: { lead: "support_count", tail: "created_at" },
  newest: { lead: null, tail: "created_at" },
  discussed: { lead: "comment_count", tail: "created_at" },
};

type ListRow = {
  id: string;
  title: string;
  summary: string;
  language: string;
  tags: string[];
  stage: IdeaStage;
  created_at: Date;
  support_count: number;
  comment_count: number;
  hot_score: number;
  author_id: string;
  author_name: string;
  supports: number;
  comments: number;
  supported: boolean;
  at: number;
};

/**
 * The list statement for one page (exported so the benchmark runs the very same SQL with raw pg).
 * `cursor` is already decoded; `direction` says whether the page comes after it (the next page) or
 * before it (the previous page: read in the reverse order, then turned back). `lead` names the sort
 * column the cursors carry. The same statement reads the list's total: exact from the space's stage
 * counts when the list is the space's (by stage or not; `hasExactTotal`), otherwise counted up to
 * LIST_TOTAL_CAP + 1 ideas. Where the page stands comes from the cursor (`n`), so the page says
 * "31–60 of 2,974" without counting the list (docs/decisions/0052).
 */
export function ideaListQuery(options: {
  spaceId: string;
  viewerId: string | null;
  sort: IdeaSort;
  cursor: Cursor | null;
  direction?: "after" | "before";
  stage?: IdeaStage | null;
  challengeId?: string | null;
  tag?: string | null;
  /** Binds the statement's values into a larger statement (readTogether); by default they start at `$1`. */
  param?: Param;
}): { text: string; values: unknown[]; lead: string | null; order: string } {
  const { cursor, sort } = options;
  const before = options.direction === "before";
  const { lead, tail } = SORT_ORDER[sort];
  const columns = [lead, tail, "id"].filter((k): k is string => k !== null);
  const keys = columns.map((k) => `i.${k}`);
  const params: unknown[] = [];
  const param = options.param ?? ((value: unknown) => `$${params.push(value)}`);
  const [space, limit, viewer] = [param(options.spaceId), param(PAGE_SIZE + 1), param(options.viewerId)];
  let where = `i.space_id = ${space} and ${listedIdeaSql("i")}`;
  const filters: [unknown, string][] = [
    [options.stage, `i.stage = $::"IdeaStage"`],
    [options.challengeId, "i.challenge_id = $"],
    [options.tag, "$ = any(i.tags)"],
  ];
  const placeholders: string[] = [];
  for (const [value, condition] of filters) {
    const placeholder = value ? param(value) : "";
    placeholders.push(placeholder);
    if (value) where += ` and ${condition.replace("$", placeholder)}`;
  }
  const exactTotal = hasExactTotal(options);
  const total = exactTotal
    ? listedIdeasCountSql(space, placeholders[0] ? `${placeholders[0]}::"IdeaStage"` : null)
    : `select count(*)::int from (select 1 from ideas i where ${where} limit ${LIST_TOTAL_CAP + 1}) capped`;
  let from = "";
  if (cursor && (lead === null || cursor.s !== undefined)) {
    const values = [lead ? cursor.s : null, tail ? cursor.c : null, cursor.i].filter((v) => v !== null);
    from = ` and (${keys.join(", ")}) ${before ? ">" : "<"} (${values.map(param).join(", ")})`;
  }
  const text = `select i.id, i.title, i.summary, i.language, i.tags, i.stage, i.created_at, i.support_count, i.comment_count, i.hot_score,
            u.id as author_id, u.display_name as author_name,
            c.supports, c.comments,
            (${viewer}::text is not null and exists (select 1 from votes v where v.idea_id = i.id and v.user_id = ${viewer})) as supported,
            (${total}) as total,
            ${DB_CLOCK_MS} as at
       from ideas i
       join users u on u.id = i.author_id
       cross join lateral idees_exact_counts(i.id) c
      where ${where}${from}
      order by ${keys.map((k) => `${k} ${before ? "asc" : "desc"}`).join(", ")}
      limit ${limit}`;
  // The same order over the statement's own columns, for a caller that aggregates its rows.
  const order = columns.map((k) => `${k} ${before ? "asc" : "desc"}`).join(", ");
  return { text, values: params, lead, order };
}

/**
 * Where a page stands in its list: its first and last positions (from 1) and the list's total, which
 * is `capped` when it was counted up to the cap (not `exact`) and the list holds more than
 * LIST_TOTAL_CAP ideas. `before` is how many ideas precede
 * the cursor's side of the page (the cursor's `n`): the page after a cursor starts at `before + 1`,
 * the page before it ends at `before`.
 */
export function pagePosition(options: {
  direction: "after" | "before" | null;
  counted: number;
  /** `counted` is the list's exact size (read from a roll-up), not a count stopped at the cap. */
  exact?: boolean;
  before: number;
  shown: number;
}): { from: number; to: number; total: number; capped: boolean } {
  const { direction, counted, shown } = options;
  const capped = !options.exact && counted > LIST_TOTAL_CAP;
  const total = capped ? LIST_TOTAL_CAP : counted;
  if (shown === 0) return { from: 0, to: 0, total, capped };
  const from = direction === "before" ? Math.max(1, options.before - shown + 1) : direction ? options.before + 1 : 1;
  return { from, to: from + shown - 1, total: capped ? total : Math.max(total, from + shown - 1), capped };
}

type IdeaListOptions = {
  viewer: Viewer;
  space: SpaceSummary;
  sort: IdeaSort;
  cursor: string | null;
  /** The previous page: the ideas just before this cursor. */
  before?: string | null;
  /** Only ideas at this pipeline stage (the space page's `?etape=` filter). */
  stage?: IdeaStage | null;
  /** Only the ideas proposed into this challenge (its page); only those carrying this tag. */
  challengeId?: string | null;
  tag?: string | null;
};

/** A list row as the part's JSON carries it: the timestamp as its ISO text. */
type JsonListRow = Omit<ListRow, "created_at"> & { created_at: string; total: number };

/**
 * One page of a space's ideas, keyset-paginated in both directions (`cursor` after, `before` before),
 * never with hidden ideas (docs/decisions/0008-moderation.md), with exact counts, the viewer's own
 * support and where the page stands in the list — a single statement, since this is the most requested
 * page; as a part (app/lib/read-together.server.ts), so the space page reads it with its other reads in
 * one round trip (docs/decisions/0055). Order uses the indexed columns.
 */
export function ideaListPart(options: IdeaListOptions): ReadPart<IdeaPage> {
  const { viewer, space, sort } = options;
  if (!canViewSpace(viewer, space)) notFound();
  const before = options.before ? decodeCursor(options.before, IDEA_CURSORS[sort]) : null;
  const after = before ? null : decodeCursor(options.cursor, IDEA_CURSORS[sort]);
  const direction = before ? "before" : after ? "after" : null;
  const { lead } = SORT_ORDER[sort];
  const exactTotal = hasExactTotal(options);
  return {
    sql: (param) => {
      const { text, order } = ideaListQuery({
        spaceId: space.id,
        viewerId: viewer?.id ?? null,
        sort,
        cursor: before ?? after,
        direction: direction ?? "after",
        stage: options.stage,
        challengeId: options.challengeId,
        tag: options.tag,
        param,
      });
      return `(select coalesce(json_agg(l order by ${order}), '[]') from (${text}) l)`;
    },
    decode: (json) => {
      const rows = json as JsonListRow[];
      const page = rows.slice(0, PAGE_SIZE);
      const more = rows.length > PAGE_SIZE;
      if (direction === "before") page.reverse();
      const position = pagePosition({
        direction,
        counted: rows[0]?.total ?? 0,
        exact: exactTotal,
        before: (before ?? after)?.n ?? 0,
        shown: page.length,
      });
      const createdAt = page.map((r) => new Date(r.created_at).toISOString());
      const cursorOf = (k: number, n: number) => {
        const row = page[k];
        return row
          ? encodeCursor({ c: createdAt[k]!, i: row.id, n, ...(lead ? { s: row[lead as "support_count"] } : {}) })
          : null;
      };
      // Walking forward, a next page exists when the statement found one idea more than a page; walking
      // back, the page we came from is next, and a previous one exists when it found one more.
      const hasNext = direction === "before" ? page.length > 0 : more;
      const hasPrevious = direction === "before" ? more : direction === "after";
      return {
        items: page.map((r, k) => ({
          id: r.id,
          title: r.title,
          excerpt: r.summary,
          language: r.language,
          tags: r.tags,
          stage: r.stage,
          createdAt: createdAt[k]!,
          author: { id: r.author_id, displayName: r.author_name },
          supports: r.supports,
          comments: r.comments,
          supportedByViewer: r.supported,
        })),
        countsAt: rows[0]?.at ?? 0,
        nextCursor: hasNext ? cursorOf(page.length - 1, position.to) : null,
        previousCursor: hasPrevious ? cursorOf(0, position.from - 1) : null,
        position,
      };
    },
  };
}

/** One page of a list alone (its own statement): the API, a challenge's page. */
export async function listIdeas(options: IdeaListOptions): Promise<IdeaPage> {
  return readPart(ideaListPart(options));
}
