// Realtime phases of `npm run bench` (scripts/bench.ts), run against the same app process after the
// HTTP phases (docs/decisions/0005-realtime.md):
//   1. latency from a vote POST to the updated count arriving at other clients, 1,000 sockets connected;
//   2. one broadcast to 10,000 sockets: time until the last one has it, next to a bare socket.io server
//      (no app, same machine, same event name and payload size);
//   3. resident memory (VmRSS) per connected socket, for the app and for the bare server.
// Sockets are socket.io-client WebSocket connections held by helper processes (bench-sockets.ts). The
// app runs in a fresh process for these phases (same build, same database), so that its memory is
// measured from the same starting point as the bare server's.
import { spawn, type ChildProcess } from "node:child_process";
import { BENCH_RATE_LIMITS } from "./bench-rate-limits.ts";
import { browserVote } from "./bench-vote.ts";
import { readFileSync } from "node:fs";
import type pg from "pg";
import { freePort } from "./database.ts";

type Received = Record<string, { first: number; last: number; n: number }>;
type Reply = { type: string; connected?: number; failed?: number; ms?: number; received?: Received };

const CLIENT_PROCESSES = 2;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pcts = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(percentile(sorted, 99))}`;
};

/** VmRSS of a process, in bytes. */
function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? NaN) * 1024;
}

class SocketHolders {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count = CLIENT_PROCESSES): Promise<SocketHolders> {
    const children = Array.from({ length: count }, () =>
      spawn(process.execPath, ["--import", "tsx", "scripts/lib/bench-sockets.ts"], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    await Promise.all(children.map((child) => next(child, "ready")));
    return new SocketHolders(children);
  }

  /** Opens `total` sockets, split between the helper processes, each joining `rooms`. */
  async connect(url: string, origin: string, total: number, rooms: string[]) {
    const each = Math.ceil(total / this.children.length);
    const replies = await Promise.all(
      this.children.map((child) => {
        const reply = next(child, "connected");
        child.send({ type: "connect", url, origin, count: each, rooms });
        return reply;
      }),
    );
    return {
      connected: replies.reduce((s, r) => s + (r.connected ?? 0), 0),
      failed: replies.reduce((s, r) => s + (r.failed ?? 0), 0),
      seconds: Math.max(...replies.map((r) => r.ms ?? 0)) / 1000,
    };
  }

  /** What every process received since the last report, merged: per "ideaId:supports", first and last receipt. */
  async report(): Promise<Received> {
    const replies = await Promise.all(
      this.children.map((child) => {
        const reply = next(child, "report");
        child.send({ type: "report" });
        return reply;
      }),
    );
    const merged: Received = {};
    for (const reply of replies) {
      for (const [key, r] of Object.entries(reply.received ?? {})) {
        const m = merged[key];
        merged[key] = m
          ? { first: Math.min(m.first, r.first), last: Math.max(m.last, r.last), n: m.n + r.n }
          : { ...r };
      }
    }
    return merged;
  }

  async close() {
    await Promise.all(
      this.children.map((child) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.send({ type: "close" });
        return Promise.race([exited, sleep(5000).then(() => child.kill("SIGKILL"))]);
      }),
    );
  }
}

function next(child: ChildProcess, type: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Reply) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`socket helper exited with ${code}`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** Starts `node --import tsx <script>` and waits for "listening" on its standard output. */
async function startServer(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** For each vote k (sent at sent[k-1]): the first event carrying a count ≥ k, when it first and last arrived. */
function voteLatencies(received: Received, ideaId: string, sent: { k: number; t0: number }[], sockets: number) {
  const events = Object.entries(received)
    .filter(([key]) => key.startsWith(`${ideaId}:`))
    .map(([key, r]) => ({ value: Number(key.slice(ideaId.length + 1)), ...r }))
    .sort((a, b) => a.value - b.value);
  const first: number[] = [];
  const last: number[] = [];
  let missing = 0;
  let incomplete = 0;
  for (const { k, t0 } of sent) {
    const carrying = events.filter((e) => e.value >= k);
    if (!carrying.length) {
      missing++;
      continue;
    }
    const earliest = carrying.reduce((a, b) => (b.first < a.first ? b : a));
    first.push(earliest.first - t0);
    last.push(earliest.last - t0);
    if (earliest.n < sockets) incomplete++;
  }
  return { first, last, missing, incomplete, broadcasts: events.length };
}

/** A vote as a browser with JavaScript sends it (scripts/lib/bench-vote.ts). */
async function vote(base: string, origin: string, cookie: string, ideaId: string) {
  if (!(await browserVote({ base, origin, cookie, ideaId, intent: "support" })))
    throw new Error(`vote on ${ideaId} was not answered with the new state`);
}

export async function realtimePhases(options: { databaseUrl: string; db: pg.Client; cookie: (i: number) => string }) {
  const { databaseUrl, db, cookie } = options;
  const port = await freePort();
  const appProcess = await startServer("server.ts", {
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "20",
    RATE_LIMITS: BENCH_RATE_LIMITS,
  });
  try {
    await measure({ base: `http://127.0.0.1:${port}`, appPid: appProcess.pid!, db, cookie });
  } finally {
    await stopServer(appProcess);
  }
}

async function measure(options: { base: string; appPid: number; db: pg.Client; cookie: (i: number) => string }) {
  const { base, appPid, db, cookie } = options;
  const origin = base;
  // Warm-up: a few pages, so the baseline is a process that has served requests.
  for (let i = 0; i < 20; i++) await (await fetch(`${base}/espaces/emploi-store-idees`)).arrayBuffer();
  await db.query(`insert into ideas (id, space_id, author_id, title, body, summary, updated_at)
    values ('bench-live-1', 'space-emploi-store', 'bench-u1', 'Une idée suivie en direct', 'Suivie en direct.', 'Suivie en direct.', now()),
           ('bench-live-2', 'space-emploi-store', 'bench-u2', 'Une idée diffusée à tous', 'Diffusée à tous.', 'Diffusée à tous.', now())`);
  let voter = 0;

  // --- 1. vote → count at other clients, with 1,000 sockets connected --------------------------------
  const app = await SocketHolders.start();
  const rssBefore = rss(appPid);
  const first = await app.connect(base, origin, 1000, ["idea:bench-live-1", "idea:bench-live-2"]);
  await sleep(2000);
  const rss1k = rss(appPid);
  console.log(
    `\nRealtime: 1,000 sockets (WebSocket, anonymous) joined one idea in ${first.seconds.toFixed(1)} s (${first.failed} failed).`,
  );
  console.log(
    `Vote POST → the new exact count arriving at the other clients (clients in ${CLIENT_PROCESSES} processes on this machine):`,
  );
  for (const phase of [
    { label: "isolated votes (1 every 400 ms, 30 votes)", votes: 30, every: 400 },
    { label: "sustained votes (1 every 50 ms, 200 votes; coalesced)", votes: 200, every: 50 },
  ]) {
    const sent: { k: number; t0: number }[] = [];
    const base0 = voter;
    for (let i = 0; i < phase.votes; i++) {
      const t0 = now();
      sent.push({ k: base0 + i + 1, t0 });
      await vote(base, origin, cookie(voter++), "bench-live-1");
      await sleep(Math.max(0, t0 + phase.every - now()));
    }
    await sleep(1000);
    const result = voteLatencies(await app.report(), "bench-live-1", sent, first.connected);
    console.log(`  ${phase.label}:`);
    console.log(`    first client      ${pcts(result.first)}`);
    console.log(`    last of ${first.connected.toLocaleString("en")}   ${pcts(result.last)}`);
    console.log(
      `    ${result.broadcasts} broadcasts for ${phase.votes} votes; ${result.missing} votes never shown, ${result.incomplete} broadcasts missed by some socket`,
    );
  }

  // --- 2. and 3. one broadcast to 10,000 sockets; memory per socket ---------------------------------
  const more = await app.connect(base, origin, 9000, ["idea:bench-live-2"]);
  await sleep(2000);
  const rss10k = rss(appPid);
  const appSockets = first.connected + more.connected;
  console.log(
    `\nOne broadcast to ${appSockets.toLocaleString("en")} sockets (time until the LAST socket has it; 5 broadcasts, 1.5 s apart):`,
  );
  const appTimes: number[] = [];
  const appFirst: number[] = [];
  const appCounts: number[] = [];
  for (let k = 1; k <= 5; k++) {
    const t0 = now();
    await vote(base, origin, cookie(voter++), "bench-live-2");
    await sleep(1500);
    const r = (await app.report())[`bench-live-2:${k}`];
    appTimes.push(r ? r.last - t0 : NaN);
    appFirst.push(r ? r.first - t0 : NaN);
    appCounts.push(r?.n ?? 0);
  }
  await app.close();

  const barePort = await freePort();
  const bare = await startServer("scripts/lib/bench-bare-server.ts", { PORT: String(barePort) });
  try {
    const bareBase = `http://127.0.0.1:${barePort}`;
    const holders = await SocketHolders.start();
    const bareRssBefore = rss(bare.pid!);
    const bare1k = await holders.connect(bareBase, bareBase, 1000, []);
    await sleep(2000);
    const bareRss1k = rss(bare.pid!);
    const bare9k = await holders.connect(bareBase, bareBase, 9000, []);
    await sleep(2000);
    const bareRss10k = rss(bare.pid!);
    const bareConnect = {
      connected: bare1k.connected + bare9k.connected,
      failed: bare1k.failed + bare9k.failed,
      seconds: bare1k.seconds + bare9k.seconds,
    };
    const bareTimes: number[] = [];
    const bareFirst: number[] = [];
    const bareCounts: number[] = [];
    for (let k = 1; k <= 5; k++) {
      const t0 = now();
      await (await fetch(`${bareBase}/broadcast?supports=${k}`)).arrayBuffer();
      await sleep(1500);
      const r = (await holders.report())[`bench-live-2:${k}`];
      bareTimes.push(r ? r.last - t0 : NaN);
      bareFirst.push(r ? r.first - t0 : NaN);
      bareCounts.push(r?.n ?? 0);
    }
    await holders.close();

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const spread = (values: number[]) =>
      `median ${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`;
    console.log(`  app (vote POST → commit → exact count read → emit)   last ${spread(appTimes)}`);
    console.log(
      `      first socket after ${ms(median(appFirst))} (median); received by ${Math.min(...appCounts)}–${Math.max(...appCounts)} of ${appSockets}`,
    );
    console.log(`  bare socket.io (GET → emit, same payload size)       last ${spread(bareTimes)}`);
    console.log(
      `      first socket after ${ms(median(bareFirst))} (median); received by ${Math.min(...bareCounts)}–${Math.max(...bareCounts)} of ${bareConnect.connected}`,
    );
    console.log(
      `  → the app's broadcast takes ${(median(appTimes) / median(bareTimes)).toFixed(2)}× the bare server's`,
    );

    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    // The slope between 1,000 and 10,000 sockets: the first sockets partly fill heap the process had
    // already reserved, so "RSS / sockets" from zero would flatter whichever process had more slack.
    console.log(
      `\nResident memory per connected socket (VmRSS growth from 1,000 to 10,000 sockets / 9,000; no forced GC, approximate):`,
    );
    console.log(
      `  app             ${kib((rss10k - rss1k) / (appSockets - first.connected))} per socket (VmRSS ${mib(rssBefore)} idle → ${mib(rss1k)} at 1,000 → ${mib(rss10k)} at ${appSockets.toLocaleString("en")}; each socket in 1–2 rooms)`,
    );
    console.log(
      `  bare socket.io  ${kib((bareRss10k - bareRss1k) / (bareConnect.connected - bare1k.connected))} per socket (VmRSS ${mib(bareRssBefore)} idle → ${mib(bareRss1k)} at 1,000 → ${mib(bareRss10k)} at ${bareConnect.connected.toLocaleString("en")}; one room)`,
    );
    console.log(
      `  (connections took ${(first.seconds + more.seconds).toFixed(1)} s to the app — each joins through a policy check — and ${bareConnect.seconds.toFixed(1)} s to the bare server;` +
        ` ${first.failed + more.failed + bareConnect.failed} failed. Server, PostgreSQL and the ${CLIENT_PROCESSES} client processes share this machine's ${(await import("node:os")).cpus().length} cores.)`,
    );
  } finally {
    await stopServer(bare);
  }
}
