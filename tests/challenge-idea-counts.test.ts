// Listed ideas per challenge (docs/decisions/0052): a trigger on ideas keeps them as delta rows, folded
// into challenge_idea_counts; the space page shows them beside each challenge. After every kind of change
// to an idea — proposed into a challenge, hidden and restored, merged and unmerged, moved to another
// challenge or out of any, deleted, its challenge deleted — and before and after a fold, the counts equal
// the policy's rule counted directly. Other test files write ideas meanwhile: both sides in ONE statement.
import { afterAll, expect, test } from "vitest";
import { listedIdeaSql } from "~/auth/policy.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { challengeIdeasCountSql, foldCounterDeltas } from "~/models/counters.server.ts";
import { getSpace, makeChallenge, makeIdea, makeUser, SPACES } from "./factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

async function expectExact(challengeIds: string[], step: string) {
  const { rows } = await pool.query<{ id: string; direct: number; counted: number }>(
    `select c.id,
            (select count(*)::int from ideas i where i.challenge_id = c.id and ${listedIdeaSql("i")}) as direct,
            ${challengeIdeasCountSql("c.id")} as counted
       from unnest($1::text[]) as c(id)`,
    [challengeIds],
  );
  expect(
    rows.map((r) => [r.id, r.counted]),
    step,
  ).toEqual(rows.map((r) => [r.id, r.direct]));
}

test("challenge idea counts stay equal to the listed-ideas rule through every change, folded or not", async () => {
  const space = await getSpace(SPACES.public);
  const author = await makeUser({ role: "EMPLOYEE" });
  const challenge = () => makeChallenge({ spaceId: space.id });
  const [x, y] = [await challenge(), await challenge()];
  const both = [x, y];
  const into = (ideaId: string, challengeId: string | null) =>
    pool.query(`update ideas set challenge_id = $2 where id = $1`, [ideaId, challengeId]);

  const [a, b, c] = [await makeIdea({ author }), await makeIdea({ author }), await makeIdea({ author })];
  await expectExact(both, "before");
  await into(a.id, x);
  await into(b.id, x);
  await into(c.id, y);
  await expectExact(both, "proposed into challenges");
  // Created with its challenge (one insert), as the propose form does.
  const created = await pool.query<{ id: string }>(
    `insert into ideas (id, space_id, author_id, title, body, challenge_id, updated_at)
     values ($1, $2, $3, 'Une idée', 'Un texte assez long.', $4, now()) returning id`,
    [newId(), space.id, author.id, y],
  );
  await expectExact(both, "created into a challenge");
  await foldCounterDeltas();
  await expectExact(both, "folded");

  await pool.query(
    `update ideas set hidden_at = now(), hidden_kind = 'MODERATOR', hidden_reason = 'Hors sujet' where id = $1`,
    [b.id],
  );
  await expectExact(both, "hidden");
  await into(b.id, y);
  await expectExact(both, "moved while hidden");
  await pool.query(`update ideas set hidden_at = null, hidden_kind = null, hidden_reason = null where id = $1`, [b.id]);
  await expectExact(both, "restored");

  await pool.query(`update ideas set merged_into_id = $2 where id = $1`, [b.id, a.id]);
  await expectExact(both, "merged");
  await pool.query(`update ideas set merged_into_id = null where id = $1`, [b.id]);
  await expectExact(both, "unmerged");

  await into(a.id, y);
  await expectExact(both, "moved to another challenge");
  await into(a.id, null);
  await expectExact(both, "taken out of any challenge");
  await foldCounterDeltas();
  await expectExact(both, "folded again");

  await prisma.idea.delete({ where: { id: created.rows[0]!.id } });
  await expectExact(both, "deleted");
  // Deleting a merge target un-merges its sources (ON DELETE SET NULL): they are listed again.
  await pool.query(`update ideas set merged_into_id = $2 where id = $1`, [c.id, a.id]);
  await expectExact(both, "merged into an idea outside challenges");
  await prisma.idea.delete({ where: { id: a.id } });
  await expectExact(both, "merge target deleted");
  // A deleted challenge's ideas leave it (ON DELETE SET NULL): its count is then never read again.
  await prisma.challenge.delete({ where: { id: y } });
  await expectExact([x], "other challenge deleted");
  await foldCounterDeltas();
  await expectExact([x], "folded at last");
});
