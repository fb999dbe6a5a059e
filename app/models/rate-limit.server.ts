// Fixed-window counters kept in PostgreSQL, so every app process shares them (an UNLOGGED table: a
// counter is worth nothing after a crash, and skipping the WAL keeps the hot rows cheap to update).
// docs/decisions/0009-anti-abuse-and-account-deletion.md
import type { SessionUser } from "~/auth/session.server.ts";
import { pool, prepared } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { msg } from "~/lib/validation.ts";
import { Limited } from "./errors.ts";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Per account: what one person can plausibly do by hand. Per address: generous, because a whole agency
// may sit behind one proxy address, yet low enough that a script from one machine is stopped.
const DEFAULT_RULES = {
  signInPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  signInPerIp: { limit: 100, windowMs: 15 * MINUTE },
  signUpPerIp: { limit: 20, windowMs: HOUR },
  // Sign-in through an OpenID provider: starting one, and its callback (app/auth/oidc.server.ts).
  oidcStartPerIp: { limit: 60, windowMs: 15 * MINUTE },
  oidcCallbackPerIp: { limit: 60, windowMs: 15 * MINUTE },
  // "Mot de passe oublié": counted per address whether or not it has an account (docs/decisions/0024).
  passwordResetPerIp: { limit: 20, windowMs: HOUR },
  passwordResetPerAddress: { limit: 5, windowMs: HOUR },
  // Re-entering one's password to change e-mail, password or delete the account.
  reauthPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  proposePerAccount: { limit: 10, windowMs: HOUR },
  proposePerIp: { limit: 200, windowMs: HOUR },
  commentPerAccount: { limit: 20, windowMs: 10 * MINUTE },
  commentPerIp: { limit: 400, windowMs: 10 * MINUTE },
  votePerAccount: { limit: 120, windowMs: MINUTE },
  votePerIp: { limit: 2000, windowMs: MINUTE },
  flagPerAccount: { limit: 20, windowMs: HOUR },
  flagPerIp: { limit: 300, windowMs: HOUR },
  // The read API (docs/decisions/0026-read-api.md): a personal token, or an anonymous caller's address.
  apiPerToken: { limit: 600, windowMs: MINUTE },
  apiPerIp: { limit: 300, windowMs: MINUTE },
  // Texts that mention people (each mention notifies someone): docs/decisions/0031.
  mentionPerAccount: { limit: 30, windowMs: HOUR },
  // Hackathons: registering, cancelling, forming and joining teams (docs/decisions/0035-hackathons.md).
  hackathonPerAccount: { limit: 30, windowMs: HOUR },
  hackathonPerIp: { limit: 600, windowMs: HOUR },
  // Attaching files (docs/decisions/0030): each request re-encodes images, so the budget is per request.
  uploadPerAccount: { limit: 30, windowMs: HOUR },
  uploadPerIp: { limit: 300, windowMs: HOUR },
} satisfies Record<string, RateLimitRule>;

export type RuleName = keyof typeof DEFAULT_RULES;

let effective: Record<RuleName, RateLimitRule> | undefined;

/** The rules in force: the defaults above, with RATE_LIMITS (env) overrides. */
export function rateLimitRules(): Record<RuleName, RateLimitRule> {
  if (effective) return effective;
  const rules: Record<string, RateLimitRule> = { ...DEFAULT_RULES };
  for (const { name, limit, windowMs } of env().RATE_LIMITS) {
    if (!(name in DEFAULT_RULES))
      throw new Error(`RATE_LIMITS: unknown rule "${name}" (known: ${Object.keys(DEFAULT_RULES).join(", ")})`);
    if (windowMs <= 0) throw new Error(`RATE_LIMITS: the window of "${name}" must be at least one second`);
    rules[name] = { limit, windowMs };
  }
  effective = rules as Record<RuleName, RateLimitRule>;
  return effective;
}

const UPSERT = `insert into rate_limits (key, count, reset_at)
   select k, 1, now() + make_interval(secs => w / 1000) from unnest($1::text[], $2::float8[]) as t(k, w)
   on conflict (key) do update set
     count    = case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end,
     reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
   returning key, count, reset_at`;

/**
 * Counts one hit on each key in ONE statement (keys sorted, so two concurrent calls lock rows in the
 * same order) and says, per key, whether it is within its rule.
 */
export async function hitRateLimits<const T extends readonly { key: string; rule: RateLimitRule }[]>(
  hits: T,
): Promise<{ [K in keyof T]: RateLimitResult }> {
  return (await hitRateLimitsAlong(hits, null)).results;
}

type HitRow = { rate_key: string; rate_count: number; rate_reset_at: Date };

/**
 * hitRateLimits, and in the same statement (one round trip) a read that does not depend on the counts:
 * `along.text` is a SELECT whose parameters are numbered from $3. Its rows come back as they are.
 */
async function hitRateLimitsAlong<
  const T extends readonly { key: string; rule: RateLimitRule; spread?: boolean }[],
  R extends object,
>(
  givenHits: T,
  along: { text: string; values: unknown[] } | null,
): Promise<{ results: { [K in keyof T]: RateLimitResult }; rows: R[] }> {
  const hits = givenHits.map((hit) => (hit.spread ? shardOf(hit.key, hit.rule) : hit));
  const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const counted = `select key as rate_key, count as rate_count, reset_at as rate_reset_at from hits`;
  // One row per key, each carrying the read's row (or a row per key and read row: the read's rows are
  // those of the first key, marked by rate_read).
  // Prepared: the texts are fixed in the code (the read's too), and the vote runs this on every request.
  const { rows } = await pool.query<HitRow & Partial<R> & { rate_read?: boolean }>(
    prepared(
      along
        ? `with hits as (${UPSERT}) select h.*, r.* from (${counted}) h
           left join (select true as rate_read, a.* from (${along.text}) a) r on true`
        : `with hits as (${UPSERT}) ${counted}`,
      [sorted.map((h) => h.key), sorted.map((h) => h.rule.windowMs), ...(along?.values ?? [])],
    ),
  );
  const byKey = new Map(rows.map((r) => [r.rate_key, r]));
  const results = (await Promise.all(
    hits.map(async ({ key, rule }, i) => {
      const row = byKey.get(key)!;
      const allowed = row.rate_count <= rule.limit;
      const given = givenHits[i]!;
      // A spread key refused by one row: the wait is the address's, not that row's (rows keep their own windows).
      const retryAfterSeconds =
        !allowed && key !== given.key
          ? await spreadRetryAfter(given.key, given.rule)
          : secondsUntil(row.rate_reset_at.getTime());
      return { allowed, count: row.rate_count, retryAfterSeconds };
    }),
  )) as { [K in keyof T]: RateLimitResult };
  const read = rows
    .filter((r) => r.rate_read && r.rate_key === sorted[0]!.key)
    .map(({ rate_key: _key, rate_count: _count, rate_reset_at: _reset, rate_read: _read, ...row }) => row as R);
  return { results, rows: read };
}

const secondsUntil = (time: number) => Math.max(1, Math.ceil((time - Date.now()) / 1000));

// --- spreading a busy address over several rows (docs/decisions/0048) --------------------------------
// Every vote from one address updated one row: behind an agency's proxy (and in the bench) all voters queued
// on its row lock. A spread key is SHARDS rows `<key>#<i>`, each holding its share of the limit (the shares
// add up to the limit exactly). A hit counts on one row, chosen in turn by each process, and is allowed when
// that row is within its share: the address never passes its limit, across any number of processes (each
// row is counted exactly, as a single key was), and it is refused at most SHARDS × processes hits early
// (each process spreads its hits evenly, so the rows fill together). Only a limit of at least SHARDS ×
// MIN_SHARE is spread (today the per-minute vote limit); smaller ones keep one row, exact to the hit: for
// them an early refusal would be a visible part of the limit, and they are not busy enough to queue.
// A refusal's Retry-After is the address's: when every full row has started a new window (spreadRetryAfter).

const SHARDS = 16;
const MIN_SHARE = 64;
const nextShard = new Map<string, number>();

/** How many rows a spread key with this rule uses: one for limits under SHARDS × MIN_SHARE (exact to the hit). */
export function shardCount(rule: RateLimitRule): number {
  return rule.limit >= SHARDS * MIN_SHARE ? SHARDS : 1;
}

/** The row this hit counts on and that row's share of the limit. */
function shardOf(key: string, rule: RateLimitRule): { key: string; rule: RateLimitRule } {
  const shards = shardCount(rule);
  if (shards === 1) return { key, rule };
  // In turn per key, from a random start (two processes do not move in step); the map only picks rows, it
  // holds no count, so clearing it (bounded memory with many addresses) changes nothing but the start.
  if (nextShard.size > 10_000) nextShard.clear();
  const i = nextShard.get(key) ?? Math.floor(Math.random() * shards);
  nextShard.set(key, (i + 1) % shards);
  return { key: `${key}#${i}`, rule: { limit: shareOf(rule, shards, i), windowMs: rule.windowMs } };
}

/** Row i's share: the shares add up to the limit exactly. */
const shareOf = (rule: RateLimitRule, shards: number, i: number) =>
  Math.floor(rule.limit / shards) + (i < rule.limit % shards ? 1 : 0);

/**
 * How long a caller refused on a spread key must wait: until every row that is full now has started a new
 * window. The refusing row alone is not enough: the rows start their windows at their first hit, so they may
 * reset far apart (an address voting slowly, then in a burst), and the next hit counts on another row — told
 * the refusing row's reset, the caller came back to another full row and a second refusal. Never later than
 * one window. Read only on a refusal (a primary-key read of the rows): an allowed hit costs nothing more.
 */
async function spreadRetryAfter(key: string, rule: RateLimitRule): Promise<number> {
  const shards = shardCount(rule);
  const keys = Array.from({ length: shards }, (_, i) => `${key}#${i}`);
  const { rows } = await pool.query<{ key: string; count: number; reset_at: Date }>(
    "select key, count, reset_at from rate_limits where key = any($1::text[])",
    [keys],
  );
  const now = Date.now();
  let until = now;
  for (const row of rows) {
    const full = row.count >= shareOf(rule, shards, keys.indexOf(row.key));
    if (full && row.reset_at.getTime() > until) until = row.reset_at.getTime();
  }
  return secondsUntil(until);
}

/** Counts one hit on `key` and says whether it is within the rule. */
export async function hitRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
  const [result] = await hitRateLimits([{ key, rule }]);
  return result;
}

export async function resetRateLimit(key: string): Promise<void> {
  await pool.query("delete from rate_limits where key = $1", [key]);
}

/** Housekeeping: expired windows carry no information. */
export async function purgeExpiredRateLimits(): Promise<number> {
  const { rowCount } = await pool.query("delete from rate_limits where reset_at < now() - interval '1 minute'");
  return rowCount ?? 0;
}

// --- the one helper actions use -------------------------------------------------------------------

/** What people do that is limited per account and per address. */
export const LIMITED_ACTIONS = {
  propose: { perAccount: "proposePerAccount", perIp: "proposePerIp" },
  comment: { perAccount: "commentPerAccount", perIp: "commentPerIp" },
  vote: { perAccount: "votePerAccount", perIp: "votePerIp" },
  flag: { perAccount: "flagPerAccount", perIp: "flagPerIp" },
  hackathon: { perAccount: "hackathonPerAccount", perIp: "hackathonPerIp" },
  upload: { perAccount: "uploadPerAccount", perIp: "uploadPerIp" },
} as const satisfies Record<string, { perAccount: RuleName; perIp: RuleName }>;
export type LimitedAction = keyof typeof LIMITED_ACTIONS;

export const rateLimitKeys = {
  account: (action: LimitedAction, userId: string) => `${action}:account:${userId}`,
  ip: (action: LimitedAction, ip: string) => `${action}:ip:${ip}`,
};

export const mentionRateLimitKey = (userId: string) => `mention:account:${userId}`;

/** Every counter key that names this person (erased with the account). */
export function personalRateLimitKeys(user: { id: string; email: string }): string[] {
  return [
    ...(Object.keys(LIMITED_ACTIONS) as LimitedAction[]).map((a) => rateLimitKeys.account(a, user.id)),
    `signin:account:${user.email}`,
    `reauth:account:${user.id}`,
    mentionRateLimitKey(user.id),
  ];
}

/** The message (an i18n key with parameters, see msg()) telling how long to wait. */
export function tooManyMessage(retryAfterSeconds: number): string {
  return limitedMessage(new Limited(retryAfterSeconds, "unknown"));
}

/** For a form: a refusal's message, to show with the form's errors. */
export function limitedMessage(limited: Limited): string {
  return msg(limited.wait.key, limited.wait.params);
}

/**
 * Counts `action` for this person and this address (`ip`, one statement) and returns null when both
 * are within their limits, or the refusal (Limited: how long to wait, which rule) when one is exceeded.
 * For routes that show the message in their form; the others use enforceRateLimits.
 */
export async function checkRateLimits(options: {
  user: Pick<SessionUser, "id">;
  ip: string;
  action: LimitedAction;
}): Promise<Limited | null> {
  return (await checkRateLimitsAlong(options, null)).limited;
}

/**
 * checkRateLimits, with a read that the action needs whatever the outcome (the vote's idea access facts)
 * sent in the same statement: one round trip instead of two on the hottest write (docs/decisions/0042).
 * The hits are counted exactly as by checkRateLimits; `along.text` numbers its parameters from $3.
 */
export async function checkRateLimitsAlong<R extends object>(
  options: { user: Pick<SessionUser, "id">; ip: string; action: LimitedAction },
  along: { text: string; values: unknown[] } | null,
): Promise<{ limited: Limited | null; rows: R[] }> {
  const { user, ip, action } = options;
  const rules = rateLimitRules();
  const names = LIMITED_ACTIONS[action];
  const { results, rows } = await hitRateLimitsAlong<
    [{ key: string; rule: RateLimitRule }, { key: string; rule: RateLimitRule; spread: boolean }],
    R
  >(
    [
      { key: rateLimitKeys.account(action, user.id), rule: rules[names.perAccount] },
      // The address: one row for every person behind it, so spread (docs/decisions/0048).
      { key: rateLimitKeys.ip(action, ip), rule: rules[names.perIp], spread: true },
    ],
    along,
  );
  const refused = [
    { name: names.perAccount, result: results[0] },
    { name: names.perIp, result: results[1] },
  ].filter((r) => !r.result.allowed);
  if (refused.length === 0) return { limited: null, rows };
  const longest = refused.reduce((a, b) => (b.result.retryAfterSeconds > a.result.retryAfterSeconds ? b : a));
  return { limited: new Limited(longest.result.retryAfterSeconds, longest.name), rows };
}

/**
 * Same, but throws the refusal (Limited), which pages answer with a 429, Retry-After and the
 * translated message (app/lib/http.server.ts). `await enforceRateLimits({ user, ip, action: "flag" })`.
 */
export async function enforceRateLimits(options: {
  user: Pick<SessionUser, "id">;
  ip: string;
  action: LimitedAction;
}): Promise<void> {
  const refused = await checkRateLimits(options);
  if (refused) throw refused;
}

/** Re-authentication (current password asked again): limited per account, like signing in. */
export async function checkReauthLimit(user: Pick<SessionUser, "id">): Promise<Limited | null> {
  const result = await hitRateLimit(`reauth:account:${user.id}`, rateLimitRules().reauthPerAccount);
  return result.allowed ? null : new Limited(result.retryAfterSeconds, "reauthPerAccount");
}
