// The reference for the pipeline roll-up (docs/decisions/0050-pipeline-indicators-rollup.md): the
// funnel, time-in-stage and throughput statements the indicators page ran before it, over every idea and
// move of the scope. tests/pipeline-rollup.test.ts compares the page's figures with them; the pilots' summary
// over every pilot joined to its idea, which tests/pilot-facts.test.ts compares with pilot_facts.
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { periodSql, runIndicatorStatement, scopeSql, type IndicatorScope } from "~/models/indicator-sql.server.ts";
import { fillMonths, shapeFunnel } from "~/models/indicators.ts";

const run = runIndicatorStatement;
/** The month of a timestamp column in the scope's time zone ($5), as the statements before the roll-up grouped by. */
const monthSql = (column: string) => `to_char(${column} at time zone $5::text, 'YYYY-MM')`;

export async function funnelReference(scope: IndicatorScope) {
  const [current, reached] = await Promise.all([
    run<{ stage: IdeaStage; n: number }>(
      scope,
      `select i.stage::text as stage, count(*)::int as n from ideas i
        where ${scopeSql()} and ${periodSql("i.created_at")} group by 1`,
    ),
    run<{ stage: IdeaStage; n: number }>(
      scope,
      `select t.to_stage::text as stage, count(distinct t.idea_id)::int as n
         from stage_transitions t join ideas i on i.id = t.idea_id
        where ${scopeSql()} and ${periodSql("i.created_at")} group by 1`,
    ),
  ]);
  const total = current.reduce((sum, r) => sum + r.n, 0);
  const byStage = (rows: { stage: IdeaStage; n: number }[]) => Object.fromEntries(rows.map((r) => [r.stage, r.n]));
  const shaped = shapeFunnel(byStage(reached), byStage(current), total);
  const waiting = shaped.current.find((c) => c.stage === "PROPOSED")?.count ?? 0;
  return { total, ...shaped, answered: total - waiting, waiting };
}

export async function timeInStageReference(scope: IndicatorScope) {
  const rows = await run<{ stage: IdeaStage; visits: number; median: number; p90: number }>(
    scope,
    `select v.stage, count(*)::int as visits,
            percentile_cont(0.5) within group (order by v.secs) as median,
            percentile_cont(0.9) within group (order by v.secs) as p90
       from (select t.from_stage::text as stage, t.created_at as left_at,
                    extract(epoch from t.created_at - coalesce(
                      lag(t.created_at) over (partition by t.idea_id order by t.id), i.created_at))::float8 as secs
               from stage_transitions t join ideas i on i.id = t.idea_id
              where ${scopeSql()}) v
      where ${periodSql("v.left_at")}
      group by v.stage`,
  );
  return rows.map((r) => ({
    stage: r.stage,
    visits: r.visits,
    medianSeconds: Number(r.median),
    p90Seconds: Number(r.p90),
  }));
}

export async function throughputReference(scope: IndicatorScope) {
  const rows = await run<{ month: string; proposed: number; answered: number; production: number }>(
    scope,
    `select month, sum(proposed)::int as proposed, sum(answered)::int as answered, sum(production)::int as production
       from (select ${monthSql("i.created_at")} as month, 1 as proposed, 0 as answered, 0 as production
               from ideas i where ${scopeSql()} and ${periodSql("i.created_at")}
             union all
             select ${monthSql("t.created_at")}, 0, (t.from_stage = 'PROPOSED')::int, (t.to_stage = 'PRODUCTION')::int
               from stage_transitions t join ideas i on i.id = t.idea_id
              where ${scopeSql()} and ${periodSql("t.created_at")}
                and (t.from_stage = 'PROPOSED' or t.to_stage = 'PRODUCTION')) x
      group by month order by month`,
  );
  return fillMonths(rows, ["proposed", "answered", "production"] as const);
}

/** The pilots' summary as the page computed it before pilot_facts: every pilot joined to its idea. */
export async function pilotSummaryReference(scope: IndicatorScope) {
  const [row] = await run<{ running: number; go: number; no_go: number }>(
    scope,
    `select count(*) filter (where i.stage = 'PILOT' and p.decision is null)::int as running,
            count(*) filter (where p.decision = 'GO')::int as go,
            count(*) filter (where p.decision = 'NO_GO')::int as no_go
       from pilots p join ideas i on i.id = p.idea_id
      where ${scopeSql()}
        and ($4::timestamptz is null or p.created_at < $4)
        and ($3::timestamptz is null or p.decided_at is null or p.decided_at >= $3)`,
  );
  return row!;
}
