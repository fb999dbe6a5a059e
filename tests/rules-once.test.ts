// Rules with one home (docs/decisions/0017-domain-errors-and-rules-once.md): "which ideas are listed"
// has three forms (in memory, Prisma, SQL) that must agree on every state of an idea, and the exact
// count (column + pending deltas, docs/decisions/0003-vote-counts.md) is one SQL function that every
// count reads.
import { expect, test } from "vitest";
import { isListedIdea, listedIdeaSql, listedIdeaWhere } from "~/auth/policy.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { exactCounts, foldCounterDeltas } from "~/models/counters.server.ts";
import { makeComment, makeIdea, makeUser } from "./factories.ts";

test("the three forms of the listed-idea rule agree on plain, hidden, merged, and hidden and merged ideas", async () => {
  const author = await makeUser();
  const [plain, hidden, merged, both, target] = await Promise.all(
    Array.from({ length: 5 }, () => makeIdea({ author })),
  );
  const hide = { hiddenAt: new Date(), hiddenKind: "PENDING_REVIEW" as const };
  await prisma.idea.update({ where: { id: hidden!.id }, data: hide });
  await prisma.idea.update({ where: { id: merged!.id }, data: { mergedIntoId: target!.id } });
  await prisma.idea.update({ where: { id: both!.id }, data: { ...hide, mergedIntoId: target!.id } });
  const ids = [plain!, hidden!, merged!, both!, target!].map((i) => i.id);

  const viaPrisma = await prisma.idea.findMany({
    where: { ...listedIdeaWhere, id: { in: ids } },
    select: { id: true },
  });
  const { rows: viaSql } = await pool.query<{ id: string }>(
    `select i.id from ideas i where i.id = any($1::text[]) and ${listedIdeaSql("i")}`,
    [ids],
  );
  const rows = await prisma.idea.findMany({
    where: { id: { in: ids } },
    select: { id: true, hiddenAt: true, mergedIntoId: true },
  });
  const inMemory = rows.filter(isListedIdea).map((r) => r.id);
  const sorted = (list: string[]) => [...list].sort();
  expect(sorted(inMemory)).toEqual(sorted([plain!.id, target!.id]));
  expect(sorted(viaPrisma.map((r) => r.id))).toEqual(sorted(inMemory));
  expect(sorted(viaSql.map((r) => r.id))).toEqual(sorted(inMemory));
});

test("idees_exact_counts is the stored column plus the pending deltas, before and after folding", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const voters = await Promise.all(Array.from({ length: 3 }, () => makeUser()));
  await prisma.vote.createMany({ data: voters.map((v) => ({ ideaId: idea.id, userId: v.id })) });
  await makeComment({ author: voters[0]!, idea });
  await prisma.vote.delete({ where: { ideaId_userId: { ideaId: idea.id, userId: voters[1]!.id } } });
  const truth = { supports: 2, comments: 1 };
  const read = async () =>
    (await pool.query<{ supports: number; comments: number }>("select * from idees_exact_counts($1)", [idea.id]))
      .rows[0];
  expect(await read()).toEqual(truth);
  expect((await exactCounts([idea.id])).get(idea.id)).toEqual(truth);
  for (let folded = 1; folded > 0;) folded = await foldCounterDeltas();
  const stored = await prisma.idea.findUniqueOrThrow({
    where: { id: idea.id },
    select: { supportCount: true, commentCount: true },
  });
  expect(stored).toEqual({ supportCount: 2, commentCount: 1 });
  expect(await read()).toEqual(truth);
  const { rows } = await pool.query("select * from idees_exact_counts($1)", ["no-such-idea"]);
  expect(rows).toEqual([]);
});
