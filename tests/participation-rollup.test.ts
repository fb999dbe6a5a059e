// The monthly participation roll-up (docs/decisions/0038-participation-rollup.md): after every kind of
// change the app makes — votes and comments in and out, comments hidden and deleted, ideas hidden and
// restored, moved between spaces and challenges, merged and unmerged, deleted, accounts deleted (GDPR),
// roles and agencies changed — the table `participation_months` must equal its recomputation from the
// acts, and the page's figures (read from it) must equal the direct statement over ideas, votes and
// comments, for every space, one space, one challenge, and periods that cut months. The counters of
// distinct people (whole months) must equal their recomputation from the table and the roles, folded or
// not. A missing trigger leaves the table or the counters behind at the step that needs it.
import { beforeAll, expect, test } from "vitest";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import type { IndicatorFilters } from "~/models/indicators.ts";
import { foldParticipationCountDeltas } from "~/models/counters.server.ts";
import { resolveIndicatorScope } from "~/models/indicators.server.ts";
import { mergeIdeas, unmergeIdeas } from "~/models/merge.server.ts";
import { hideContent, restoreContent } from "~/models/moderation.server.ts";
import {
  participation,
  participationByAgency,
  participationByAgencyFromActs,
  participationCounterScope,
  participationFromActs,
} from "~/models/participation.server.ts";
import { deleteMyAccount } from "~/models/privacy.server.ts";
import { getSpace, makeChallenge, makeIdea, makeUser, SPACES } from "./factories.ts";
import { drift } from "./support/drift.ts";

type Person = Awaited<ReturnType<typeof makeUser>>;
let manager: Person;
let moderator: Person;
let people: Person[];
let publicSpace: { id: string; slug: string };
let internalSpace: { id: string; slug: string };
let challengeId: string;

const at = (iso: string) => new Date(iso);

async function idea(author: Person, createdAt: string, options: { internal?: boolean; challenge?: boolean } = {}) {
  const { id } = await makeIdea({
    author,
    space: options.internal ? SPACES.internal : SPACES.public,
    createdAt: at(createdAt),
    challengeId: options.challenge ? challengeId : null,
  });
  return id;
}
const vote = (ideaId: string, user: Person, createdAt: string) =>
  prisma.vote.create({ data: { ideaId, userId: user.id, createdAt: at(createdAt) } });
async function comment(ideaId: string, author: Person, createdAt: string, parentId: string | null = null) {
  const { id } = await prisma.comment.create({
    data: { id: newId(), ideaId, authorId: author.id, parentId, body: "Bonne idée.", createdAt: at(createdAt) },
    select: { id: true },
  });
  return id;
}

/** The roll-up's rows that its recomputation from the acts does not have, and the reverse. */
const rollupDrift = () => drift("participation_months", "idees_participation_months_expected");

/**
 * Counters (exact: folded rows plus pending deltas) that their recomputation from the roll-up and the
 * roles does not have, and the reverse.
 */
const counterDrift = () => drift("idees_participation_counts", "idees_participation_counts_expected");

const FILTERS: IndicatorFilters[] = [
  { space: null, challenge: null, from: null, to: null },
  { space: SPACES.public, challenge: null, from: null, to: null },
  { space: null, challenge: "<challenge>", from: null, to: null },
  // Periods that cut months, on the Paris days around month ends (UTC+1 in winter, UTC+2 in summer).
  { space: null, challenge: null, from: "2026-03-01", to: "2026-04-01" },
  { space: null, challenge: null, from: "2026-02-15", to: "2026-03-31" },
  { space: SPACES.public, challenge: null, from: "2026-04-02", to: "2026-04-02" },
  { space: null, challenge: null, from: "2026-01-20", to: null },
  { space: null, challenge: null, from: null, to: "2026-02-28" },
  // Whole months only (February and March, Paris): every figure from the counters.
  { space: null, challenge: null, from: "2026-02-01", to: "2026-03-31" },
  { space: null, challenge: "<challenge>", from: "2026-03-15", to: null },
];

/**
 * The table and the counters equal their recomputations, and the page's figures (whole months from the
 * counters) equal the direct statement, for every filter; then again once the counter deltas are folded.
 */
async function expectConsistent(step: string) {
  expect(await rollupDrift(), step).toEqual([]);
  for (const folded of [false, true]) {
    if (folded) await foldParticipationCountDeltas();
    expect(await counterDrift(), `${step}, folded: ${folded}`).toEqual([]);
    for (const filters of FILTERS) {
      const scope = await resolveIndicatorScope(manager, {
        ...filters,
        challenge: filters.challenge ? challengeId : null,
      });
      const label = `${step}, ${JSON.stringify(filters)}, folded: ${folded}`;
      const key = filters.challenge ? `challenge:${challengeId}` : filters.space ? `space:${publicSpace.id}` : "all";
      expect(await participationCounterScope(scope), label).toBe(key);
      expect(await participation(scope), label).toEqual(await participationFromActs(scope));
      expect(await participationByAgency(scope), label).toEqual(await participationByAgencyFromActs(scope));
    }
  }
}

/** The page's participants for a month and audience, every space, all time. */
async function participants(month: string, audience: "public" | "staff" | "suppliers") {
  const scope = await resolveIndicatorScope(manager, { space: null, challenge: null, from: null, to: null });
  const row = (await participation(scope)).find((m) => m.month === month);
  return row?.byAudience[audience].participants ?? 0;
}

beforeAll(async () => {
  manager = await makeUser({ role: "MANAGER" });
  moderator = await makeUser({ role: "MODERATOR" });
  people = [];
  for (const role of ["PUBLIC", "PUBLIC", "PUBLIC", "EMPLOYEE", "EMPLOYEE", "SUPPLIER"] as const)
    people.push(await makeUser({ role }));
  await prisma.user.update({ where: { id: people[3]!.id }, data: { agency: "Lyon Part-Dieu" } });
  await prisma.user.update({ where: { id: people[4]!.id }, data: { agency: "Nantes Centre" } });
  publicSpace = await getSpace(SPACES.public);
  internalSpace = await getSpace(SPACES.internal);
  challengeId = await makeChallenge({
    spaceId: publicSpace.id,
    title: "Un défi",
    cover: "",
    brief: "Le défi du printemps.",
    opensAt: at("2026-01-01T00:00:00Z"),
    closesAt: at("2026-12-31T00:00:00Z"),
  });
});

test("the roll-up follows every change and gives the direct statement's figures", async () => {
  const [p0, p1, p2, p3, p4, p5] = people as [Person, Person, Person, Person, Person, Person];
  await expectConsistent("empty");

  // Ideas, votes and comments, some on Paris month edges (22:30 UTC on 31 March is 1 April in Paris).
  const a = await idea(p0, "2026-01-15T10:00:00Z");
  const b = await idea(p1, "2026-03-31T22:30:00Z", { challenge: true });
  const c = await idea(p2, "2026-02-28T23:30:00Z");
  const d = await idea(p3, "2026-04-10T08:00:00Z", { internal: true });
  const dup = await idea(p1, "2026-02-02T09:00:00Z");
  for (const [ideaId, who, when] of [
    [a, p1, "2026-01-20T10:00:00Z"],
    [a, p2, "2026-02-28T22:59:00Z"],
    [a, p3, "2026-03-31T21:59:00Z"],
    [b, p0, "2026-04-01T06:00:00Z"],
    [b, p4, "2026-04-02T12:00:00Z"],
    [c, p5, "2026-03-05T12:00:00Z"],
    [d, p4, "2026-04-11T12:00:00Z"],
    [dup, p2, "2026-02-03T12:00:00Z"],
    [dup, p3, "2026-02-28T23:10:00Z"],
    [dup, p4, "2026-02-04T12:00:00Z"],
  ] as const)
    await vote(ideaId, who, when);
  const onA = await comment(a, p4, "2026-01-21T10:00:00Z");
  const reply = await comment(a, p5, "2026-02-01T10:00:00Z", onA);
  const onB = await comment(b, p2, "2026-04-02T10:00:00Z");
  await comment(dup, p5, "2026-02-05T10:00:00Z");
  await comment(c, p3, "2026-03-01T10:00:00Z");
  await expectConsistent("ideas, votes and comments");
  // One figure by hand: in February (Paris), public people p1 (proposed dup), p2 (voted a at 23:59 on the
  // 28th Paris time, voted dup, proposed c on 1 March Paris → not February), and p5 (replied, commented).
  expect(await participants("2026-02", "public")).toBe(2);

  // A support withdrawn, a vote re-dated (a data repair), a comment deleted, hidden and restored.
  await prisma.vote.delete({ where: { ideaId_userId: { ideaId: a, userId: p1.id } } });
  await prisma.vote.update({
    where: { ideaId_userId: { ideaId: b, userId: p4.id } },
    data: { createdAt: at("2026-05-02T12:00:00Z") },
  });
  await prisma.comment.update({ where: { id: reply }, data: { deletedAt: new Date(), body: "" } });
  await hideContent({ user: moderator, target: "comment", targetId: onB, reason: "Hors charte" });
  await expectConsistent("withdrawn, re-dated, deleted and hidden");
  await restoreContent({ user: moderator, target: "comment", targetId: onB });
  await expectConsistent("comment restored");

  // An idea hidden then restored; ideas moved between spaces and in and out of a challenge.
  await hideContent({ user: moderator, target: "idea", targetId: a, reason: "Hors charte" });
  await expectConsistent("idea hidden");
  await restoreContent({ user: moderator, target: "idea", targetId: a });
  await expectConsistent("idea restored");
  await prisma.idea.update({ where: { id: c }, data: { spaceId: internalSpace.id } });
  await prisma.idea.update({ where: { id: a }, data: { challengeId } });
  await prisma.idea.update({ where: { id: b }, data: { challengeId: null } });
  await expectConsistent("moved");
  await prisma.idea.update({ where: { id: c }, data: { spaceId: publicSpace.id } });

  // A merge brings the duplicate's supporters and comments over; undoing it takes them back.
  const { mergeId } = await mergeIdeas({ user: manager, sourceId: dup, targetId: a });
  await expectConsistent("merged");
  await unmergeIdeas({ user: manager, mergeId });
  await expectConsistent("unmerged");
  await mergeIdeas({ user: manager, sourceId: dup, targetId: a });
  await expectConsistent("merged again");

  // Roles and agencies are read when the page is computed: a change moves the person's whole history.
  await prisma.user.update({ where: { id: p0.id }, data: { role: "SUPPLIER", agency: "Lyon Part-Dieu" } });
  await expectConsistent("role and agency changed");

  // Accounts deleted (GDPR): contributions removed, or kept under the deleted user.
  await deleteMyAccount({
    user: { id: p2.id, sessionId: "none" },
    currentPassword: p2.password,
    contributions: "remove",
  });
  await expectConsistent("account deleted, contributions removed");
  await deleteMyAccount({
    user: { id: p1.id, sessionId: "none" },
    currentPassword: p1.password,
    contributions: "keep",
  });
  await expectConsistent("account deleted, contributions kept");

  // An account row deleted outright (its votes go by the cascade, after its counts were taken out).
  const passing = await makeUser({ role: "EMPLOYEE" });
  await vote(a, passing, "2026-02-10T10:00:00Z");
  await vote(d, passing, "2026-04-20T10:00:00Z");
  await expectConsistent("a supporter more");
  await prisma.user.delete({ where: { id: passing.id } });
  await expectConsistent("account row deleted");

  // An idea deleted with its votes and comments.
  await prisma.comment.deleteMany({ where: { ideaId: d } });
  await prisma.idea.delete({ where: { id: d } });
  await prisma.idea.delete({ where: { id: b } });
  await expectConsistent("ideas deleted");
  expect((await pool.query("select count(*)::int as n from participation_months")).rows[0].n).toBeGreaterThan(0);
});

test("the drift check sees a row the triggers did not write, and the rebuild removes it", async () => {
  await pool.query(
    `insert into participation_months (month, user_id, kind, space_id, days, acts)
                    values ('2026-01-01', $1, 'SUPPORTED', $2, idees_days_put(null, 3, 1), 1)`,
    [manager.id, publicSpace.id],
  );
  expect(await rollupDrift()).toEqual([expect.objectContaining({ side: "extra", user_id: manager.id, acts: 1 })]);
  await pool.query(
    `insert into participation_count_deltas (month, scope, role, participants, proposers, supporters, commenters)
                    values ('2026-01-01', 'all', 'PUBLIC', 1, 1, 0, 0)`,
  );
  expect(await counterDrift()).toContainEqual(expect.objectContaining({ side: "extra", scope: "all", role: "PUBLIC" }));
  await pool.query("select idees_participation_rebuild()");
  expect(await rollupDrift()).toEqual([]);
  expect(await counterDrift()).toEqual([]);
});

test("two first acts of one person in one month, at once, count the person once", async () => {
  const [, , , , , p5] = people as [Person, Person, Person, Person, Person, Person];
  const person = await makeUser({ role: "PUBLIC" });
  const inPublic = await idea(p5, "2026-06-01T10:00:00Z");
  const inInternal = await idea(p5, "2026-06-01T10:00:00Z", { internal: true });
  const first = await pool.connect();
  const second = await pool.connect();
  try {
    await first.query("begin");
    await second.query("begin");
    await first.query(`insert into votes (idea_id, user_id, created_at) values ($1, $2, '2026-06-10T10:00:00Z')`, [
      inPublic,
      person.id,
    ]);
    // The second transaction's first act in the month (another space) waits for the first's to commit,
    // then sees its row: 'all' counts the person once, not twice.
    const waiting = second.query(
      `insert into votes (idea_id, user_id, created_at) values ($1, $2, '2026-06-12T10:00:00Z')`,
      [inInternal, person.id],
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.query("commit");
    await waiting;
    await second.query("commit");
  } finally {
    first.release();
    second.release();
  }
  expect(await counterDrift()).toEqual([]);
  expect(await participants("2026-06", "public")).toBe(1);
});

test("a vote kept by the unlocked update and the last vote's withdrawal, at once, leave the roll-up and its counters exact", async () => {
  const [, , , , , p5] = people as [Person, Person, Person, Person, Person, Person];
  const withdrawn = await idea(p5, "2026-07-01T10:00:00Z");
  const added = await idea(p5, "2026-07-01T10:00:00Z");
  const person = await makeUser({ role: "PUBLIC" });
  const first = await pool.connect();
  const second = await pool.connect();
  const insert = `insert into votes (idea_id, user_id, created_at) values ($1, $2, $3)`;
  const remove = `delete from votes where idea_id = $1 and user_id = $2`;
  /** `a` runs first and holds its locks until `b`, started meanwhile, has had time to wait on them. */
  async function interleave(a: [string, unknown[]], b: [string, unknown[]]) {
    await first.query("begin");
    await second.query("begin");
    await first.query(...a);
    const waiting = second.query(...b);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.query("commit");
    await waiting;
    await second.query("commit");
  }
  try {
    // The person's only act of July in this space: its withdrawal deletes the roll-up row (locked path),
    // while a second vote's update of that row (no lock on the person) waits for it; once the row is
    // gone the update finds nothing and the vote inserts the row again, counting the person anew.
    await vote(withdrawn, person, "2026-07-10T10:00:00Z");
    await interleave([remove, [withdrawn, person.id]], [insert, [added, person.id, "2026-07-12T10:00:00Z"]]);
    expect(await rollupDrift()).toEqual([]);
    expect(await counterDrift()).toEqual([]);
    expect(await participants("2026-07", "public")).toBe(1);
    // The reverse: a vote makes the row two acts (unlocked update, row locked), while the withdrawal of
    // the other sees one act in its snapshot and goes to delete the row: it must wait and keep it.
    await interleave([insert, [withdrawn, person.id, "2026-07-14T10:00:00Z"]], [remove, [added, person.id]]);
    expect(await rollupDrift()).toEqual([]);
    expect(await counterDrift()).toEqual([]);
    expect(await participants("2026-07", "public")).toBe(1);
  } finally {
    first.release();
    second.release();
  }
});
