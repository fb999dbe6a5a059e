// The home page's stage counts (docs/decisions/0040): a trigger on ideas keeps listed ideas per space
// and stage as delta rows, folded into space_stage_counts. After every kind of change to an idea —
// created, moved along the pipeline, hidden and restored, merged and unmerged, moved to another space,
// deleted — and before and after a fold, the counts equal the policy's rule counted directly. Other
// test files write ideas at the same time, so both sides are read in ONE statement (one snapshot).
import { afterAll, expect, test } from "vitest";
import { listedIdeaSql } from "~/auth/policy.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { foldCounterDeltas, stageCountsSql } from "~/models/counters.server.ts";
import { advanceIdea, getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

async function bothSides(spaceIds: string[]) {
  const { rows } = await pool.query<{ direct: Record<string, number>; counted: Record<string, number> }>(
    `select (select coalesce(json_object_agg(t.stage, t.n), '{}'::json)
               from (select i.stage, count(*)::int as n from ideas i
                      where i.space_id = any($1::text[]) and ${listedIdeaSql("i")} group by i.stage) t) as direct,
            (select coalesce(json_object_agg(t.stage, t.n), '{}'::json) from (${stageCountsSql("$1")}) t) as counted`,
    [spaceIds],
  );
  return rows[0]!;
}

async function expectExact(spaceIds: string[], step: string) {
  const { direct, counted } = await bothSides(spaceIds);
  expect(counted, step).toEqual(direct);
}

test("stage counts stay equal to the listed-ideas rule through every change, folded or not", async () => {
  const pub = await getSpace(SPACES.public);
  const internal = await getSpace(SPACES.internal);
  const both = [pub.id, internal.id];
  const author = await makeUser({ role: "EMPLOYEE" });
  const manager = await makeUser({ role: "MANAGER" });
  await expectExact(both, "before");

  const [a, b, c] = [
    await makeIdea({ author, space: SPACES.public }),
    await makeIdea({ author, space: SPACES.public }),
    await makeIdea({ author, space: SPACES.internal }),
  ];
  await expectExact([pub.id], "created (public)");
  await expectExact(both, "created");

  await advanceIdea({ ideaId: a.id, manager, to: "SELECTED" });
  await expectExact(both, "moved along the pipeline");
  await foldCounterDeltas();
  await expectExact(both, "folded");

  await pool.query(
    `update ideas set hidden_at = now(), hidden_kind = 'MODERATOR', hidden_reason = 'Hors sujet' where id = $1`,
    [b.id],
  );
  await expectExact(both, "hidden");
  await pool.query(`update ideas set hidden_at = null, hidden_kind = null, hidden_reason = null where id = $1`, [b.id]);
  await expectExact(both, "restored");

  await pool.query(`update ideas set merged_into_id = $2 where id = $1`, [b.id, a.id]);
  await expectExact(both, "merged");
  // A stage change while merged moves nothing that is counted.
  await pool.query(`update ideas set stage = 'ARCHIVED' where id = $1`, [b.id]);
  await expectExact(both, "merged, then archived");
  await pool.query(`update ideas set merged_into_id = null, stage = 'PROPOSED' where id = $1`, [b.id]);
  await expectExact(both, "unmerged");

  await pool.query(`update ideas set space_id = $2 where id = $1`, [c.id, pub.id]);
  await expectExact([internal.id], "moved out of a space");
  await expectExact([pub.id], "moved into a space");
  await pool.query(`update ideas set space_id = $2, stage = 'UNDER_REVIEW' where id = $1`, [c.id, internal.id]);
  await expectExact(both, "moved back, with another stage");

  await foldCounterDeltas();
  await expectExact(both, "folded again");

  await prisma.idea.delete({ where: { id: b.id } });
  await expectExact(both, "deleted");

  // Deleting a merge target un-merges its sources (ON DELETE SET NULL): they are listed again.
  const d = await makeIdea({ author, space: SPACES.public });
  await pool.query(`update ideas set merged_into_id = $2 where id = $1`, [d.id, c.id]);
  await expectExact(both, "merged into c");
  await prisma.idea.delete({ where: { id: c.id } });
  await expectExact(both, "merge target deleted");
});
