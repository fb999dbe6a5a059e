// The scale seed (npm run seed:scale, the discovery and indicators benches) leaves every roll-up as the
// app's fold would and no pending delta behind its final vacuum: CI's PostgreSQL runs without autovacuum,
// so a delta table emptied after the seed's vacuum keeps its dead rows' pages, which every read of its
// counts scans (docs/decisions/0052, item 3).
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedScale } from "./scale-data.ts";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => client.connect());
afterAll(() => client.end());

test("the scale seed leaves no delta of any roll-up to fold after its vacuum", async () => {
  await seedScale(client, { ideas: 300, votes: 300, comments: 100, people: 200, prefix: "sd-" });
  const { rows: tables } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name like '%\\_deltas' order by 1`,
  );
  expect(tables.map((t) => t.name)).toContain("pipeline_count_deltas");
  const pending: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${name}`);
    pending[name] = rows[0]!.n;
  }
  expect(pending).toEqual(Object.fromEntries(tables.map((t) => [t.name, 0])));
  // And the pipeline roll-up holds the seeded ideas (one cohort per idea), exactly.
  const { rows: drift } = await client.query(
    `(select kind, grain, day, space_id, challenge_id, stage, bucket, n from pipeline_counts where n <> 0
      except select * from idees_pipeline_counts_expected)
     union all
     (select * from idees_pipeline_counts_expected
      except select kind, grain, day, space_id, challenge_id, stage, bucket, n from pipeline_counts)`,
  );
  expect(drift).toEqual([]);
});
