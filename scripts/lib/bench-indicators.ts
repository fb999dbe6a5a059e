// Indicators figures for `npm run bench` (docs/decisions/0025-indicators-and-exports.md), on the
// discovery database (100k ideas by default), next to its "hot" list page: the scale data has no
// pipeline history, so a realistic one is added first (60 % of ideas answered, 20 % selected, 5 %
// piloted, 1 % in production, each move dated after the previous one), then the managers' page is
// loaded, and one full CSV export of the ideas is timed.
import type pg from "pg";

type Stats = { count: number; seconds: number; rps: number; p50: number; p95: number; p99: number; errors: number };
type Load = (concurrency: number, seconds: number, task: (i: number) => Promise<boolean>) => Promise<Stats>;

export async function indicatorsPhase(options: {
  client: pg.Client;
  base: string;
  seconds: number;
  load: Load;
  fmt: (s: Stats) => string;
}) {
  const { client } = options;
  const t0 = performance.now();
  const kept = await client.query("select 1 from users where id = 'bench-manager'");
  if (!kept.rowCount) await addPipelineHistory(client);
  const { rows } = await client.query<{ n: number }>("select count(*)::int as n from stage_transitions");
  console.log(
    `\nIndicators: ${rows[0]!.n} stage moves and their pilots (${kept.rowCount ? "kept from an earlier run" : `added in ${((performance.now() - t0) / 1000).toFixed(1)} s`}).`,
  );
  await indicatorsLoad(options);
}

async function addPipelineHistory(client: pg.Client) {
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
  await client.query("analyze");
}

async function indicatorsLoad(options: { base: string; seconds: number; load: Load; fmt: (s: Stats) => string }) {
  const { base, seconds, load, fmt } = options;

  const { createSession } = await import("~/auth/session.server.ts");
  const { token } = await createSession("bench-manager");
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: `idees_session=${token}` } });
    await res.arrayBuffer();
    return res.ok;
  };
  await load(2, 2, () => get("/pilotage/indicateurs"));
  console.log(
    `Indicators page (/pilotage/indicateurs, a manager, every space, all time; 9 statements), concurrency 4:`,
  );
  console.log(`  app        ${fmt(await load(4, seconds, () => get("/pilotage/indicateurs")))}`);
  console.log(`  alone      ${fmt(await load(1, seconds, () => get("/pilotage/indicateurs")))}   (concurrency 1)`);

  const t1 = performance.now();
  const res = await fetch(`${base}/pilotage/export/idees`, { headers: { cookie: `idees_session=${token}` } });
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
