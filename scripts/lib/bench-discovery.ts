// Discovery figures for `npm run bench` (docs/decisions/0011-search-and-ranking.md), on their own
// database at agency scale (default 100k ideas, 5M votes, realistic French texts from scale-data.ts):
//   - the "hot" list page: req/s and p95 through the app, and the very same statement with raw pg
//   - search p95 through the app over a fixed query set that includes very common words
//   - similar-idea suggestions p95 through the app (what the propose form asks while typing)
//   - the managers' indicators page and a full ideas CSV export, after a pipeline history is added
//     (scripts/lib/bench-indicators.ts), at the first size only (issue 15 asks for it at 100k ideas)
// Several sizes run one after the other (`--discovery-ideas 100000,1000000`) and are compared at the end
// (docs/decisions/0034-search-at-a-million.md). `--keep-discovery` keeps each database
// (idees_bench_disc_<ideas>) and a later run reuses it instead of seeding again: a million ideas take
// ~15 minutes to seed on a busy 2-core machine.
import { spawn } from "node:child_process";
import pg from "pg";
import { dropDatabase, ensureDatabaseExists, freePort, quoteIdent, withDatabase } from "./database.ts";
import { appCpuRatio, type CpuTarget, type WindowStats } from "./bench-cpu.ts";
import { indicatorsPhase } from "./bench-indicators.ts";
import { seedScale } from "./scale-data.ts";
import { applyMigrations } from "./schema-engine.ts";
import { browserFetch } from "./bench-http.ts";

type Stats = WindowStats;
type Load = (
  concurrency: number,
  seconds: number,
  task: (i: number) => Promise<boolean>,
  limit?: number,
) => Promise<Stats>;

/** Fixed, in this order; the first three are words most ideas contain. */
export const SEARCH_QUERIES = [
  "emploi",
  "agence",
  "les demandeurs",
  "accueil en agence",
  '"prise de rendez-vous"',
  "formation -jeunes",
  "numerique",
  "reseau des partenaires",
  "mobilité zone rurale",
  "entretiens d'embauche",
  "CV",
  "seniors entreprises",
  "apprentissage outre-mer",
  "indemnisation sms",
  "immersions",
  "validation acquis",
];

export const SIMILAR_TITLES = [
  "Simplifier l'inscr",
  "Améliorer l'accueil en agence",
  "rendez-vous en ligne",
  "Aides à la mobilité pour les jeunes",
  "CV numérique seniors",
  "Un référent unique",
  "Moderniser les bornes",
  "salons de recrutement en zone rurale",
];

/** What one size measured, for the comparison across sizes. */
export type DiscoveryFigures = {
  ideas: number;
  hotApp: Stats;
  hotRaw: Stats;
  search: Stats;
  searchAlone: Stats;
  similar: Stats;
  similarAlone: Stats;
};

export async function discoveryPhases(options: {
  serverUrl: string;
  ideas: number;
  votes: number;
  seconds: number;
  load: Load;
  fmt: (s: Stats, note?: string) => string;
  /** What load() meters CPU of: set to this size's app and database, cleared at the end. */
  watchCpu: (target: CpuTarget | null) => void;
  /** Keep the database for a later run (and reuse one left by an earlier run). */
  keep: boolean;
  /** The indicators page and CSV export (slow to prepare at a million ideas). */
  indicators: boolean;
}): Promise<DiscoveryFigures> {
  const { serverUrl, seconds, load, fmt } = options;
  const database = options.keep ? `idees_bench_disc_${options.ideas}` : `idees_bench_disc_${process.pid}`;
  const url = withDatabase(serverUrl, database);
  let child: ReturnType<typeof spawn> | null = null;
  try {
    // A kept database is reused only when its seed ran to the end (marked below): one interrupted while
    // seeding (a million ideas take an hour or more on a busy machine) holds part of the ideas and would
    // otherwise be measured as if complete.
    if (!options.keep || !(await seededMark(serverUrl, database))) await dropDatabase(serverUrl, database);
    await ensureDatabaseExists(serverUrl, database);
    const t0 = performance.now();
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    await client.connect();
    const { rows: present } = await client.query<{ n: number }>("select count(*)::int as n from ideas");
    if (present[0]!.n > 0) {
      console.log(
        `\nDiscovery at scale: reusing ${database} (${present[0]!.n.toLocaleString("en")} ideas; migrations brought up to date in ${((performance.now() - t0) / 1000).toFixed(1)} s).`,
      );
    } else {
      console.log(
        `\nDiscovery at scale: seeding ${options.ideas.toLocaleString("en")} ideas and ~${options.votes.toLocaleString("en")} votes (realistic French texts)…`,
      );
      const seeded = await seedScale(client, { ideas: options.ideas, votes: options.votes, prefix: "b-" });
      console.log(
        `Seeded ${seeded.ideas} ideas, ${seeded.people} people, ${seeded.votes} votes, ${seeded.comments} comments in ${seeded.seconds.toFixed(0)} s.`,
      );
      await client.query(`comment on database ${quoteIdent(database)} is '${SEEDED_MARK}'`);
    }
    // A database seeded before the seed folded its stage deltas (scale-data.ts) holds their dead rows; CI's
    // PostgreSQL has no autovacuum to reclaim them, and every list page and home page reads that table.
    await client.query("vacuum space_stage_count_deltas");
    const spaceIdeas = await client.query<{ n: number }>(
      "select count(*)::int as n from ideas where space_id = 'space-emploi-store'",
    );

    const port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: url, DATABASE_POOL_SIZE: "20" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
      child!.once("exit", (code) => reject(new Error(`app exited with ${code}`)));
    });
    const app = child;
    options.watchCpu({ apps: () => [app.pid], serverUrl, database });
    const base = `http://127.0.0.1:${port}`;
    const get = async (path: string) => {
      const res = await browserFetch(`${base}${path}`);
      await res.arrayBuffer();
      return res.ok;
    };
    await load(8, 2, () => get("/espaces/emploi-store-idees"));

    console.log(
      `\n"Hot" list page of Emploi Store Idées (${spaceIdeas.rows[0]!.n} ideas; the default sort; anonymous), concurrency 16:`,
    );
    const hotApp = await load(16, seconds, () => get("/espaces/emploi-store-idees"));
    console.log(`  app        ${fmt(hotApp)}`);
    process.env.DATABASE_URL = url;
    const { ideaListQuery } = await import("~/models/idea-list.server.ts");
    const { disconnectDatabase } = await import("~/lib/db.server.ts");
    const statement = ideaListQuery({ spaceId: "space-emploi-store", viewerId: null, sort: "hot", cursor: null });
    const rawPool = new pg.Pool({ connectionString: url, max: 20 });
    const hotRaw = await load(
      16,
      seconds,
      async () => (await rawPool.query(statement.text, statement.values)).rowCount === 21,
    );
    console.log(`  raw pg     ${fmt(hotRaw, " (the same statement)")}`);
    console.log(
      `  → the app serves ${((hotApp.rps / hotRaw.rps) * 100).toFixed(0)}% of the raw query rate (the page adds rendering, session and root loaders)`,
    );
    if (options.indicators) await indicatorsPhase({ client, base, seconds, load, fmt });

    console.log(
      `\nSearch through the app (/recherche, anonymous), ${SEARCH_QUERIES.length} fixed queries in turn, concurrency 8:`,
    );
    const perQuery = new Map<string, number[]>();
    const search = await load(8, seconds * 2, async (i) => {
      const q = SEARCH_QUERIES[i % SEARCH_QUERIES.length]!;
      const t0 = performance.now();
      const ok = await get(`/recherche?q=${encodeURIComponent(q)}`);
      const list = perQuery.get(q) ?? [];
      list.push(performance.now() - t0);
      perQuery.set(q, list);
      return ok;
    });
    console.log(`  all        ${fmt(search)}`);
    for (const q of SEARCH_QUERIES.slice(0, 4)) {
      const list = (perQuery.get(q) ?? []).sort((a, b) => a - b);
      const { rows } = await rawPool.query<{ n: number }>(
        "select count(*)::int as n from ideas where search_vector @@ websearch_to_tsquery('fr_unaccent', idees_fr_normalize($1)) and space_id = 'space-emploi-store'",
        [q],
      );
      console.log(
        `  ${JSON.stringify(q).padEnd(22)} p95 ${list[Math.floor(0.95 * (list.length - 1))]?.toFixed(1)} ms  (${rows[0]!.n} matching ideas)`,
      );
    }

    // One person searching alone: the latency a search costs without queueing behind others.
    const searchAlone = await load(1, seconds, (i) =>
      get(`/recherche?q=${encodeURIComponent(SEARCH_QUERIES[i % SEARCH_QUERIES.length]!)}`),
    );
    console.log(`  alone      ${fmt(searchAlone, " (concurrency 1)")}`);

    console.log(
      `\nSimilar ideas while typing (/api/idees-similaires, ${SIMILAR_TITLES.length} titles in turn), concurrency 8:`,
    );
    const similarUrl = (i: number) =>
      `/api/idees-similaires?espace=emploi-store-idees&titre=${encodeURIComponent(SIMILAR_TITLES[i % SIMILAR_TITLES.length]!)}&texte=`;
    const similar = await load(8, seconds, (i) => get(similarUrl(i)));
    console.log(`  app        ${fmt(similar)}`);
    const similarAlone = await load(1, seconds, (i) => get(similarUrl(i)));
    console.log(`  alone      ${fmt(similarAlone, " (concurrency 1: one person typing)")}`);
    await rawPool.end();
    await disconnectDatabase();
    await client.end();
    return { ideas: options.ideas, hotApp, hotRaw, search, searchAlone, similar, similarAlone };
  } finally {
    options.watchCpu(null);
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    if (!options.keep) await dropDatabase(serverUrl, database).catch(() => {});
  }
}

const SEEDED_MARK = "idees bench: seed complete";

/** Whether `database` exists and its seed completed (the mark set after seedScale returned). */
async function seededMark(serverUrl: string, database: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ mark: string | null }>(
      "select shobj_description(oid, 'pg_database') as mark from pg_database where datname = $1",
      [database],
    );
    return rows[0]?.mark === SEEDED_MARK;
  } finally {
    await admin.end();
  }
}

export const FIGURES_LINE = "DISCOVERY-FIGURES ";

/**
 * One size, in a child `scripts/bench.ts --discovery-size N` on the same PostgreSQL server: its output is
 * passed through, and its figures come back on one tagged line.
 */
export async function discoveryInChild(options: {
  serverUrl: string;
  ideas: number;
  indicators: boolean;
  argv: string[];
}): Promise<DiscoveryFigures> {
  const passed = ["--seconds", "--discovery-votes"].flatMap((name) => {
    const i = options.argv.indexOf(name);
    return i > -1 ? [name, options.argv[i + 1]!] : [];
  });
  if (options.argv.includes("--keep-discovery")) passed.push("--keep-discovery");
  if (options.indicators) passed.push("--indicators");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/bench.ts", "--discovery-size", String(options.ideas), ...passed],
    { env: { ...process.env, DATABASE_URL: options.serverUrl }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let figures: DiscoveryFigures | null = null;
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith(FIGURES_LINE)) figures = JSON.parse(line.slice(FIGURES_LINE.length)) as DiscoveryFigures;
      else console.log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (!figures) throw new Error(`The discovery run at ${options.ideas} ideas ended (${code}) without figures`);
  return figures;
}

/** The scale targets of issue 18, as ratios and p95s measured in this run. */
export function compareDiscovery(figures: DiscoveryFigures[], loadAverage: () => string) {
  if (!figures.length) return;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`\nDiscovery across sizes (${loadAverage()}):`);
  console.log("  ideas       hot app/s  hot raw/s  app/raw  search p95 (1 / 8 users)  similar p95 (1 / 8 users)");
  for (const f of figures)
    console.log(
      `  ${f.ideas.toLocaleString("en").padEnd(10)}  ${f.hotApp.rps.toFixed(0).padStart(9)}  ${f.hotRaw.rps.toFixed(0).padStart(9)}  ${((f.hotApp.rps / f.hotRaw.rps) * 100).toFixed(0).padStart(6)}%  ${ms(f.searchAlone.p95).padStart(11)} / ${ms(f.search.p95).padEnd(11)}  ${ms(f.similarAlone.p95).padStart(12)} / ${ms(f.similar.p95)}`,
    );
  const small = figures[0]!;
  const big = figures.at(-1)!;
  console.log(
    `  → hot list through the app: ${((small.hotApp.rps / small.hotRaw.rps) * 100).toFixed(0)}% of the raw statement at ${small.ideas.toLocaleString("en")} ideas (target ≥ 30%)`,
  );
  const byCpu = appCpuRatio(big.hotApp.cpu, small.hotApp.cpu);
  if (big !== small)
    console.log(
      `  → hot list at ${big.ideas.toLocaleString("en")} ideas: ${((big.hotApp.rps / small.hotApp.rps) * 100).toFixed(0)}% of its rate at ${small.ideas.toLocaleString("en")} (target ≥ 80%)${byCpu && `; ${byCpu}`}`,
    );
  console.log(
    `  → search at ${big.ideas.toLocaleString("en")} ideas: p95 ${ms(big.searchAlone.p95)} alone (target < 50 ms), ${ms(big.search.p95)} with 8 users (target < 100 ms); similar ideas p95 ${ms(big.similar.p95)} with 8 users (target < 50 ms)`,
  );
}
