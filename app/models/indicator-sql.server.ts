// The SQL the indicators' statements share (docs/decisions/0025-indicators-and-exports.md): the scope as
// SQL, the five parameters every statement receives, and how one statement runs.
import { listedIdeaSql } from "~/auth/policy.ts";
import { pool } from "~/lib/db.server.ts";
import type { IndicatorFilters } from "./indicators.ts";

export type IndicatorScope = {
  spaces: { id: string; slug: string; nameFr: string; nameEn: string }[];
  challenges: { id: string; title: string; language: string }[];
  /** The filters as applied (a space or challenge the viewer may not see is dropped). */
  filters: IndicatorFilters;
  /** $1 spaces, $2 challenge, $3 from, $4 to (exclusive), $5 time zone: the parameters of every statement. */
  params: [string[], string | null, Date | null, Date | null, string];
};

/** The scope as SQL on the `ideas` table aliased `a`: listed, in the spaces, in the challenge. */
export const scopeSql = (a = "i") =>
  `${listedIdeaSql(a)} and ${a}.space_id = any($1::text[]) and ($2::text is null or ${a}.challenge_id = $2)`;
/** The period as SQL on a timestamp column. */
export const periodSql = (column: string) =>
  `($3::timestamptz is null or ${column} >= $3) and ($4::timestamptz is null or ${column} < $4)`;

export type Row = Record<string, unknown>;
/** Every statement receives the five parameters; the first CTE gives them their types even where unused. */
const PARAMS_CTE =
  "_p as (select $1::text[] as spaces, $2::text as challenge, $3::timestamptz as since, $4::timestamptz as until, $5::text as tz)";
export const withScopeParams = (sql: string) =>
  /^\s*with\s/i.test(sql) ? sql.replace(/^\s*with\s/i, `with ${PARAMS_CTE}, `) : `with ${PARAMS_CTE} ${sql}`;

/**
 * One statement in a transaction of its own with JIT off: these statements read whole tables, so their
 * cost estimates pass jit_above_cost, and compiling them took ~300 ms each for a run of 0–300 ms.
 * `extra` parameters follow the five ($6, …).
 */
export const runIndicatorStatement = async <T extends Row>(
  scope: IndicatorScope,
  sql: string,
  extra: unknown[] = [],
) => {
  const client = await pool.connect();
  try {
    await client.query("begin read only");
    await client.query("set local jit = off");
    const { rows } = await client.query<T>(withScopeParams(sql), [...scope.params, ...extra]);
    await client.query("commit");
    return rows;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
};
