// The pipeline figures of the managers' indicators — funnel, time in each stage, throughput — read from
// the roll-up kept by database triggers (docs/decisions/0050-pipeline-indicators-rollup.md): counts per
// Paris day and month (`pipeline_counts` plus the pending `pipeline_count_deltas`) and one row per move
// of a listed idea (`stage_visits`). What each statement reads is bounded by the months, stages and
// buckets it shows, not by the number of ideas. The direct statements over ideas and stage_transitions
// they replace stay in tests/pipeline-rollup.test.ts as the reference they must equal.
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { runIndicatorStatement, type IndicatorScope } from "./indicator-sql.server.ts";
import { fillMonths, shapeFunnel } from "./indicators.ts";

const run = runIndicatorStatement;

// The period is whole Paris days (resolveIndicatorScope): $3 and $4 are Paris midnights or null.
const SINCE = `coalesce(($3::timestamptz at time zone $5::text)::date, '-infinity'::date)`;
const UNTIL = `coalesce(($4::timestamptz at time zone $5::text)::date, 'infinity'::date)`;
/** The first month the period covers from its 1st, and the month after the last it covers whole. */
const FULL_FROM = `coalesce((date_trunc('month', (($3::timestamptz at time zone $5::text)::date - 1)::timestamp) + interval '1 month')::date, '-infinity'::date)`;
const FULL_UNTIL = `coalesce(date_trunc('month', ($4::timestamptz at time zone $5::text))::date, 'infinity'::date)`;
const SOME_WHOLE = `${FULL_FROM} < ${FULL_UNTIL}`;
const IN_SCOPE = (a: string) => `${a}.space_id = any($1::text[]) and ($2::text is null or ${a}.challenge_id = $2)`;

/**
 * The exact counts of `kinds` in the scope and period, as rows (kind, day, stage, bucket, n) to
 * aggregate: the months the period covers whole from their month rows, the days of the one or two months
 * it cuts from their day rows, and the pending deltas of every day of the period. `day` is the month's
 * 1st in a month row: group by month, never by day.
 */
const countsSql = (kinds: string[]) => {
  const kind = (a: string) => `${a}.kind in (${kinds.map((k) => `'${k}'`).join(", ")})`;
  return `select c.kind, c.day, c.stage, c.bucket, c.challenge_id, c.n from pipeline_counts c
           where ${kind("c")} and ${IN_SCOPE("c")}
             and ((c.grain = 'M' and ${SOME_WHOLE} and c.day >= ${FULL_FROM} and c.day < ${FULL_UNTIL})
               or (c.grain = 'D' and c.day >= ${SINCE}
                   and c.day < case when ${SOME_WHOLE} then ${FULL_FROM} else ${UNTIL} end)
               or (c.grain = 'D' and ${SOME_WHOLE} and c.day >= ${FULL_UNTIL} and c.day < ${UNTIL}))
          union all
          select d.kind, d.day, d.stage, d.bucket, d.challenge_id, d.n from pipeline_count_deltas d
           where ${kind("d")} and ${IN_SCOPE("d")} and d.day >= ${SINCE} and d.day < ${UNTIL}`;
};

/** The ideas proposed in the period per current stage, and how many of them ever reached each stage. */
export async function funnel(scope: IndicatorScope) {
  const rows = await run<{ kind: "COHORT" | "REACHED"; stage: IdeaStage; n: number }>(
    scope,
    `select x.kind::text as kind, x.stage::text as stage, sum(x.n)::int as n
       from (${countsSql(["COHORT", "REACHED"])}) x group by 1, 2 having sum(x.n) <> 0`,
  );
  const byStage = (kind: string) => Object.fromEntries(rows.filter((r) => r.kind === kind).map((r) => [r.stage, r.n]));
  const current = rows.filter((r) => r.kind === "COHORT");
  const total = current.reduce((sum, r) => sum + r.n, 0);
  const shaped = shapeFunnel(byStage("REACHED"), byStage("COHORT"), total);
  const waiting = shaped.current.find((c) => c.stage === "PROPOSED")?.count ?? 0;
  return { total, ...shaped, answered: total - waiting, waiting };
}

/**
 * Time spent in each stage: every visit that ended in the period, median and 90th percentile as
 * `percentile_cont` computes them — the values at ranks floor and ceil of p × (visits − 1), interpolated.
 * The counts per length bucket say which bucket holds each rank; only that bucket's rows in `stage_visits`
 * are read, in length order. One statement, so counts and rows come from one snapshot.
 */
export async function timeInStage(scope: IndicatorScope) {
  const rows = await run<{ stage: IdeaStage; visits: number; median: number; p90: number }>(
    scope,
    `with buckets as (
       select x.stage, x.bucket, sum(x.n)::int as n from (${countsSql(["LEFT"])}) x
        group by 1, 2 having sum(x.n) <> 0),
     cumulated as (
       select b.*, (sum(b.n) over (partition by b.stage order by b.bucket) - b.n)::int as before,
              (sum(b.n) over (partition by b.stage))::int as visits
         from buckets b),
     ranks as (
       select s.stage, s.visits, q.p, (q.p * (s.visits - 1)::float8) as pos, k.lower, k.rank
         from (select distinct stage, visits from cumulated) s
        cross join (values (0.5::float8), (0.9::float8)) q(p)
        cross join lateral (values (true, floor(q.p * (s.visits - 1)::float8)::int),
                                   (false, ceil(q.p * (s.visits - 1)::float8)::int)) k(lower, rank)),
     valued as (
       select r.*, (select v.seconds from stage_visits v
                     where v.stage = c.stage and v.bucket = c.bucket and ${IN_SCOPE("v")}
                       and ($3::timestamptz is null or v.left_at >= $3) and ($4::timestamptz is null or v.left_at < $4)
                     order by v.seconds offset r.rank - c.before limit 1) as seconds
         from ranks r join cumulated c on c.stage = r.stage and r.rank >= c.before and r.rank < c.before + c.n),
     percentiles as (
       select stage, visits, p, pos, max(seconds) filter (where lower) as lo, max(seconds) filter (where not lower) as hi,
              max(rank) filter (where lower) as lo_rank, max(rank) filter (where not lower) as hi_rank
         from valued group by 1, 2, 3, 4)
     select stage::text as stage, visits,
            max(case when hi_rank > lo_rank then lo + (pos - lo_rank) * (hi - lo) else lo end) filter (where p = 0.5) as median,
            max(case when hi_rank > lo_rank then lo + (pos - lo_rank) * (hi - lo) else lo end) filter (where p = 0.9) as p90
       from percentiles group by 1, 2`,
  );
  return rows.map((r) => ({
    stage: r.stage,
    visits: r.visits,
    medianSeconds: Number(r.median),
    p90Seconds: Number(r.p90),
  }));
}

/** Per Paris month: ideas proposed, ideas answered (moves out of PROPOSED), ideas put into production. */
export async function throughput(scope: IndicatorScope) {
  const rows = await run<{ month: string; proposed: number; answered: number; production: number }>(
    scope,
    `select to_char(x.day, 'YYYY-MM') as month,
            coalesce(sum(x.n) filter (where x.kind = 'COHORT'), 0)::int as proposed,
            coalesce(sum(x.n) filter (where x.kind = 'LEFT' and x.stage = 'PROPOSED'), 0)::int as answered,
            coalesce(sum(x.n) filter (where x.kind = 'ENTERED' and x.stage = 'PRODUCTION'), 0)::int as production
       from (${countsSql(["COHORT", "LEFT", "ENTERED"])}) x
      where x.kind = 'COHORT' or (x.kind = 'LEFT' and x.stage = 'PROPOSED') or (x.kind = 'ENTERED' and x.stage = 'PRODUCTION')
      group by 1
     having sum(x.n) filter (where x.kind = 'COHORT') <> 0
         or sum(x.n) filter (where x.kind = 'LEFT' and x.stage = 'PROPOSED') <> 0
         or sum(x.n) filter (where x.kind = 'ENTERED' and x.stage = 'PRODUCTION') <> 0
      order by 1`,
  );
  return fillMonths(rows, ["proposed", "answered", "production"] as const);
}
