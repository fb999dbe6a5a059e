// The peer-style load of issue 18 for `npm run bench` (docs/decisions/0034-search-at-a-million.md): one app
// process, 50 connections, each request in turn a list page sorted "most supported", a list page sorted
// "hot", an idea page, or a vote by one of 20,000 distinct people on a random idea. Next to it, the same
// mix without the app for the same duration: the list statements and the vote insert as raw pg, the
// idea page as its model call (several statements, no HTTP or rendering).
import pg from "pg";
import type { WindowStats } from "./bench-cpu.ts";
import { browserVote } from "./bench-vote.ts";
import { browserFetch } from "./bench-http.ts";

type Stats = WindowStats;
type Load = (concurrency: number, seconds: number, task: (i: number) => Promise<boolean>) => Promise<Stats>;

export const PEER_CONNECTIONS = 50;
export const PEER_PEOPLE = 20_000;
const KINDS = ["list top", "list hot", "idea page", "vote"] as const;
type Kind = (typeof KINDS)[number];

function summary(latencies: Map<Kind, number[]>, seconds: number) {
  return KINDS.map((kind) => {
    const list = (latencies.get(kind) ?? []).sort((a, b) => a - b);
    const at = (p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? NaN;
    return { kind, rps: list.length / seconds, p50: at(0.5), p99: at(0.99) };
  });
}

/** Sessions for PEER_PEOPLE voters (created through the app's session code, 50 at a time). */
export async function peerSessions(db: pg.Client, createSession: (userId: string) => Promise<{ token: string }>) {
  await db.query(`insert into users (id, email, display_name, password_hash, role, updated_at)
    select 'bench-u' || g, 'bench' || g || '@example.test', 'Votant ' || g, 'x', 'PUBLIC', now()
      from generate_series(1, ${PEER_PEOPLE}) g on conflict do nothing`);
  const tokens: string[] = [];
  for (let i = 1; i <= PEER_PEOPLE; i += 50) {
    const batch = Array.from({ length: Math.min(50, PEER_PEOPLE - i + 1) }, (_, k) => createSession(`bench-u${i + k}`));
    for (const session of await Promise.all(batch)) tokens.push(session.token);
  }
  return tokens;
}

export async function peerPhase(options: {
  base: string;
  url: string;
  ideas: number;
  tokens: string[];
  seconds: number;
  load: Load;
  fmt: (s: Stats, note?: string) => string;
  loadAverage: () => string;
}) {
  const { base, url, ideas, tokens, seconds, load, fmt, loadAverage } = options;
  const randomIdea = () => `bench-i${1 + Math.floor(Math.random() * ideas)}`;
  const appLatencies = new Map<Kind, number[]>();
  const timed = async (latencies: Map<Kind, number[]>, kind: Kind, run: () => Promise<boolean>) => {
    const t0 = performance.now();
    const ok = await run();
    const list = latencies.get(kind) ?? [];
    list.push(performance.now() - t0);
    latencies.set(kind, list);
    return ok;
  };
  const page = async (path: string) => {
    const res = await browserFetch(`${base}${path}`);
    await res.arrayBuffer();
    return res.ok;
  };
  console.log(
    `\nPeer-style load: one app process, ${PEER_CONNECTIONS} connections; list "most supported", list "hot", idea page and a vote by one of ${tokens.length.toLocaleString("en")} people on a random idea, in turn:`,
  );
  const mix = (latencies: Map<Kind, number[]>) => (i: number) => {
    const kind = KINDS[i % KINDS.length]!;
    return timed(latencies, kind, async () => {
      if (kind === "list top") return page("/espaces/emploi-store-idees?tri=top");
      if (kind === "list hot") return page("/espaces/emploi-store-idees?tri=hot");
      if (kind === "idea page") return page(`/idees/${randomIdea()}`);
      // What a browser with JavaScript sends for one click (scripts/lib/bench-vote.ts).
      const cookie = `idees_session=${tokens[Math.floor(Math.random() * tokens.length)]}`;
      return browserVote({ base, cookie, ideaId: randomIdea(), intent: "support" });
    });
  };
  // The same mix once, not recorded, before the measured run: the app starts cold after the seed (its
  // warm-up reads only the list page), and three mixes in a row measured 108, 167 and 191 req/s.
  await load(PEER_CONNECTIONS, seconds, mix(new Map()));
  const app = await load(PEER_CONNECTIONS, seconds, mix(appLatencies));
  console.log(`  app (all)  ${fmt(app)}`);

  // The same mix without HTTP, sessions and rendering, for as long.
  const { ideaListQuery } = await import("~/models/idea-list.server.ts");
  const { getIdeaPage } = await import("~/models/idea-page.server.ts");
  const top = ideaListQuery({ spaceId: "space-emploi-store", viewerId: null, sort: "top", cursor: null });
  const hot = ideaListQuery({ spaceId: "space-emploi-store", viewerId: null, sort: "hot", cursor: null });
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const rawLatencies = new Map<Kind, number[]>();
  const raw = await load(PEER_CONNECTIONS, seconds, (i) => {
    const kind = KINDS[i % KINDS.length]!;
    return timed(rawLatencies, kind, async () => {
      if (kind === "list top") return (await pool.query(top.text, top.values)).rowCount === 21;
      if (kind === "list hot") return (await pool.query(hot.text, hot.values)).rowCount === 21;
      if (kind === "idea page") return (await getIdeaPage(null, randomIdea())) !== null;
      await pool.query("insert into votes (idea_id, user_id) values ($1, $2) on conflict do nothing", [
        randomIdea(),
        `bench-u${1 + Math.floor(Math.random() * PEER_PEOPLE)}`,
      ]);
      return true;
    });
  });
  console.log(`  raw (all)  ${fmt(raw, " (statements / model call, same mix)")}`);
  await pool.end();
  const reference: Record<Kind, number> = { "list top": 27, "list hot": 27, "idea page": 27, vote: 85 };
  const rawByKind = new Map(summary(rawLatencies, raw.seconds).map((r) => [r.kind, r]));
  for (const row of summary(appLatencies, app.seconds)) {
    const r = rawByKind.get(row.kind)!;
    console.log(
      `  ${row.kind.padEnd(10)} ${row.rps.toFixed(0).padStart(5)}/s  p50 ${row.p50.toFixed(0)} ms  p99 ${row.p99.toFixed(0)} ms  │ raw ${r.rps.toFixed(0).padStart(5)}/s  → app ${((row.rps / r.rps) * 100).toFixed(0)}% of raw; ${(row.rps / reference[row.kind]).toFixed(1)}× the reference's ~${reference[row.kind]}/s  (${loadAverage()})`,
    );
  }
}
