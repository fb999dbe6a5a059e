// Independent reads of one page sent as ONE statement, so one round trip (docs/decisions/0055). Each read
// is a part: a scalar subquery whose value is JSON (a list of rows, or one row), and the decoding of that
// value. A model defines its read once as a part; alone or with others, it runs through readTogether.
import { pool } from "./db.server.ts";

/** Adds a value to the statement's parameters and returns its placeholder (`$n`). */
export type Param = (value: unknown) => string;

export type ReadPart<T> = {
  /** A parenthesised scalar subquery whose value is `json`, its values bound through `param`. */
  sql: (param: Param) => string;
  /** The model's value from that JSON (dates arrive as ISO strings). */
  decode: (json: unknown) => T;
};

type Results<P> = { [K in keyof P]: P[K] extends ReadPart<infer T> ? T : never };

/**
 * Runs the parts as one statement (`select (part 1) as p0, (part 2) as p1, …`): one round trip and one
 * snapshot for all of them, instead of one pool checkout, one write and one wake-up of PostgreSQL each.
 */
export async function readTogether<P extends Record<string, ReadPart<unknown>>>(parts: P): Promise<Results<P>> {
  const values: unknown[] = [];
  const param: Param = (value) => `$${values.push(value)}`;
  const names = Object.keys(parts);
  const columns = names.map((name, i) => `${parts[name]!.sql(param)} as p${i}`);
  const { rows } = await pool.query<Record<string, unknown>>(`select ${columns.join(",\n       ")}`, values);
  const row = rows[0]!;
  return Object.fromEntries(names.map((name, i) => [name, parts[name]!.decode(row[`p${i}`])])) as Results<P>;
}

/** One part alone (its own statement). */
export const readPart = async <T>(part: ReadPart<T>): Promise<T> => (await readTogether({ part })).part;
