// Support and comment counts (docs/decisions/0003-vote-counts.md).
// Triggers on votes and comments append +1/-1 rows to idea_counter_deltas inside the writing
// transaction (no lock on the idea row, so voters on one popular idea never queue behind each other).
// foldCounterDeltas() moves those deltas into ideas.support_count / comment_count in ONE statement,
// so "column + pending deltas" is exact in every snapshot. Reads that must be exact use exactCounts(),
// a single statement; sorting uses the columns, which lag by at most one fold interval.
import { pool } from "~/lib/db.server.ts";

export type Counts = { supports: number; comments: number };

export async function exactCounts(ideaIds: readonly string[]): Promise<Map<string, Counts>> {
  const result = new Map<string, Counts>();
  if (ideaIds.length === 0) return result;
  const { rows } = await pool.query<{ id: string; supports: number; comments: number }>(
    `select i.id,
            i.support_count + coalesce(d.supports, 0) as supports,
            i.comment_count + coalesce(d.comments, 0) as comments
       from ideas i
       left join lateral (
         select sum(supports)::int as supports, sum(comments)::int as comments
           from idea_counter_deltas where idea_id = i.id
       ) d on true
      where i.id = any($1::text[])`,
    [ideaIds],
  );
  for (const row of rows) result.set(row.id, { supports: row.supports, comments: row.comments });
  return result;
}

export async function exactCount(ideaId: string): Promise<Counts> {
  return (await exactCounts([ideaId])).get(ideaId) ?? { supports: 0, comments: 0 };
}

/**
 * Folds up to `batch` pending deltas into the idea rows. Safe to run from several processes at once
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
  return rows[0]?.folded ?? 0;
}

/** Runs the fold every `intervalMs` until stopped; overlapping runs are skipped. */
export function startCounterFolding(intervalMs = 1000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = foldCounterDeltas()
      .catch((error: unknown) => console.warn("[counters] fold failed:", (error as Error).message))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
