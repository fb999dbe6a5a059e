// The pilots' summary of the managers' indicators from `pilot_facts` (docs/decisions/0050, "the pilots'
// summary"): after every kind of change a pilot's place in it depends on — pilots opened (raw and through
// the app), decided go and no-go, the decision undone and re-dated, a pilot re-dated, moved to another
// idea and deleted; its idea moved along the pipeline, hidden and restored, merged and unmerged, moved
// between spaces and in and out of a challenge, deleted, its challenge or merge target deleted (the foreign
// keys' SET NULL), its author's account deleted (GDPR) — `pilot_facts` must equal its recomputation and
// the summary must equal the direct statement over every pilot joined to its idea (the reference), for
// every space, one space, one challenge and periods whose bounds fall on pilots' Paris-midnight dates.
import { beforeAll, expect, test } from "vitest";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { pilotSummary, resolveIndicatorScope } from "~/models/indicators.server.ts";
import type { IndicatorFilters } from "~/models/indicators.ts";
import { mergeIdeas, unmergeIdeas } from "~/models/merge.server.ts";
import { hideContent, restoreContent } from "~/models/moderation.server.ts";
import { recordPilotDecision } from "~/models/pilot.server.ts";
import { deleteMyAccount } from "~/models/privacy.server.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { advanceIdea, makeChallenge, makeIdea, makePipelineWorld, type makeUser, SPACES } from "./factories.ts";
import { drift } from "./support/drift.ts";
import { pilotSummaryReference } from "./pipeline-rollup.reference.ts";

type Person = Awaited<ReturnType<typeof makeUser>>;
let manager: Person;
let moderator: Person;
let author: Person;
let publicSpace: { id: string; slug: string };
let internalSpace: { id: string; slug: string };
let challengeId: string;

async function idea(options: { stage?: IdeaStage; internal?: boolean; challenge?: boolean } = {}) {
  const { id } = await makeIdea({
    author,
    space: options.internal ? SPACES.internal : SPACES.public,
    createdAt: new Date("2026-01-02T10:00:00Z"),
    challengeId: options.challenge ? challengeId : null,
    stage: options.stage ?? "PILOT",
  });
  return id;
}

/** A pilot written directly (as a bulk load or a later fix would), opened `opened`, decided or not. */
async function pilot(ideaId: string, opened: string, decision?: { decision: "GO" | "NO_GO"; at: string }) {
  const id = newId();
  await pool.query(
    `insert into pilots (id, idea_id, created_at, updated_at, decision, decision_reason, decided_at)
     values ($1, $2, $3, now(), $4, $5, $6)`,
    [id, ideaId, opened, decision?.decision ?? null, decision ? "Décidé" : null, decision?.at ?? null],
  );
  return id;
}

// Paris midnights: 2026-03-01 is 2026-02-28T23:00Z (winter), 2026-04-01 is 2026-03-31T22:00Z (summer).
const FILTERS: IndicatorFilters[] = [
  { space: null, challenge: null, from: null, to: null },
  { space: SPACES.public, challenge: null, from: null, to: null },
  { space: SPACES.internal, challenge: null, from: null, to: null },
  { space: null, challenge: "<challenge>", from: null, to: null },
  { space: null, challenge: null, from: "2026-03-01", to: "2026-03-31" },
  { space: null, challenge: null, from: "2026-03-01", to: null },
  { space: null, challenge: null, from: null, to: "2026-02-28" },
  { space: null, challenge: null, from: "2026-03-02", to: "2026-03-02" },
  { space: SPACES.public, challenge: null, from: "2026-02-01", to: "2026-04-30" },
  { space: null, challenge: "<challenge>", from: "2026-03-15", to: null },
  { space: SPACES.internal, challenge: null, from: null, to: "2026-03-31" },
];

let checked = 0;
let nonZero = 0;
async function expectConsistent(step: string) {
  expect(await drift("pilot_facts", "idees_pilot_facts_expected"), step).toEqual([]);
  for (const filters of FILTERS) {
    const scope = await resolveIndicatorScope(manager, {
      ...filters,
      challenge: filters.challenge ? challengeId : null,
    });
    const expected = await pilotSummaryReference(scope);
    expect(await pilotSummary(scope), `${step}, ${JSON.stringify(filters)}`).toEqual(expected);
    checked++;
    if (expected.running && expected.go && expected.no_go) nonZero++;
  }
}

beforeAll(async () => {
  ({ manager, moderator, author, publicSpace, internalSpace, challengeId } = await makePipelineWorld());
});

test("pilot_facts and the pilots' summary equal the full scan after every kind of change", async () => {
  // Pilots in both spaces and the challenge, opened and decided on and around Paris midnights, running
  // (idea at PILOT, no decision), go (at PILOT or PRODUCTION), no-go (REJECTED), undecided ideas at
  // other stages, and a decision dated before the opening (no constraint forbids it).
  const opened = ["2026-02-10T09:00:00Z", "2026-02-28T23:00:00Z", "2026-03-01T22:59:59.999Z", "2026-03-31T22:00:00Z"];
  const decided = ["2026-02-28T22:59:59.999Z", "2026-02-28T23:00:00Z", "2026-03-15T12:00:00Z", "2026-04-02T08:00:00Z"];
  const kinds: { stage: IdeaStage; decision: "GO" | "NO_GO" | null }[] = [
    { stage: "PILOT", decision: null },
    { stage: "PILOT", decision: "GO" },
    { stage: "REJECTED", decision: "NO_GO" },
    { stage: "PRODUCTION", decision: "GO" },
    { stage: "ARCHIVED", decision: null },
  ];
  const ids: string[] = [];
  for (let n = 0; n < 30; n++) {
    const { stage, decision } = kinds[n % kinds.length]!;
    const id = await idea({ stage, internal: n % 3 === 1, challenge: n % 3 === 2 });
    await pilot(id, opened[n % 4]!, decision ? { decision, at: decided[(n + 1) % 4]! } : undefined);
    ids.push(id);
  }
  const skewed = await idea({ internal: true });
  await pilot(skewed, "2026-03-20T10:00:00Z", { decision: "GO", at: "2026-03-10T10:00:00Z" });
  // Through the app: walked to PILOT (the move opens the pilot, dated now), one in the challenge's space.
  const walked = [await idea({ stage: "PROPOSED" }), await idea({ stage: "PROPOSED", internal: true })];
  for (const id of walked) await advanceIdea({ ideaId: id, manager, to: "PILOT" });
  await expectConsistent("seeded");

  // Decided through the app: go (stays at PILOT), no-go (the idea moves to REJECTED), two at once.
  await Promise.all([
    recordPilotDecision({ user: manager, ideaId: walked[0]!, input: { decision: "GO", reason: "Objectifs atteints" } }),
    recordPilotDecision({ user: manager, ideaId: walked[1]!, input: { decision: "NO_GO", reason: "Pas concluant" } }),
  ]);
  await expectConsistent("decided");

  // Moved along the pipeline: a go into PRODUCTION (app), a running one archived, one running and one
  // go back to review (raw, as applyMove writes the idea), a no-go reopened as a new round (the decision cleared).
  await moveIdeaToStage({ user: manager, ideaId: walked[0]!, from: "PILOT", to: "PRODUCTION" });
  await pool.query(`update ideas set stage = 'ARCHIVED' where id = $1`, [ids[0]]);
  await pool.query(`update ideas set stage = 'UNDER_REVIEW' where id = any($1)`, [[ids[5], ids[23]]]);
  await pool.query(`update ideas set stage = 'PILOT' where id = $1`, [ids[2]]);
  await pool.query(`update pilots set decision = null, decided_at = null where idea_id = $1`, [ids[2]]);
  await expectConsistent("moved along the pipeline, a decision cleared");

  // Moderation: a running pilot's idea hidden, and restored while another is hidden.
  await hideContent({ user: moderator, target: "idea", targetId: ids[10]!, reason: "Hors charte" });
  await expectConsistent("hidden");
  await Promise.all([
    restoreContent({ user: moderator, target: "idea", targetId: ids[10]! }),
    hideContent({ user: moderator, target: "idea", targetId: ids[11]!, reason: "Hors charte" }),
  ]);
  await expectConsistent("restored and hidden at once");

  // A merge (the source's go leaves the summary; both back in review) and its undoing.
  const { mergeId } = await mergeIdeas({ user: manager, sourceId: ids[23]!, targetId: ids[5]! });
  await expectConsistent("merged");
  await unmergeIdeas({ user: manager, mergeId });
  await expectConsistent("unmerged");

  // Moved between spaces, into and out of the challenge.
  await prisma.idea.update({ where: { id: ids[3]! }, data: { spaceId: internalSpace.id } });
  await prisma.idea.update({ where: { id: ids[6]! }, data: { challengeId } });
  await prisma.idea.update({ where: { id: ids[8]! }, data: { challengeId: null } });
  await expectConsistent("moved between spaces and challenges");

  // The pilot itself: re-opened earlier, its decision re-dated and changed, moved to another idea,
  // deleted; an idea deleted with its pilot.
  await prisma.pilot.update({ where: { ideaId: ids[12]! }, data: { createdAt: new Date("2026-04-01T12:00:00Z") } });
  await prisma.pilot.update({ where: { ideaId: ids[13]! }, data: { decidedAt: new Date("2026-02-27T12:00:00Z") } });
  await prisma.pilot.update({ where: { ideaId: ids[16]! }, data: { decision: "NO_GO" } });
  const bare = await idea({ internal: true });
  await prisma.pilot.update({ where: { ideaId: ids[18]! }, data: { ideaId: bare } });
  await prisma.pilot.delete({ where: { ideaId: ids[19]! } });
  await prisma.idea.delete({ where: { id: ids[21]! } });
  await expectConsistent("pilots re-dated, re-decided, moved and deleted, an idea deleted");

  // Written by the foreign keys' ON DELETE SET NULL, not by the application: a challenge deleted (its
  // ideas leave it) and a merge's target deleted (the source is listed again, its pilot back in the summary).
  const doomed = await makeChallenge({
    spaceId: publicSpace.id,
    title: "Défi supprimé",
    cover: "",
    brief: "Un défi.",
    opensAt: new Date("2025-12-01T00:00:00Z"),
    closesAt: new Date("2026-12-31T00:00:00Z"),
  });
  await prisma.idea.update({ where: { id: ids[24]! }, data: { challengeId: doomed } });
  const target = await idea({ stage: "UNDER_REVIEW" });
  await pool.query(`update ideas set merged_into_id = $1 where id = $2`, [target, ids[25]]);
  await expectConsistent("in a challenge about to go, merged into an idea about to go");
  await prisma.challenge.delete({ where: { id: doomed } });
  await prisma.idea.delete({ where: { id: target } });
  expect(
    await pool.query(`select challenge_id, merged_into_id from ideas where id = any($1)`, [[ids[24], ids[25]]]),
  ).toMatchObject({
    rows: [
      { challenge_id: null, merged_into_id: null },
      { challenge_id: null, merged_into_id: null },
    ],
  });
  await expectConsistent("a challenge and a merge target deleted");

  // The author's account deleted (GDPR) with their contributions: the ideas not taken up go, with their
  // pilots (no-go and archived ones among them), by the cascade; the others stay under the deleted user.
  const pilotsOf = `select count(*)::int as n from pilots p where p.idea_id = any($1)`;
  const before = await pool.query(pilotsOf, [ids]);
  await deleteMyAccount({
    user: { id: author.id, sessionId: "none" },
    currentPassword: author.password,
    contributions: "remove",
  });
  const left = await pool.query(pilotsOf, [ids]);
  expect(left.rows[0].n).toBeLessThan(before.rows[0].n);
  await expectConsistent("the author's account deleted, contributions removed");

  // The comparisons compared something: every figure non-zero for several filters.
  expect(checked).toBeGreaterThan(80);
  expect(nonZero).toBeGreaterThan(20);
});
