// Support and comment counts (docs/decisions/0003-vote-counts.md).
// Triggers on votes and comments append +1/-1 rows to idea_counter_deltas inside the writing
// transaction (no lock on the idea row, so voters on one popular idea never queue behind each other).
// foldCounterDeltas() (run every second by app/jobs/counters.server.ts) moves those deltas into
// ideas.support_count / comment_count in ONE statement, so "column + pending deltas" is exact in every
// snapshot. That formula has ONE definition, the SQL function idees_exact_counts(idea id) (migration
// …_exact_counts_function): every statement that shows a count joins it. Sorting uses the columns,
// which lag by at most one fold interval.
import type { IdeaStage, SpaceAudience } from "~/generated/prisma/enums.ts";
import { pool } from "~/lib/db.server.ts";

export type Counts = { supports: number; comments: number };

export async function exactCounts(ideaIds: readonly string[]): Promise<Map<string, Counts>> {
  const result = new Map<string, Counts>();
  if (ideaIds.length === 0) return result;
  const { rows } = await pool.query<{ id: string; supports: number; comments: number }>(
    `select i.id, c.supports, c.comments
       from ideas i
       cross join lateral idees_exact_counts(i.id) c
      where i.id = any($1::text[])`,
    [ideaIds],
  );
  for (const row of rows) result.set(row.id, { supports: row.supports, comments: row.comments });
  return result;
}

export async function exactCount(ideaId: string): Promise<Counts> {
  return (await exactCounts([ideaId])).get(ideaId) ?? { supports: 0, comments: 0 };
}

/** What a live page shows of an idea, exact, read in one snapshot. */
export type IdeaLiveValues = Counts & {
  spaceId: string;
  audience: SpaceAudience;
  stage: IdeaStage;
  /** ideas.updated_at in milliseconds. */
  updatedAt: number;
  /**
   * Hidden by moderation: realtime carries nothing about it but to the sockets of its author and its
   * space's moderators, on its page (docs/decisions/0008-moderation.md).
   */
  hidden: boolean;
  authorId: string;
};

/** The database clock in milliseconds (microsecond fraction), as realtime events and loaders carry it. */
export const DB_CLOCK_MS = "(extract(epoch from clock_timestamp()) * 1000)::float8";

/**
 * Exact values of several ideas plus the database clock `at`, in ONE statement (so one snapshot):
 * the realtime emitter's flush and its catch-up `sync` (docs/decisions/0005-realtime.md). Unknown ids
 * are absent from the map.
 */
export async function exactCountsAt(
  ideaIds: readonly string[],
): Promise<{ at: number; ideas: Map<string, IdeaLiveValues> }> {
  const { rows } = await pool.query<{
    at: number;
    id: string | null;
    space_id: string;
    audience: SpaceAudience;
    stage: IdeaStage;
    updated_at: number;
    hidden: boolean;
    author_id: string;
    supports: number;
    comments: number;
  }>(
    `with clock as materialized (select ${DB_CLOCK_MS} as at)
     select clock.at, x.*
       from clock
       left join lateral (
         select i.id, i.space_id, s.audience, i.stage, (extract(epoch from i.updated_at) * 1000)::float8 as updated_at,
                i.hidden_at is not null as hidden, i.author_id,
                c.supports, c.comments
           from ideas i
           join spaces s on s.id = i.space_id
           cross join lateral idees_exact_counts(i.id) c
          where i.id = any($1::text[])
       ) x on true`,
    [ideaIds],
  );
  const ideas = new Map<string, IdeaLiveValues>();
  for (const row of rows) {
    if (row.id === null) continue;
    ideas.set(row.id, {
      spaceId: row.space_id,
      audience: row.audience,
      stage: row.stage,
      updatedAt: row.updated_at,
      hidden: row.hidden,
      authorId: row.author_id,
      supports: row.supports,
      comments: row.comments,
    });
  }
  return { at: rows[0]!.at, ideas };
}

/**
 * Folds up to `batch` pending deltas into the idea rows. The ideas_discovery trigger recomputes each
 * updated row's hot_score from the new counts (docs/decisions/0011-search-and-ranking.md). Safe to run from several processes at once
 * (SKIP LOCKED: each delta is folded exactly once). Returns how many deltas were folded.
 */
export async function foldCounterDeltas(batch = 50_000): Promise<number> {
  const { rows } = await pool.query<{ folded: number }>(
    `with moved as (
       delete from idea_counter_deltas
        where id in (select id from idea_counter_deltas order by id limit $1 for update skip locked)
       returning idea_id, supports, comments
     ), sums as (
       select idea_id, sum(supports)::int as s, sum(comments)::int as c, count(*)::int as n
         from moved group by idea_id
     ), updated as (
       update ideas i
          set support_count = i.support_count + sums.s,
              comment_count = i.comment_count + sums.c
         from sums
        where i.id = sums.idea_id and (sums.s <> 0 or sums.c <> 0)
     )
     select coalesce(sum(n), 0)::int as folded from sums`,
    [batch],
  );
  return (
    (rows[0]?.folded ?? 0) +
    (await foldStageCountDeltas(batch)) +
    (await foldIntoCounts(FOLD_CHALLENGE_IDEA_COUNTS, batch)) +
    (await foldParticipationCountDeltas(batch)) +
    (await foldPipelineCountDeltas(batch))
  );
}

/**
 * One statement that moves up to $1 rows of a delta table into its counts table: the deltas are deleted
 * (SKIP LOCKED: each folded exactly once, whatever the number of processes), summed per key and added to
 * the key's row, created when missing. Being one statement, "counts + pending deltas" stays exact in
 * every snapshot. Answers the number of deltas moved as `folded`.
 */
function foldIntoCountsSql(table: { deltas: string; counts: string; keys: string[]; values: string[] }): string {
  const keys = table.keys.join(", ");
  const values = table.values.join(", ");
  return `with moved as (
       delete from ${table.deltas}
        where id in (select id from ${table.deltas} order by id limit $1 for update skip locked)
       returning ${keys}, ${values}
     ), sums as (
       select ${keys}, ${table.values.map((v) => `sum(${v})::int as ${v}`).join(", ")}, count(*)::int as moved
         from moved group by ${keys}
     ), upserted as (
       insert into ${table.counts} as c (${keys}, ${values})
       select ${keys}, ${values} from sums where ${table.values.map((v) => `${v} <> 0`).join(" or ")}
       on conflict (${keys}) do update set ${table.values.map((v) => `${v} = c.${v} + excluded.${v}`).join(", ")}
     )
     select coalesce(sum(moved), 0)::int as folded from sums`;
}

/** The stage counts (trigger on ideas, docs/decisions/0040). */
const FOLD_STAGE_COUNTS = foldIntoCountsSql({
  deltas: "space_stage_count_deltas",
  counts: "space_stage_counts",
  keys: ["space_id", "stage"],
  values: ["n"],
});

/** Listed ideas per challenge (trigger on ideas, docs/decisions/0052). */
const FOLD_CHALLENGE_IDEA_COUNTS = foldIntoCountsSql({
  deltas: "challenge_idea_count_deltas",
  counts: "challenge_idea_counts",
  keys: ["challenge_id"],
  values: ["n"],
});

/** The participation counters (triggers on participation_months and users, docs/decisions/0038, "Counters"). */
const FOLD_PARTICIPATION_COUNTS = foldIntoCountsSql({
  deltas: "participation_count_deltas",
  counts: "participation_counts",
  keys: ["month", "scope", "role"],
  values: ["participants", "proposers", "supporters", "commenters"],
});

async function foldIntoCounts(sql: string, batch: number): Promise<number> {
  const { rows } = await pool.query<{ folded: number }>(sql, [batch]);
  return rows[0]?.folded ?? 0;
}

/**
 * The pipeline counts of the indicators (triggers on ideas and stage_visits, docs/decisions/0050): each
 * delta is added to its day's row (grain D) and to its month's (grain M, day = the 1st), in one statement.
 */
const FOLD_PIPELINE_COUNTS = `with moved as (
     delete from pipeline_count_deltas
      where id in (select id from pipeline_count_deltas order by id limit $1 for update skip locked)
     returning kind, day, space_id, challenge_id, stage, bucket, n
   ), sums as (
     select m.kind, g.grain, g.day, m.space_id, m.challenge_id, m.stage, m.bucket, sum(m.n)::int as n,
            count(*)::int as moved
       from moved m
      cross join lateral (values ('D'::char(1), m.day), ('M'::char(1), date_trunc('month', m.day)::date)) g(grain, day)
      group by 1, 2, 3, 4, 5, 6, 7
   ), upserted as (
     insert into pipeline_counts as c (kind, grain, day, space_id, challenge_id, stage, bucket, n)
     select kind, grain, day, space_id, challenge_id, stage, bucket, n from sums where n <> 0
     on conflict (kind, grain, day, space_id, challenge_id, stage, bucket) do update set n = c.n + excluded.n
   )
   select coalesce(sum(moved) filter (where grain = 'D'), 0)::int as folded from sums`;

const foldPipelineCountDeltas = (batch: number) => foldIntoCounts(FOLD_PIPELINE_COUNTS, batch);

/** Moves the stage-count deltas into space_stage_counts. Returns how many moved. */
const foldStageCountDeltas = (batch: number) => foldIntoCounts(FOLD_STAGE_COUNTS, batch);

/** Moves the participation counter deltas into participation_counts. Returns how many moved. */
export const foldParticipationCountDeltas = (batch = 50_000) => foldIntoCounts(FOLD_PARTICIPATION_COUNTS, batch);

/**
 * Listed ideas per stage in the spaces `param` (a text[] parameter), exact: the folded counts plus the
 * pending deltas, as rows (stage, n) for a statement to aggregate (the home page's overview).
 */
export const stageCountsSql = (param: string) =>
  `select stage, sum(n)::int as n
     from (select stage, n from space_stage_counts where space_id = any(${param}::text[])
           union all
           select stage, n from space_stage_count_deltas where space_id = any(${param}::text[])) c
    group by stage having sum(n) <> 0`;

/**
 * How many ideas of the space `space` are listed, at the stage `stage` when one is given (SQL
 * expressions, e.g. parameters): exact from the same roll-up, so a list's header says "of 812,340"
 * after reading at most 7 rows plus a second's deltas, not the list (docs/decisions/0052).
 */
export const listedIdeasCountSql = (space: string, stage: string | null) => {
  const where = `space_id = ${space}${stage ? ` and stage = ${stage}` : ""}`;
  return `select coalesce(sum(n), 0)::int
     from (select n from space_stage_counts where ${where}
           union all
           select n from space_stage_count_deltas where ${where}) c`;
};

/**
 * How many listed ideas the challenge `challenge` (an SQL expression, e.g. `c.id`) holds, exact: its
 * folded count plus the pending deltas (docs/decisions/0052), a scalar subquery.
 */
export const challengeIdeasCountSql = (challenge: string) =>
  `(select coalesce(sum(n), 0)::int
      from (select n from challenge_idea_counts where challenge_id = ${challenge}
            union all
            select n from challenge_idea_count_deltas where challenge_id = ${challenge}) c)`;
