// Indicators figures for `npm run bench` (docs/decisions/0025-indicators-and-exports.md), on the
// discovery database (100k ideas by default), next to its "hot" list page: the scale data has no
// pipeline history, so a realistic one is added first (60 % of ideas answered, 20 % selected, 5 %
// piloted, 1 % in production, each move dated after the previous one), then the managers' page is
// loaded, and one full CSV export of the ideas is timed. Then, in this process: the page's statements
// (getIndicators) without HTTP, participation from its monthly roll-up next to the direct statement it
// replaced, and what the roll-up's trigger costs a vote insert (docs/decisions/0038-participation-rollup.md).
// The funnel, time in stage and throughput come from the pipeline roll-up (docs/decisions/0050).
import os from "node:os";
import type pg from "pg";
import type { WindowStats } from "./bench-cpu.ts";
import { browserFetch } from "./bench-http.ts";

type Stats = WindowStats;
type Load = (concurrency: number, seconds: number, task: (i: number) => Promise<boolean>) => Promise<Stats>;

export async function indicatorsPhase(options: {
  client: pg.Client;
  base: string;
  seconds: number;
  load: Load;
  fmt: (s: Stats, note?: string) => string;
}) {
  const { client } = options;
  const t0 = performance.now();
  const kept = await client.query("select 1 from users where id = 'bench-manager'");
  if (!kept.rowCount) await addPipelineHistory(client);
  // Every read of the figures scans the pending deltas, and CI runs without autovacuum: the deltas the
  // rebuild or the app's fold deleted (one per idea in databases seeded before the seed rebuilt this
  // roll-up) would stay as empty pages (docs/decisions/0052, item 3; the discovery bench does the same).
  await client.query("vacuum pipeline_count_deltas, pipeline_counts");
  const { rows } = await client.query<{ n: number }>("select count(*)::int as n from stage_transitions");
  console.log(
    `\nIndicators: ${rows[0]!.n} stage moves and their pilots (${kept.rowCount ? "kept from an earlier run" : `added in ${((performance.now() - t0) / 1000).toFixed(1)} s`}).`,
  );
  await indicatorsLoad(options);
  await indicatorStatements(client);
  await voteTriggerCost(client);
}

const loadAverage = () => `load ${os.loadavg()[0]!.toFixed(2)}/${os.availableParallelism()} cores`;

/** Median of `runs` timings of `task`, in ms; a statement timeout is reported, not thrown. */
async function median(runs: number, task: () => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      await task();
    } catch (error) {
      return `failed after ${(performance.now() - t0).toFixed(0)} ms (${error instanceof Error ? error.message : error})`;
    }
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return `${times[Math.floor(times.length / 2)]!.toFixed(0)} ms`;
}

/** The page's statements in this process (no HTTP, no rendering): all of them, then participation alone. */
async function indicatorStatements(client: pg.Client) {
  const { getIndicators, resolveIndicatorScope } = await import("~/models/indicators.server.ts");
  const figures = await import("~/models/participation.server.ts");
  const viewer = { id: "bench-manager", role: "MANAGER" as const, grantedSpaceIds: [] };
  const filters = { space: null, challenge: null, from: null, to: null };
  const scope = await resolveIndicatorScope(viewer, filters);
  const { rows } = await client.query<{ n: number; mb: number }>(
    `select count(*)::int as n, (pg_total_relation_size('participation_months') / 1e6)::int as mb from participation_months`,
  );
  console.log(
    `Indicators statements in-process (a manager, every space, all time; median of 5; roll-up ${rows[0]!.n.toLocaleString("en")} rows, ${rows[0]!.mb} MB):`,
  );
  console.log(
    `  whole page (9 statements in parallel)    ${await median(5, () => getIndicators({ viewer, filters }))}  (${loadAverage()})`,
  );
  console.log(
    `  participation, from the roll-up          ${await median(5, () => figures.participation(scope))}  (${loadAverage()})`,
  );
  console.log(
    `  participation by agency, roll-up         ${await median(5, () => figures.participationByAgency(scope))}  (${loadAverage()})`,
  );
  const period = await resolveIndicatorScope(viewer, { ...filters, from: "2026-01-10", to: "2026-06-20" });
  console.log(
    `  participation, roll-up, period cut       ${await median(5, () => figures.participation(period))}  (${loadAverage()})`,
  );
  console.log(
    `  participation, direct (before, 1 run)    ${await median(1, () => figures.participationFromActs(scope))}  (${loadAverage()})`,
  );
}

/**
 * What the participation roll-up's trigger adds to a vote insert: 300 single-row inserts of new votes,
 * each under EXPLAIN ANALYZE, in one transaction rolled back afterwards.
 */
async function voteTriggerCost(client: pg.Client) {
  await client.query("begin");
  try {
    const { rows: pairs } = await client.query<{ idea_id: string; user_id: string }>(
      `select i.id as idea_id, u.id as user_id
         from (select id, row_number() over () as n from (select id from ideas where hidden_at is null and merged_into_id is null order by random() limit 400) x) i
         join (select id, row_number() over () as n from (select id from users order by random() limit 400) y) u on u.n = i.n
        where not exists (select 1 from votes v where v.idea_id = i.id and v.user_id = u.id) limit 300`,
    );
    let total = 0;
    const triggers = new Map<string, number>();
    for (const pair of pairs) {
      const { rows } = await client.query<{
        "QUERY PLAN": [{ "Execution Time": number; Triggers: { "Trigger Name": string; Time: number }[] }];
      }>("explain (analyze, format json) insert into votes (idea_id, user_id) values ($1, $2)", [
        pair.idea_id,
        pair.user_id,
      ]);
      const plan = rows[0]!["QUERY PLAN"][0];
      total += plan["Execution Time"];
      for (const t of plan.Triggers) triggers.set(t["Trigger Name"], (triggers.get(t["Trigger Name"]) ?? 0) + t.Time);
    }
    const each = (ms: number) => `${((ms / pairs.length) * 1000).toFixed(0)} µs`;
    console.log(
      `Vote insert, server time (${pairs.length} single-row inserts under EXPLAIN ANALYZE, rolled back; ${loadAverage()}): ${each(total)} each, of which`,
    );
    for (const [name, ms] of [...triggers].sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(40)} ${each(ms)}`);
  } finally {
    await client.query("rollback");
  }
}

async function addPipelineHistory(client: pg.Client) {
  // In one transaction with the pipeline roll-up's triggers off (ADR 0050), rebuilt once at the end: a
  // trigger per move would refresh each idea's visits one by one.
  await client.query("begin");
  await client.query("select set_config('idees.pipeline_rebuild', 'on', true)");
  await client.query(`insert into users (id, email, display_name, password_hash, role, updated_at)
    values ('bench-manager', 'bench-manager@example.test', 'Responsable innovation', 'x', 'MANAGER', now())`);
  await client.query(`
    with picked as (select id, created_at, row_number() over (order by id) as n from ideas),
    moves as (
      select id, n, 'PROPOSED' as f, 'UNDER_REVIEW' as t, created_at + (1 + n % 30) * interval '1 day' as at
        from picked where n % 10 < 6
      union all select id, n, 'UNDER_REVIEW', 'SELECTED', created_at + (2 + n % 30 + n % 45) * interval '1 day'
        from picked where n % 10 < 2
      union all select id, n, 'SELECTED', 'PILOT', created_at + (3 + n % 30 + n % 45 + n % 20) * interval '1 day'
        from picked where n % 20 = 0
      union all select id, n, 'PILOT', 'PRODUCTION', created_at + (4 + n % 30 + n % 45 + n % 20 + n % 90) * interval '1 day'
        from picked where n % 100 = 0)
    insert into stage_transitions (idea_id, actor_id, from_stage, to_stage, created_at)
    select id, 'bench-manager', f::"IdeaStage", t::"IdeaStage", at from moves order by id, at`);
  await client.query(`update ideas i set stage = last.to_stage, stage_changed_at = last.created_at
      from (select distinct on (idea_id) idea_id, to_stage, created_at from stage_transitions
             order by idea_id, id desc) last where last.idea_id = i.id`);
  await client.query(`insert into pilots (id, idea_id, decision, decision_reason, decided_at, created_at, updated_at)
    select 'bench-p-' || i.id, i.id, case when i.stage = 'PRODUCTION' then 'GO'::"PilotDecision" end,
           case when i.stage = 'PRODUCTION' then 'Objectifs atteints' end,
           case when i.stage = 'PRODUCTION' then i.stage_changed_at end, i.stage_changed_at, now()
      from ideas i where i.stage in ('PILOT', 'PRODUCTION')`);
  await client.query("select idees_pipeline_rebuild()");
  await client.query("commit");
  await client.query("analyze");
}

async function indicatorsLoad(options: {
  base: string;
  seconds: number;
  load: Load;
  fmt: (s: Stats, note?: string) => string;
}) {
  const { base, seconds, load, fmt } = options;

  const { createSession } = await import("~/auth/session.server.ts");
  const { token } = await createSession("bench-manager");
  const get = async (path: string) => {
    const res = await browserFetch(`${base}${path}`, { headers: { cookie: `idees_session=${token}` } });
    await res.arrayBuffer();
    return res.ok;
  };
  await load(2, 2, () => get("/pilotage/indicateurs"));
  console.log(
    `Indicators page (/pilotage/indicateurs, a manager, every space, all time; 9 statements), concurrency 4:`,
  );
  console.log(`  app        ${fmt(await load(4, seconds, () => get("/pilotage/indicateurs")))}`);
  console.log(`  alone      ${fmt(await load(1, seconds, () => get("/pilotage/indicateurs")), " (concurrency 1)")}`);

  const t1 = performance.now();
  const res = await browserFetch(`${base}/pilotage/export/idees`, { headers: { cookie: `idees_session=${token}` } });
  let bytes = 0;
  let firstByteMs = 0;
  const reader = res.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if (!bytes) firstByteMs = performance.now() - t1;
    bytes += read.value.byteLength;
  }
  console.log(
    `Ideas CSV export (every idea, streamed in batches): ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t1) / 1000).toFixed(1)} s, first bytes after ${firstByteMs.toFixed(0)} ms`,
  );
}
