// `npm run bench`: speed figures measured in ONE run, printed next to their baselines.
//   - the peer-style load (scripts/lib/bench-peer.ts): 50 connections on one process mixing list pages
//     "most supported" and "hot", idea pages and votes by 20,000 people, next to the same mix as raw pg
//   - list pages/s (server-rendered "most supported" page) at 10k ideas and 500k votes, and the most
//     discussed idea's page (2,000 comments) next to it (scripts/lib/bench-idea-page.ts)
//   - vote requests/s through the app next to raw `pg` inserts of the same rows
//   - p50/p99 latency for 64 concurrent voters on one idea
//   - realtime (scripts/lib/bench-realtime.ts): vote POST → updated count at other clients with 1,000
//     sockets connected (p50/p95/p99); one broadcast to 10,000 sockets next to a bare socket.io server;
//     resident memory per connected socket
//   - discovery (scripts/lib/bench-discovery.ts), on its own database at 100k then 1M ideas / 5M votes:
//     the "hot" list page through the app and as raw pg, search p95 over a fixed query set (very common
//     words included), similar-idea p95, compared across sizes at the end. --discovery-ideas N[,N…]
//     --discovery-votes N; --keep-discovery keeps (and reuses) the seeded databases; --only-discovery
//     runs just these, --no-discovery skips them.
//   - markdown (scripts/lib/bench-markdown.ts): render time of the worst known inputs at the size limit;
//     --only-markdown runs just these.
// The app runs in a child process (production build) so the load generator does not share its
// event loop. Options: --ideas N --votes N --seconds N (per phase); --phases peer,list,… (below) runs some of
// the app's phases only. Under each figure, the CPU milliseconds per request the app process(es),
// PostgreSQL's backends of the bench database and this load generator spent, and the rate one app process
// would reach on its CPU alone (scripts/lib/bench-cpu.ts): on a shared machine rates move ±30 % from run to
// run, CPU per request much less.
import { spawn } from "node:child_process";
import { BENCH_RATE_LIMITS } from "./lib/bench-rate-limits.ts";
import { apiListPhase } from "./lib/bench-api.ts";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "./lib/build.ts";
import {
  dropDatabase,
  ensureDatabaseExists,
  makeTempDir,
  freePort,
  startEmbeddedPostgres,
  withDatabase,
  type RunningDatabase,
} from "./lib/database.ts";
import {
  compareDiscovery,
  discoveryInChild,
  discoveryPhases,
  FIGURES_LINE,
  type DiscoveryFigures,
} from "./lib/bench-discovery.ts";
import { ideaPagePhase, seedDiscussion } from "./lib/bench-idea-page.ts";
import { markdownPhase } from "./lib/bench-markdown.ts";
import { peerPhase, peerSessions } from "./lib/bench-peer.ts";
import { realtimePhases } from "./lib/bench-realtime.ts";
import { browserVote, formVote } from "./lib/bench-vote.ts";
import { cpuMeter, formatCpu, type WindowStats } from "./lib/bench-cpu.ts";
import { applyMigrations } from "./lib/schema-engine.ts";
import { browserFetch } from "./lib/bench-http.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? Number(process.argv[i + 1]) : fallback;
};
const IDEAS = arg("ideas", 10_000);
const VOTES = arg("votes", 500_000);
const SECONDS = arg("seconds", 8);
const VOTERS = 20_000;
// One size or several, compared at the end: --discovery-ideas 100000,1000000
const listArg = (name: string, fallback: number[]) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? process.argv[i + 1]!.split(",").map(Number) : fallback;
};
const DISCOVERY_IDEAS = listArg("discovery-ideas", [100_000, 1_000_000]);
const KEEP_DISCOVERY = process.argv.includes("--keep-discovery");
const DISCOVERY_VOTES = arg("discovery-votes", 5_000_000);
const ONLY_DISCOVERY = process.argv.includes("--only-discovery");
const NO_DISCOVERY = process.argv.includes("--no-discovery");
// Some of the app's phases only, e.g. `--phases list,votes --no-discovery --seconds 3` to check a change to
// the bench itself: peer, list (with the discussed idea's page), api, votes, one-idea, processes, realtime.
const PHASES = process.argv.indexOf("--phases");
const phase = (name: string) => PHASES < 0 || process.argv[PHASES + 1]!.split(",").includes(name);
const SPACE = "space-emploi-store";

type Stats = WindowStats;
/** What load() meters: set to the running app processes and the database they serve. */
const cpu = cpuMeter();

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `task` from `concurrency` workers until `seconds` elapse or `limit` tasks ran. */
async function load(
  concurrency: number,
  seconds: number,
  task: (i: number, worker: number) => Promise<boolean>,
  limit = Infinity,
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const window = await cpu.begin();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline && next < limit) {
        const i = next++;
        const t0 = performance.now();
        const ok = await task(i, worker).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    cpu: await window.end(latencies.length),
  };
}

/** The machine's load average (1 min) when a figure is printed: figures from a busy machine are not comparable. */
const loadAverage = () => `load ${os.loadavg()[0]!.toFixed(2)}/${os.availableParallelism()} cores`;

/** A figure's line, then (when measured) its CPU per request on the next line; `note` ends the first line. */
const fmt = (s: Stats, note = "") =>
  `${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  (${s.count} in ${s.seconds.toFixed(1)} s, ${s.errors} errors; ${loadAverage()})${note && `  ${note}`}${formatCpu(s.cpu)}`;

async function seed(client: pg.Client) {
  const t0 = performance.now();
  await client.query(`insert into users (id, email, display_name, password_hash, role, updated_at)
    select 'bench-u' || g, 'bench' || g || '@example.test', 'Votant ' || g, 'x', 'PUBLIC', now()
      from generate_series(1, ${VOTERS}) g`);
  await client.query(`insert into ideas (id, space_id, author_id, title, body, summary, tags, created_at, updated_at)
    select 'bench-i' || g, '${SPACE}', 'bench-u' || (1 + g % ${VOTERS}),
           'Idée numéro ' || g || ' pour améliorer l''accueil des demandeurs d''emploi',
           repeat('Une description **markdown** de l''idée, avec un constat et une proposition. ', 6),
           left(repeat('Une description markdown de l''idée, avec un constat et une proposition. ', 6), 220),
           array['accueil', 'numérique'], now() - (g || ' minutes')::interval, now()
      from generate_series(1, ${IDEAS}) g`);
  // Skewed popularity: low-numbered ideas get most votes. Distinct (idea, user) pairs.
  await client.query(`insert into votes (idea_id, user_id)
    select 'bench-i' || (1 + (floor(power(random(), 3) * ${IDEAS}))::int), 'bench-u' || (1 + (g % ${VOTERS}))
      from generate_series(1, ${Math.round(VOTES * 1.15)}) g
    on conflict do nothing`);
  await client.query(`delete from votes where ctid in (select ctid from votes offset ${VOTES})`);
  await client.query(`update ideas i set support_count = c.n
      from (select idea_id, count(*)::int n from votes group by idea_id) c where c.idea_id = i.id`);
  await client.query("truncate idea_counter_deltas");
  await seedDiscussion(client);
  await client.query("vacuum analyze");
  const { rows } = await client.query("select count(*)::int as n from votes");
  console.log(
    `Seeded ${IDEAS} ideas, ${VOTERS} people, ${rows[0].n} votes in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
  );
}

async function stopApp(child: ReturnType<typeof spawn>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
}

async function main() {
  if (!process.argv.includes("--discovery-size")) markdownPhase();
  if (process.argv.includes("--only-markdown")) return;
  buildIfNeeded();
  let server: RunningDatabase;
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) server = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  else {
    tmp = makeTempDir("idees-bench-pg-");
    server = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "data"),
      persistent: false,
      log: process.env.BENCH_PG_LOG ? (l) => console.log("PG:", l.trim()) : undefined,
    });
  }
  const database = `idees_bench_${process.pid}`;
  const url = withDatabase(server.url, database);
  const apps: ReturnType<typeof spawn>[] = [];
  try {
    // Each size runs in a child process of its own: the app's database module serves one database per process.
    const discovery = async () => {
      const figures: DiscoveryFigures[] = [];
      for (const [n, ideas] of DISCOVERY_IDEAS.entries())
        figures.push(await discoveryInChild({ serverUrl: server.url, ideas, indicators: n === 0, argv: process.argv }));
      compareDiscovery(figures, loadAverage);
    };
    const size = process.argv.indexOf("--discovery-size");
    if (size > -1) {
      const figures = await discoveryPhases({
        serverUrl: server.url,
        ideas: Number(process.argv[size + 1]),
        votes: DISCOVERY_VOTES,
        seconds: SECONDS,
        load,
        fmt,
        watchCpu: cpu.watch,
        keep: KEEP_DISCOVERY,
        indicators: process.argv.includes("--indicators"),
      });
      console.log(`${FIGURES_LINE}${JSON.stringify(figures)}`);
      return;
    }
    if (ONLY_DISCOVERY) {
      await discovery();
      return;
    }
    await dropDatabase(server.url, database);
    await ensureDatabaseExists(server.url, database);
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {}); // a failure surfaces through the failing query instead
    await client.connect();
    await seed(client);

    // Sessions for the voters, created through the app's own session code.
    process.env.DATABASE_URL = url;
    const { createSession } = await import("~/auth/session.server.ts");
    const { disconnectDatabase } = await import("~/lib/db.server.ts");
    const tokens = await peerSessions(client, createSession);

    const profile = process.argv.includes("--profile") ? ["--cpu-prof", "--cpu-prof-dir=.bench/profiles"] : [];
    const startApp = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [...profile, "--import", "tsx", "server.ts"], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          DATABASE_URL: url,
          DATABASE_POOL_SIZE: "20",
          RATE_LIMITS: BENCH_RATE_LIMITS,
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      apps.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
        child.once("exit", (code) => reject(new Error(`app exited with ${code}`)));
      });
      return port;
    };
    const port = await startApp();
    const running = (child: ReturnType<typeof spawn>) => child.exitCode === null && child.signalCode === null;
    cpu.watch({ apps: () => apps.filter(running).map((child) => child.pid), serverUrl: server.url, database });
    const base = `http://127.0.0.1:${port}`;
    const cookie = (i: number) => `idees_session=${tokens[i % tokens.length]}`;

    // Warm-up
    await load(8, 2, async () => (await browserFetch(`${base}/espaces/emploi-store-idees?tri=top`)).ok);
    if (phase("peer")) await peerPhase({ base, url, ideas: IDEAS, tokens, seconds: SECONDS, load, fmt, loadAverage });
    await disconnectDatabase();

    if (phase("list")) {
      console.log(
        `\nOne app process. List page (anonymous, "most supported", 20 ideas with exact counts), concurrency 16:`,
      );
      const list = await load(16, SECONDS, async () => {
        const res = await browserFetch(`${base}/espaces/emploi-store-idees?tri=top`);
        await res.arrayBuffer();
        return res.ok;
      });
      console.log(`  app        ${fmt(list)}`);
      console.log(`  → ${(list.rps / 27).toFixed(1)}× the reference board's ~27 pages/s (target ≥ 10×)`);
      await ideaPagePhase({ base, seconds: SECONDS, list, ideas: IDEAS, load, fmt, loadAverage });
    }
    if (phase("api")) await apiListPhase({ base, seconds: SECONDS, load, fmt });

    const rawPool = new pg.Pool({ connectionString: url, max: 20 });
    if (phase("votes")) {
      console.log(
        `\nVotes through the app (signed in, policy check, insert; a browser's exchange, scripts/lib/bench-vote.ts), concurrency 64:`,
      );
      const pairs: [string, string][] = [];
      const votesApp = await load(64, SECONDS, async (i) => {
        const ideaIndex = 1 + Math.floor(Math.random() * IDEAS);
        const userIndex = i % tokens.length;
        pairs.push([`bench-i${ideaIndex}`, `bench-u${userIndex + 1}`]);
        return browserVote({ base, cookie: cookie(userIndex), ideaId: `bench-i${ideaIndex}`, intent: "support" });
      });
      console.log(`  app        ${fmt(votesApp, "with JavaScript: POST .data → state")}`);
      // The same load as a browser without JavaScript: the form's POST, answered 303 (the page not followed).
      // Other people (the second half of the sessions), so that these votes insert rows too.
      const votesForm = await load(64, SECONDS, async (i) => {
        const ideaIndex = 1 + Math.floor(Math.random() * IDEAS);
        const userIndex = Math.floor(tokens.length / 2) + (i % Math.ceil(tokens.length / 2));
        return formVote({ base, cookie: cookie(userIndex), ideaId: `bench-i${ideaIndex}`, intent: "support" });
      });
      console.log(`  app        ${fmt(votesForm, "without JavaScript: form POST → 303")}`);

      // The same rows with raw pg: remove them, then insert them again as fast as pg allows.
      await rawPool.query(
        "delete from votes where (idea_id, user_id) in (select * from unnest($1::text[], $2::text[]))",
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      // As long as the app phase: the same rows first, then fresh (idea, voter) pairs, so the baseline is
      // timed over the same duration as the figure it is compared with (not 340 inserts in 0.4 s).
      const votesRaw = await load(64, SECONDS, async (i) => {
        const [ideaId, userId] = pairs[i] ?? [
          `bench-i${1 + Math.floor(Math.random() * IDEAS)}`,
          `bench-u${1 + (i % VOTERS)}`,
        ];
        await rawPool.query("insert into votes (idea_id, user_id) values ($1, $2) on conflict do nothing", [
          ideaId,
          userId,
        ]);
        return true;
      });
      console.log(`  raw pg     ${fmt(votesRaw)}`);
      console.log(
        `  → the app reaches ${((votesApp.rps / votesRaw.rps) * 100).toFixed(0)}% of raw inserts; ${(votesApp.rps / 85).toFixed(1)}× the reference board's ~85 votes/s (target ≥ 10×)`,
      );
    }

    if (phase("one-idea")) {
      console.log(`\n64 concurrent voters on ONE idea (support, then withdraw, repeatedly):`);
      const hot = "bench-i1";
      const supported = new Array<boolean>(64).fill(false);
      // One voter per connection, so that a voter's support and withdrawal never race each other (the
      // support box sends one click at a time); `i % 64` gave two connections the same voter, and the
      // answer's state could then be the other request's (counted as an error since ADR 0056's check).
      const hotStats = await load(64, SECONDS, async (_i, voter) => {
        supported[voter] = !supported[voter];
        const intent = supported[voter] ? "support" : "unsupport";
        return browserVote({ base, cookie: cookie(1000 + voter), ideaId: hot, intent });
      });
      console.log(`  app        ${fmt(hotStats)}`);
      const { rows } = await rawPool.query(
        `select (select count(*)::int from votes where idea_id = $1) as truth,
              (select supports from idees_exact_counts($1)) as shown`,
        [hot],
      );
      console.log(
        `  exact count check: votes rows ${rows[0].truth}, shown count ${rows[0].shown} → ${rows[0].truth === rows[0].shown ? "exact" : "MISMATCH"}`,
      );
    }

    // The same list and vote load spread over one process per core, as the app is deployed behind a
    // load balancer (it is built for several processes: shared sessions, counters folded with SKIP
    // LOCKED, realtime through the PostgreSQL adapter). One process uses one core; PostgreSQL and
    // this load generator share the machine with them.
    if (phase("processes")) {
      const processes = Math.max(2, Math.min(os.availableParallelism(), 4));
      const bases = [base];
      while (bases.length < processes) bases.push(`http://127.0.0.1:${await startApp()}`);
      await load(
        8,
        2,
        async (i) => (await browserFetch(`${bases[i % bases.length]}/espaces/emploi-store-idees?tri=top`)).ok,
      );
      console.log(`\n${processes} app processes (one per core, requests spread evenly as a load balancer would):`);
      const listMany = await load(16, SECONDS, async (i) => {
        const res = await browserFetch(`${bases[i % bases.length]}/espaces/emploi-store-idees?tri=top`);
        await res.arrayBuffer();
        return res.ok;
      });
      console.log(`  list pages ${fmt(listMany)}`);
      console.log(`  → ${(listMany.rps / 27).toFixed(1)}× the reference board's ~27 pages/s (target ≥ 10×)`);
      const votesMany = await load(64, SECONDS, async (i) => {
        const ideaIndex = 1 + Math.floor(Math.random() * IDEAS);
        const userIndex = i % tokens.length;
        const intent = i % 2 ? "support" : "unsupport";
        return browserVote({
          base: bases[i % bases.length]!,
          cookie: cookie(userIndex),
          ideaId: `bench-i${ideaIndex}`,
          intent,
        });
      });
      console.log(`  votes      ${fmt(votesMany)}`);
      console.log(`  → ${(votesMany.rps / 85).toFixed(1)}× the reference board's ~85 votes/s (target ≥ 10×)`);
      await Promise.all(apps.slice(1).map(stopApp));
    }

    if (phase("realtime")) await realtimePhases({ databaseUrl: url, db: client, cookie });
    await rawPool.end();
    await client.end();
    await Promise.all(apps.map(stopApp));
    await dropDatabase(server.url, database).catch(() => {});
    if (!NO_DISCOVERY) await discovery();
  } finally {
    await Promise.all(apps.map(stopApp));
    await dropDatabase(server.url, database).catch(() => {});
    await server.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
