// CPU milliseconds per request for `npm run bench` (issue 18, item 7). On a shared 2-core machine a rate
// moves ±30 % from run to run with what else runs; the CPU a request costs moves much less. Every measured
// window of the bench's load() is metered here, and its figure line is followed by one line:
//   - the app: utime + stime of each app process (/proc/<pid>/stat is the whole process, all its threads),
//     plus cutime + cstime (children it reaped; the app starts none today);
//   - PostgreSQL: every process pg_stat_activity lists for the bench's database (client backends,
//     autovacuum workers), sampled at the start, every second, and at the end of the window. A backend
//     present at the start counts from its value then; one that appears later counts from zero (it was
//     started during the window, for the load); one that goes counts up to its last sample (up to a second
//     of its CPU is missed, and a parallel worker that lives less than a second is not seen at all). A
//     process is known by pid and start time, so a reused pid is another process. Only processes whose
//     name is "postgres" are read: a server on another machine or in another pid namespace gives no figure;
//   - the load generator: process.cpuUsage() of this process (it includes the meter's sampling).
// From the app's figure, the ceiling one app process would reach if its CPU were the only limit: 1000 / app
// ms per request. Without /proc (not Linux) nothing is measured and nothing is printed.
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { withDatabase } from "./database.ts";

/** /proc reports times in USER_HZ, 100 per second on every architecture Node runs on (x86, arm, ppc, s390). */
export const TICKS_PER_SECOND = 100;
/** Under this much app CPU in a window (0.1 s) the tick resolution (10 ms) is ±10 %: no ceiling is derived. */
const CEILING_MIN_TICKS = 10;
const SAMPLE_EVERY_MS = 1000;

export type ProcStat = { pid: number; comm: string; ppid: number; ticks: number; startTicks: number };

/**
 * One /proc/<pid>/stat line. The command name is in parentheses and may hold spaces and parentheses itself,
 * so the fields are counted from the LAST ")". Ticks are utime + stime + cutime + cstime (fields 14–17).
 */
export function parseProcStat(line: string): ProcStat | null {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 1 || close < open) return null;
  const fields = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(fields[n - 3]); // fields[0] is field 3, the state
  const pid = Number(line.slice(0, open));
  const numbers = [pid, field(4), field(14), field(15), field(16), field(17), field(22)];
  if (!numbers.every(Number.isInteger)) return null;
  const [, ppid, utime, stime, cutime, cstime, startTicks] = numbers as [number, ...number[]];
  return {
    pid,
    comm: line.slice(open + 1, close),
    ppid: ppid!,
    ticks: utime! + stime! + cutime! + cstime!,
    startTicks: startTicks!,
  };
}

/** Ticks of a set of processes at one moment, by "pid:start time". */
export type Sample = Map<string, number>;

/**
 * Ticks spent over a window by the processes of its samples (the first taken at its start, the last at its
 * end): each counts from its value in the first sample, or from zero if it appeared later, up to its value
 * in the last sample it is in (so one that went is counted up to then).
 */
export function ticksSpent(samples: Sample[]) {
  const [first, last] = [samples[0] ?? new Map<string, number>(), samples.at(-1) ?? new Map<string, number>()];
  const latest: Sample = new Map();
  for (const sample of samples) for (const [key, ticks] of sample) latest.set(key, ticks);
  let ticks = 0;
  for (const [key, value] of latest) ticks += Math.max(0, value - (first.get(key) ?? 0));
  const appeared = [...latest.keys()].filter((key) => !first.has(key)).length;
  const gone = [...latest.keys()].filter((key) => !last.has(key)).length;
  return { ticks, processes: latest.size, appeared, gone };
}

export type CpuPerRequest = {
  requests: number;
  app: { ms: number; ticks: number; processes: number } | null;
  postgres: { ms: number; backends: number; appeared: number; gone: number } | null;
  bench: { ms: number };
};

/** The figures of one measured window (load() in scripts/bench.ts), with its CPU per request when metered. */
export type WindowStats = {
  count: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  cpu?: CpuPerRequest | null;
};

/** Per request; null when no request completed (nothing to divide by). */
export function perRequest(window: {
  requests: number;
  app: ReturnType<typeof ticksSpent> | null;
  postgres: ReturnType<typeof ticksSpent> | null;
  benchMicros: number;
}): CpuPerRequest | null {
  const { requests, app, postgres } = window;
  if (!(requests > 0)) return null;
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND / requests;
  return {
    requests,
    app: app && app.processes > 0 ? { ms: ms(app.ticks), ticks: app.ticks, processes: app.processes } : null,
    postgres:
      postgres && postgres.processes > 0
        ? { ms: ms(postgres.ticks), backends: postgres.processes, appeared: postgres.appeared, gone: postgres.gone }
        : null,
    bench: { ms: window.benchMicros / 1000 / requests },
  };
}

const PAD = " ".repeat(13);

/** The line printed under a figure (with its line break), or "" when nothing was measured. */
export function formatCpu(cpu: CpuPerRequest | null | undefined): string {
  if (!cpu) return "";
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const parts: string[] = [];
  if (cpu.app) {
    const ceiling =
      cpu.app.ticks >= CEILING_MIN_TICKS && cpu.app.ms > 0
        ? ` → ≤ ${(1000 / cpu.app.ms).toFixed(0)}/s per app process`
        : " (idle)";
    const processes = cpu.app.processes > 1 ? ` over ${cpu.app.processes} processes` : "";
    parts.push(`app ${ms(cpu.app.ms)}${processes}${ceiling}`);
  }
  if (cpu.postgres) {
    const { backends, appeared, gone } = cpu.postgres;
    const churn = appeared || gone ? `, ${appeared} opened, ${gone} closed` : "";
    parts.push(`PostgreSQL ${ms(cpu.postgres.ms)} (${backends} backends${churn})`);
  } else parts.push("PostgreSQL not seen on this machine");
  parts.push(`bench ${ms(cpu.bench.ms)}`);
  return `\n${PAD}CPU per request: ${parts.join(" · ")}`;
}

/**
 * The rate ratio of `figure` to `reference` that the app's CPU per request implies (reference ms / figure
 * ms: what a rate ratio would be if the app's CPU were the only limit), for a ratio line; "" when either
 * figure has no app CPU.
 */
export function appCpuRatio(figure: CpuPerRequest | null | undefined, reference: CpuPerRequest | null | undefined) {
  if (!figure?.app || !reference?.app || !(figure.app.ms > 0)) return "";
  return `${(reference.app.ms / figure.app.ms).toFixed(2)}× by the app's CPU per request (${figure.app.ms.toFixed(2)} ms against ${reference.app.ms.toFixed(2)} ms)`;
}

function readSample(proc: string, pids: Iterable<number | undefined>, comm?: string): Sample {
  const sample: Sample = new Map();
  for (const pid of pids) {
    if (pid === undefined) continue;
    let line: string;
    try {
      line = readFileSync(`${proc}/${pid}/stat`, "utf8");
    } catch {
      continue; // gone
    }
    const stat = parseProcStat(line);
    if (stat && (!comm || stat.comm === comm)) sample.set(`${stat.pid}:${stat.startTicks}`, stat.ticks);
  }
  return sample;
}

/** What is metered: the app processes (read at each sample) and the bench's database. */
export type CpuTarget = { apps: () => (number | undefined)[]; serverUrl: string; database: string };

/** One meter per bench process; `watch` names what to meter, each `begin()` opens a window. */
export function cpuMeter(proc = "/proc") {
  let target: CpuTarget | null = null;
  const available = existsSync(`${proc}/self/stat`);
  return {
    watch(next: CpuTarget | null) {
      target = next;
    },
    /** Samples now; `end(requests)` samples again and gives the figures (null when there is nothing to give). */
    async begin(): Promise<{ end: (requests: number) => Promise<CpuPerRequest | null> }> {
      const watched = target;
      if (!available || !watched) return { end: async () => null };
      const admin = new pg.Client({ connectionString: withDatabase(watched.serverUrl, "postgres") });
      admin.on("error", () => {}); // a failed sample is a missing figure, not a failed bench
      const samples: { app: Sample; postgres: Sample }[] = [];
      const sample = async () => {
        const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [
          watched.database,
        ]);
        samples.push({
          app: readSample(proc, watched.apps()),
          postgres: readSample(
            proc,
            rows.map((r) => r.pid),
            "postgres",
          ),
        });
      };
      try {
        await admin.connect();
        await sample();
      } catch {
        await admin.end().catch(() => {});
        return { end: async () => null };
      }
      let pending = Promise.resolve();
      const timer = setInterval(() => (pending = pending.then(sample).catch(() => {})), SAMPLE_EVERY_MS);
      const cpu = process.cpuUsage();
      return {
        async end(requests) {
          const used = process.cpuUsage(cpu);
          clearInterval(timer);
          try {
            await pending;
            await sample();
          } catch {
            return null;
          } finally {
            await admin.end().catch(() => {});
          }
          return perRequest({
            requests,
            app: ticksSpent(samples.map((s) => s.app)),
            postgres: ticksSpent(samples.map((s) => s.postgres)),
            benchMicros: used.user + used.system,
          });
        },
      };
    },
  };
}
