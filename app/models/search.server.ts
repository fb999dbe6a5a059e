// French full-text search and similar-idea suggestions (docs/decisions/0011-search-and-ranking.md).
// Visibility: every statement is limited to the ids of the spaces the viewer may see, decided by
// canViewSpace (app/auth/policy.ts) through visibleSpaces — the same rule as the space pages.
import { listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool } from "~/lib/db.server.ts";
import {
  cleanSnippet,
  MARK_END,
  MARK_START,
  SEARCH_CANDIDATES,
  SEARCH_MAX_PAGE,
  SEARCH_PAGE_SIZE,
  SIMILAR_LIMIT,
  worthSuggesting,
  type SearchParams,
  type SimilarParams,
} from "./search.ts";
import { visibleSpaces, type SpaceSummary } from "./space.server.ts";

export type SearchHit = {
  id: string;
  /** Title and snippet carry MARK_START/MARK_END around matches: render with splitHighlights. */
  title: string;
  snippet: string;
  /** The language title and snippet were written in (docs/decisions/0029). */
  language: string;
  tags: string[];
  stage: IdeaStage;
  createdAt: string;
  author: { displayName: string };
  space: { slug: string; nameFr: string; nameEn: string };
  supports: number;
  comments: number;
};

/** `capped`: more ideas match than were ranked; `total` is then SEARCH_CANDIDATES ("more than"). */
export type SearchResult = { total: number; capped: boolean; page: number; hasNext: boolean; items: SearchHit[] };

const EMPTY: SearchResult = { total: 0, capped: false, page: 1, hasNext: false, items: [] };

/** The spaces to search: the visible ones, or the one asked for if visible (else none: no leak). */
async function spacesToSearch(viewer: Viewer, slug: string | null): Promise<SpaceSummary[]> {
  const spaces = await visibleSpaces(viewer);
  return slug ? spaces.filter((s) => s.slug === slug) : spaces;
}

// The query goes through the same normalisation as the documents (migration …_discovery_search_and_ranking).
const QUERY = `websearch_to_tsquery('fr_unaccent', idees_fr_normalize($1))`;
// For highlighting the original text, whose plurals were not normalised: each lexeme as a prefix
// ("emploi" highlights "emplois" too).
const PREFIX_QUERY = `nullif(regexp_replace(q.query::text, '(''(?:[^'']|'''')*'')', '\\1:*', 'g'), '')::tsquery`;
const STRIP_MARKS = (column: string) => `translate(${column}, '${MARK_START}${MARK_END}', '')`;
const TITLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const BODY_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

type HitRow = {
  id: string;
  total: number;
  capped: boolean;
  title: string;
  snippet: string;
  language: string;
  tags: string[];
  stage: IdeaStage;
  created_at: Date;
  author_name: string;
  space_id: string;
  supports: number;
  comments: number;
};

/**
 * The most ideas a candidate search walks in hot order before asking the GIN index instead. The worst
 * cases of the two plans are equal when walk² ≈ limit × ideas (a word in just under limit / walk of the
 * ideas: the walk fails, then the GIN index lists ideas × limit / walk matches), so the walk follows the
 * table's size: ~4.5k for 200 candidates at 100k ideas, where a fixed 10k walked 10 % of the table for a
 * word in 1 % of ideas and cost five times what the GIN plan then read. Capped by what was measured at a
 * million ideas (docs/decisions/0034-search-at-a-million.md), at least a few hundred.
 */
const SEARCH_WALK = 10_000;
const SIMILAR_WALK = 4_000;
const walkFor = (limit: number, ideas: number, most: number) =>
  Math.max(500, Math.min(most, Math.round(Math.sqrt(limit * ideas))));

/** The number of rows of idea_search as the statistics know it (autovacuum keeps it), read once a minute. */
let tableSize: { ideas: number; at: number } | null = null;
async function searchTableSize(): Promise<number> {
  if (tableSize && Date.now() - tableSize.at < 60_000) return tableSize.ideas;
  const { rows } = await pool.query<{ ideas: number }>(
    "select greatest(reltuples, 0)::float8 as ideas from pg_class where oid = 'idea_search'::regclass",
  );
  tableSize = { ideas: rows[0]?.ideas ?? 0, at: Date.now() };
  return tableSize.ideas;
}

/**
 * Title matches ranked at most (three pages' worth: they rank first). Fewer than SEARCH_CANDIDATES, so the
 * walk for a word found in a few percent of titles stops sooner (limit / frequency rows).
 */
const SEARCH_TITLE_CANDIDATES = 3 * SEARCH_PAGE_SIZE;

/**
 * Two CTEs, `<name>_walk` and `<name>`: up to `limit` ideas of idea_search whose `column` matches `query`
 * (an SQL expression of one tsquery), in the viewer's spaces, listed, hottest first. One of two bounded
 * plans runs, decided by the data rather than by the planner's estimate (which multiplies the
 * frequencies of words that in fact go together, docs/decisions/0034-search-at-a-million.md): first a
 * walk down the hot_score index over at most `walk` ideas, which stops as soon as `limit` of them
 * match (a common word: ~limit / frequency rows); only when it falls short is the word rare enough
 * (< limit / walk of the ideas) for the GIN index to list all its matches cheaply — that branch
 * sits behind a one-time filter and is never executed otherwise. With `filters` (stage, tag, challenge:
 * possibly rare themselves) only the GIN plan runs.
 */
function boundedCandidates(options: {
  name: string;
  column: "document" | "title_words";
  query: string;
  spaces: string;
  limit: string;
  walk: number;
  filters?: string;
}) {
  const { name, column, query, spaces, limit, walk: most } = options;
  const filters = options.filters ?? "";
  const walk = filters
    ? "select null::text as idea_id where false"
    : `select w.idea_id from (
         select s.idea_id, s.${column} as v from idea_search s
          where s.space_id = any(${spaces}::text[]) and ${listedIdeaSql("s")}
          order by s.hot_score desc, s.idea_id desc limit ${most}) w
        where w.v @@ ${query} limit ${limit}`;
  return `${name}_walk as materialized (${walk}),
     ${name} as (
       select idea_id from ${name}_walk where (select count(*) from ${name}_walk) >= ${limit}
       union all
       (select s.idea_id from idea_search s
         where (select count(*) from ${name}_walk) < ${limit}
           and s.${column} @@ ${query} and s.space_id = any(${spaces}::text[]) and ${listedIdeaSql("s")} ${filters}
         order by s.hot_score + 0 desc, s.idea_id desc
         limit ${limit})
     )`;
}

/**
 * One page of ideas matching a web-style query (words, "a phrase", -excluded), best first, ranking a
 * bounded candidate set (docs/decisions/0034-search-at-a-million.md): the SEARCH_CANDIDATES "hottest"
 * ideas whose title matches, and as many whose title, tags or body match, both read from the narrow
 * idea_search table in hot_score order (a bounded walk of that index for a common word, the GIN index for
 * a rare one). Those are ranked with ts_rank_cd and its default
 * weights, so a word in the title (A, 1.0) outweighs tags (B, 0.4) and body (C, 0.2). The total is exact
 * up to SEARCH_CANDIDATES matches, else `capped` (shown as "more than"). Counts are the maintained columns.
 */
export async function searchIdeas(options: { viewer: Viewer; params: SearchParams }): Promise<SearchResult> {
  const { viewer, params } = options;
  if (!params.q) return EMPTY;
  const spaces = await spacesToSearch(viewer, params.espace);
  if (spaces.length === 0) return { ...EMPTY, page: params.page };
  const values: unknown[] = [
    params.q,
    spaces.map((s) => s.id),
    SEARCH_PAGE_SIZE + 1,
    (params.page - 1) * SEARCH_PAGE_SIZE,
    SEARCH_CANDIDATES,
  ];
  let filters = "";
  if (params.etape) {
    values.push(params.etape);
    filters += ` and s.stage = $${values.length}::"IdeaStage"`;
  }
  if (params.motcle) {
    values.push(params.motcle);
    filters += ` and $${values.length} = any(s.tags)`;
  }
  if (params.defi) {
    values.push(params.defi);
    filters += ` and s.challenge_id = $${values.length}`;
  }
  const ideas = await searchTableSize();
  const candidates = (name: string, column: "document" | "title_words", limit: number) =>
    boundedCandidates({
      name,
      column,
      query: "(select query from q)",
      spaces: "$2",
      limit: String(limit),
      walk: walkFor(limit, ideas, SEARCH_WALK),
      filters,
    });
  const { rows } = await pool.query<HitRow>(
    `with q as materialized (select ${QUERY} as query),
     ${candidates("in_title", "title_words", SEARCH_TITLE_CANDIDATES)},
     ${candidates("anywhere", "document", SEARCH_CANDIDATES + 1)},
     hits as (
       select s.idea_id as id, s.created_at, ts_rank_cd(s.document, q.query) as rank,
              count(*) over ()::int as total, (select count(*) from anywhere) > $5 as capped
         from (select idea_id from in_title union select idea_id from anywhere) c
         join idea_search s on s.idea_id = c.idea_id
         cross join q
        -- Title candidates must match the whole query too ("accueil -papier" excludes a body saying "papier").
        -- Written so that no index can answer it: the planner would otherwise list every match of a common
        -- word through the GIN index (its estimate for an unknown query is 0.5 % of the ideas) and hash-join
        -- them to the ≤ 261 candidates, which are read by primary key instead.
        where coalesce(s.document @@ q.query, false)
        order by rank desc, s.created_at desc, s.idea_id desc
        limit $3 offset $4
     )
     select h.id, least(h.total, $5)::int as total, h.capped, h.created_at, i.tags, i.stage, i.language, i.space_id,
            i.support_count as supports, i.comment_count as comments, u.display_name as author_name,
            ts_headline('fr_unaccent', ${STRIP_MARKS("i.title")}, coalesce(${PREFIX_QUERY}, q.query), '${TITLE_OPTIONS}') as title,
            ts_headline('fr_unaccent', ${STRIP_MARKS("i.body")}, coalesce(${PREFIX_QUERY}, q.query), '${BODY_OPTIONS}') as snippet
       from hits h
       cross join q
       join ideas i on i.id = h.id
       join users u on u.id = i.author_id
      order by h.rank desc, h.created_at desc, h.id desc`,
    values,
  );
  const byId = new Map(spaces.map((s) => [s.id, s]));
  const page = rows.slice(0, SEARCH_PAGE_SIZE);
  return {
    total: rows[0]?.total ?? 0,
    capped: rows[0]?.capped ?? false,
    page: params.page,
    hasNext: rows.length > SEARCH_PAGE_SIZE && params.page < SEARCH_MAX_PAGE,
    items: page.map((r) => {
      const space = byId.get(r.space_id)!;
      return {
        id: r.id,
        title: r.title,
        snippet: cleanSnippet(r.snippet),
        language: r.language,
        tags: r.tags,
        stage: r.stage,
        createdAt: r.created_at.toISOString(),
        author: { displayName: r.author_name },
        space: { slug: space.slug, nameFr: space.nameFr, nameEn: space.nameEn },
        supports: r.supports,
        comments: r.comments,
      };
    }),
  };
}

// Every typed word of the title, matched against titles only (idea_search.title_words: body words alone
// would match too many); the last one as a prefix, since it is usually being typed ("Simplifier l'inscr"
// finds « l'inscription »). Null when nothing is left to look for.
const TITLE_WORDS = `nullif(regexp_replace(plainto_tsquery('fr_unaccent', idees_fr_normalize($1))::text, '(''(?:[^'']|'''')*'')$', '\\1:*'), '')::tsquery`;

export type SimilarIdea = { id: string; title: string; stage: IdeaStage; supports: number; spaceSlug: string };

/**
 * Up to five ideas that look like the one being written, among those the viewer may see (in one
 * space when `espace` is given). Candidates come from two bounded searches of idea_search's title words
 * (docs/decisions/0034-search-at-a-million.md) — the 20 "hottest" ideas whose title holds every typed
 * word (the last one as a prefix: it is being typed) and, when those are fewer than SIMILAR_LIMIT, the 20
 * hottest holding any of them — then are ranked by trigram similarity of the titles (typos forgiven,
 * what is typed may be part of a longer title) plus the full-text rank of title and body words together.
 * Candidates with nothing in common (similarity and rank both low) are left out.
 */
export async function findSimilarIdeas(options: { viewer: Viewer; params: SimilarParams }): Promise<SimilarIdea[]> {
  const { viewer, params } = options;
  if (!worthSuggesting(params.titre)) return [];
  const spaces = await spacesToSearch(viewer, params.espace);
  if (spaces.length === 0) return [];
  const walk = walkFor(20, await searchTableSize(), SIMILAR_WALK);
  const { rows } = await pool.query<{
    id: string;
    title: string;
    stage: IdeaStage;
    supports: number;
    space_id: string;
  }>(
    `with q as materialized (
       select lower(idees_unaccent($1)) as t, ${TITLE_WORDS} as title_words,
              replace(${TITLE_WORDS}::text, ' & ', ' | ')::tsquery as any_title_word,
              nullif(replace(plainto_tsquery('fr_unaccent', idees_fr_normalize($1 || ' ' || $2))::text, ' & ', ' | '), '')::tsquery as any_words
     ),
     ${boundedCandidates({ name: "with_words", column: "title_words", query: "(select title_words from q)", spaces: "$3", limit: "20", walk })},
     ${boundedCandidates({ name: "any_word", column: "title_words", query: "(select any_title_word from q)", spaces: "$3", limit: "20", walk })},
     candidates as (
       select idea_id as id from with_words
       union
       -- Only when fewer titles than SIMILAR_LIMIT hold every typed word (a typo, an unusual word): titles
       -- holding any of them, whose trigram similarity then forgives the typos. Not a trigram KNN over
       -- all titles: at a million ideas that read ~54k index pages (docs/decisions/0034-search-at-a-million.md).
       select idea_id from any_word where (select count(*) from with_words) < $4
     )
     select x.id, x.title, x.stage, x.supports, x.space_id
       from (
         select i.id, i.title, i.stage, i.support_count as supports, i.space_id,
                greatest(similarity(i.title_search, q.t), word_similarity(q.t, i.title_search)) as trigram,
                coalesce(ts_rank_cd(i.search_vector, q.any_words, 32), 0) as words
           from candidates c
           join ideas i on i.id = c.id
           cross join q
       ) x
      where x.trigram >= 0.3 or x.words > 0.05
      order by x.trigram + x.words desc, x.supports desc, x.id desc
      limit $4`,
    [params.titre, params.texte, spaces.map((s) => s.id), SIMILAR_LIMIT],
  );
  const slugs = new Map(spaces.map((s) => [s.id, s.slug]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    stage: r.stage,
    supports: r.supports,
    spaceSlug: slugs.get(r.space_id)!,
  }));
}
