// Fixed-window counters kept in PostgreSQL, so every app process shares them.
import { pool } from "~/lib/db.server.ts";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export const RULES = {
  signInPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  // Generous: a whole agency may sit behind one proxy address.
  signInPerIp: { limit: 100, windowMs: 15 * 60_000 },
  signUpPerIp: { limit: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimitRule>;

/** Counts one hit on `key` and says whether it is within the rule. */
export async function hitRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
  const { rows } = await pool.query<{ count: number; reset_at: Date }>(
    `insert into rate_limits (key, count, reset_at)
     values ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
     on conflict (key) do update set
       count    = case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end,
       reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
     returning count, reset_at`,
    [key, rule.windowMs],
  );
  const row = rows[0]!;
  const retryAfterSeconds = Math.max(1, Math.ceil((row.reset_at.getTime() - Date.now()) / 1000));
  return { allowed: row.count <= rule.limit, count: row.count, retryAfterSeconds };
}

export async function resetRateLimit(key: string): Promise<void> {
  await pool.query("delete from rate_limits where key = $1", [key]);
}

/** Housekeeping: expired windows carry no information. */
export async function purgeExpiredRateLimits(): Promise<number> {
  const { rowCount } = await pool.query("delete from rate_limits where reset_at < now() - interval '1 minute'");
  return rowCount ?? 0;
}
