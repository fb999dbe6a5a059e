import { expect, test } from "vitest";
import { prisma, pool } from "~/lib/db.server.ts";
import { exactCount, foldCounterDeltas } from "~/models/counters.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { NotFound } from "~/models/errors.ts";

test("a support counts once, however many times it is sent, and can be withdrawn", async () => {
  const author = await makeUser();
  const voter = await makeUser();
  const idea = await makeIdea({ author });
  const results = await Promise.all(
    Array.from({ length: 8 }, () => setSupport({ user: voter, ideaId: idea.id, supported: true })),
  );
  expect(results.every((r) => r.supported)).toBe(true);
  // Exactly one of the eight calls added the vote; the others changed nothing.
  expect(results.filter((r) => r.changed)).toHaveLength(1);
  expect((await exactCount(idea.id)).supports).toBe(1);
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(1);

  expect((await setSupport({ user: voter, ideaId: idea.id, supported: false })).changed).toBe(true);
  expect((await exactCount(idea.id)).supports).toBe(0);
  expect((await setSupport({ user: voter, ideaId: idea.id, supported: false })).changed).toBe(false);
  expect((await exactCount(idea.id)).supports).toBe(0);
});

test("concurrent voters on one idea are all counted exactly, before and after folding", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const voters = await Promise.all(Array.from({ length: 40 }, () => makeUser()));
  const folding = (async () => {
    for (let i = 0; i < 10; i++) await foldCounterDeltas(7);
  })();
  const returned = await Promise.all(voters.map((user) => setSupport({ user, ideaId: idea.id, supported: true })));
  await folding;
  expect(returned.every((r) => r.changed)).toBe(true);
  expect((await exactCount(idea.id)).supports).toBe(40);
  while ((await foldCounterDeltas()) > 0);
  const row = await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { supportCount: true } });
  expect(row.supportCount).toBe(40);
  const { rows } = await pool.query("select count(*)::int as n from idea_counter_deltas where idea_id = $1", [idea.id]);
  expect(rows[0].n).toBe(0);
  expect((await exactCount(idea.id)).supports).toBe(40);
});

test("the count read during a fold is never off (column and deltas are read in one snapshot)", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const voters = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
  for (const user of voters) await setSupport({ user, ideaId: idea.id, supported: true });
  const reads = Promise.all(Array.from({ length: 50 }, () => exactCount(idea.id)));
  await foldCounterDeltas();
  for (const counts of await reads) expect(counts.supports).toBe(30);
});

test("nobody votes on an idea they cannot see; the refusal is a 404", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const publicUser = await makeUser();
  const idea = await makeIdea({ author: employee, space: SPACES.internal });
  await expect(setSupport({ user: publicUser, ideaId: idea.id, supported: true })).rejects.toBeInstanceOf(NotFound);
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);
});

test("deleting a voter's account removes their support from the count", async () => {
  const author = await makeUser();
  const voter = await makeUser();
  const idea = await makeIdea({ author });
  await setSupport({ user: voter, ideaId: idea.id, supported: true });
  await foldCounterDeltas();
  await prisma.user.delete({ where: { id: voter.id } });
  expect((await exactCount(idea.id)).supports).toBe(0);
});
