// What a roll-up kept by triggers must equal: its recomputation from the rows it sums (a view or a
// statement of the migration that built it). Used by the roll-up tests (docs/decisions/0038, 0050).
import { pool } from "~/lib/db.server.ts";

/** Rows of `table` that its recomputation `expected` does not have (side "extra"), and the reverse ("missing"). */
export async function drift(table: string, expected: string) {
  const { rows } = await pool.query(
    `(select 'extra' as side, * from ${table} except select 'extra', * from ${expected})
     union all
     (select 'missing', * from ${expected} except select 'missing', * from ${table})`,
  );
  return rows;
}
