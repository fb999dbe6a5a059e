// The pipeline roll-up of the managers' indicators (docs/decisions/0050-pipeline-indicators-rollup.md):
// after every kind of change — moves (through the app and raw, several at once, two racing on one idea),
// ideas hidden and restored, merged and unmerged, moved between spaces and in and out of a challenge,
// re-dated, deleted, a move re-dated and one deleted — `stage_visits` and `pipeline_counts` (plus pending
// deltas, folded or not) must equal their recomputation, and the page's funnel, time in stage and
// throughput must equal the direct statements over every idea and move they replace, kept below as the
// reference, for every space, one space, one challenge and periods that cut months at Paris midnights.
import { beforeAll, expect, test } from "vitest";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { foldCounterDeltas } from "~/models/counters.server.ts";
import { resolveIndicatorScope } from "~/models/indicators.server.ts";
import type { IndicatorFilters } from "~/models/indicators.ts";
import { mergeIdeas, unmergeIdeas } from "~/models/merge.server.ts";
import { hideContent, restoreContent } from "~/models/moderation.server.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { funnel, throughput, timeInStage } from "~/models/pipeline-indicators.server.ts";
import { makeIdea, makePipelineWorld, type makeUser, SPACES } from "./factories.ts";
import { drift } from "./support/drift.ts";
import { funnelReference, throughputReference, timeInStageReference } from "./pipeline-rollup.reference.ts";

// --- the dataset ---------------------------------------------------------------------------------------

type Person = Awaited<ReturnType<typeof makeUser>>;
let manager: Person;
let moderator: Person;
let author: Person;
let internalSpace: { id: string; slug: string };
let challengeId: string;
const ideas: string[] = [];

async function idea(createdAt: string, options: { internal?: boolean; challenge?: boolean } = {}) {
  const { id } = await makeIdea({
    author,
    space: options.internal ? SPACES.internal : SPACES.public,
    createdAt: new Date(createdAt),
    challengeId: options.challenge ? challengeId : null,
  });
  ideas.push(id);
  return id;
}

/**
 * A move dated `at` in a transaction of its own, as applyMove writes it (the idea row first, which takes
 * its lock, then the move); false when the idea is no longer at `from` (another move won the race).
 */
async function move(ideaId: string, from: IdeaStage, to: IdeaStage, at: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rowCount } = await client.query(
      `update ideas set stage = $3, stage_changed_at = $4 where id = $1 and stage = $2
          and hidden_at is null and merged_into_id is null`,
      [ideaId, from, to, at],
    );
    if (rowCount)
      await client.query(
        `insert into stage_transitions (idea_id, actor_id, from_stage, to_stage, note, created_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [ideaId, manager.id, from, to, to === "REJECTED" || to === "ARCHIVED" ? "Pas retenue" : null, at],
      );
    await client.query("commit");
    return rowCount === 1;
  } finally {
    client.release();
  }
}

/** Moves along `path` from PROPOSED, the first `days[0]` days after `start`, each next one `days[i]` later. */
async function walk(ideaId: string, start: string, path: IdeaStage[], days: number[]) {
  let from: IdeaStage = "PROPOSED";
  let at = new Date(start).getTime();
  for (const [i, to] of path.entries()) {
    at += days[i % days.length]! * 86_400_000 + i * 3_600_000;
    await move(ideaId, from, to, new Date(at).toISOString());
    from = to;
  }
}

const FILTERS: IndicatorFilters[] = [
  { space: null, challenge: null, from: null, to: null },
  { space: SPACES.public, challenge: null, from: null, to: null },
  { space: SPACES.internal, challenge: null, from: null, to: null },
  { space: null, challenge: "<challenge>", from: null, to: null },
  // Periods that cut months, on the Paris days around month ends (UTC+1 in winter, UTC+2 in summer).
  { space: null, challenge: null, from: "2026-03-01", to: "2026-04-01" },
  { space: null, challenge: null, from: "2026-02-15", to: "2026-03-31" },
  { space: null, challenge: null, from: "2026-03-10", to: "2026-03-20" },
  { space: SPACES.public, challenge: null, from: "2026-04-02", to: "2026-04-02" },
  { space: null, challenge: null, from: "2026-01-20", to: null },
  { space: null, challenge: null, from: null, to: "2026-02-28" },
  { space: null, challenge: null, from: "2026-02-01", to: "2026-03-31" },
  { space: null, challenge: "<challenge>", from: "2026-03-15", to: null },
  { space: SPACES.internal, challenge: null, from: "2025-12-31", to: "2026-05-01" },
];

/** pipeline_counts plus the pending deltas (both grains), zero counts left out. */
const EXACT_COUNTS = `(select kind, grain, day, space_id, challenge_id, stage, bucket, sum(n)::int as n
   from (select kind, grain, day, space_id, challenge_id, stage, bucket, n from pipeline_counts
         union all
         select d.kind, g.grain, g.day, d.space_id, d.challenge_id, d.stage, d.bucket, d.n from pipeline_count_deltas d
          cross join lateral (values ('D'::char(1), d.day), ('M'::char(1), date_trunc('month', d.day)::date)) g(grain, day)) x
  group by 1, 2, 3, 4, 5, 6, 7 having sum(n) <> 0) exact`;

let checked = 0;
async function expectConsistent(step: string) {
  expect(await drift("stage_visits", "idees_stage_visits_expected"), step).toEqual([]);
  for (const folded of [false, true]) {
    if (folded) await foldCounterDeltas();
    expect(await drift(EXACT_COUNTS, "idees_pipeline_counts_expected"), `${step}, folded: ${folded}`).toEqual([]);
    for (const filters of FILTERS) {
      const scope = await resolveIndicatorScope(manager, {
        ...filters,
        challenge: filters.challenge ? challengeId : null,
      });
      const label = `${step}, ${JSON.stringify(filters)}, folded: ${folded}`;
      expect(await funnel(scope), label).toEqual(await funnelReference(scope));
      const byStage = (rows: { stage: string }[]) => [...rows].sort((a, b) => a.stage.localeCompare(b.stage));
      expect(byStage(await timeInStage(scope)), label).toEqual(byStage(await timeInStageReference(scope)));
      expect(await throughput(scope), label).toEqual(await throughputReference(scope));
      checked++;
    }
  }
}

beforeAll(async () => {
  ({ manager, moderator, author, internalSpace, challengeId } = await makePipelineWorld());
});

test("the roll-up equals the full scans after every kind of change, folded or not", async () => {
  // 36 ideas created around Paris month ends (23:30 UTC on the last day of a winter month is the 1st in
  // Paris), in both spaces, a third in the challenge, walked along the pipeline with repeated lengths
  // (ties in the percentiles) and lengths under a second.
  const days = [1, 2, 2, 3, 5, 8, 13, 0.5, 30, 45];
  const paths: IdeaStage[][] = [
    [],
    ["UNDER_REVIEW"],
    ["UNDER_REVIEW", "SELECTED"],
    ["UNDER_REVIEW", "SELECTED", "PILOT"],
    ["UNDER_REVIEW", "SELECTED", "PILOT", "PRODUCTION"],
    ["UNDER_REVIEW", "REJECTED"],
    ["UNDER_REVIEW", "SELECTED", "PILOT", "UNDER_REVIEW", "SELECTED"],
    ["ARCHIVED"],
  ];
  const starts = ["2026-01-31T23:30:00Z", "2026-02-14T23:00:00Z", "2026-02-28T22:59:59.999Z", "2026-03-09T23:00:00Z"];
  for (let n = 0; n < 36; n++) {
    const start = starts[n % starts.length]!;
    const id = await idea(start, { internal: n % 3 === 1, challenge: n % 3 === 2 });
    await walk(id, start, paths[n % paths.length]!, days.slice(n % days.length));
  }
  // A move less than a second after the creation, and one dated before it (a clock skew).
  const quick = await idea("2026-03-31T21:59:59.500Z");
  await move(quick, "PROPOSED", "UNDER_REVIEW", "2026-03-31T22:00:00.000Z");
  const skewed = await idea("2026-04-01T10:00:00Z");
  await move(skewed, "PROPOSED", "UNDER_REVIEW", "2026-04-01T09:00:00Z");
  await expectConsistent("seeded");

  // Several moves at once on different ideas, and two racing on one idea (one wins, the other is stale).
  const fresh = await Promise.all([idea("2026-03-15T12:00:00Z"), idea("2026-03-16T12:00:00Z", { internal: true })]);
  const raced = await Promise.all([
    move(fresh[0]!, "PROPOSED", "UNDER_REVIEW", "2026-03-20T10:00:00Z"),
    move(fresh[0]!, "PROPOSED", "REJECTED", "2026-03-20T10:00:01Z"),
    move(fresh[1]!, "PROPOSED", "UNDER_REVIEW", "2026-03-21T10:00:00Z"),
    move(ideas[0]!, "PROPOSED", "UNDER_REVIEW", "2026-03-02T08:00:00Z"),
    move(ideas[8]!, "PROPOSED", "UNDER_REVIEW", "2026-03-03T08:00:00Z"),
  ]);
  expect(raced.filter(Boolean)).toHaveLength(4);
  // Through the app (dated now), two at once.
  await Promise.all([
    moveIdeaToStage({ user: manager, ideaId: fresh[1]!, from: "UNDER_REVIEW", to: "SELECTED" }),
    moveIdeaToStage({ user: manager, ideaId: ideas[16]!, from: "PROPOSED", to: "UNDER_REVIEW" }),
  ]);
  await expectConsistent("moves at once");

  // Moderation: an idea with moves hidden, and restored; another hidden while one is moved.
  await hideContent({ user: moderator, target: "idea", targetId: ideas[4]!, reason: "Hors charte" });
  await expectConsistent("hidden");
  await Promise.all([
    restoreContent({ user: moderator, target: "idea", targetId: ideas[4]! }),
    hideContent({ user: moderator, target: "idea", targetId: ideas[6]!, reason: "Hors charte" }),
    move(ideas[9]!, "UNDER_REVIEW", "SELECTED", "2026-03-25T09:00:00Z"),
  ]);
  await expectConsistent("restored, hidden and moved at once");

  // A merge (the source leaves every figure) and its undoing.
  const { mergeId } = await mergeIdeas({ user: manager, sourceId: ideas[17]!, targetId: ideas[24]! });
  await expectConsistent("merged");
  await unmergeIdeas({ user: manager, mergeId });
  await expectConsistent("unmerged");

  // Moved between spaces, in and out of the challenge, re-dated across a month end.
  await prisma.idea.update({ where: { id: ideas[3]! }, data: { spaceId: internalSpace.id } });
  await prisma.idea.update({ where: { id: ideas[5]! }, data: { challengeId } });
  await prisma.idea.update({ where: { id: ideas[2]! }, data: { challengeId: null } });
  await prisma.idea.update({ where: { id: ideas[7]! }, data: { createdAt: new Date("2026-01-15T10:00:00Z") } });
  await expectConsistent("moved between spaces and challenges, re-dated");

  // A move re-dated, a move deleted (the next visit starts earlier), an idea deleted with its moves.
  const [second] = await prisma.stageTransition.findMany({
    where: { ideaId: ideas[4]! },
    orderBy: { id: "asc" },
    skip: 1,
    take: 1,
    select: { id: true },
  });
  await prisma.stageTransition.update({
    where: { id: second!.id },
    data: { createdAt: new Date("2026-03-30T12:00:00Z") },
  });
  const [first] = await prisma.stageTransition.findMany({
    where: { ideaId: ideas[3]! },
    orderBy: { id: "asc" },
    take: 1,
  });
  await prisma.stageTransition.delete({ where: { id: first!.id } });
  await prisma.idea.delete({ where: { id: ideas[11]! } });
  await expectConsistent("moves re-dated and deleted, an idea deleted");

  // The figures are not empty: the comparisons above compared something.
  const scope = await resolveIndicatorScope(manager, { space: null, challenge: null, from: null, to: null });
  const stages = await timeInStage(scope);
  expect(stages.find((s) => s.stage === "PROPOSED")!.visits).toBeGreaterThan(25);
  expect(stages.find((s) => s.stage === "PILOT")!.medianSeconds).toBeGreaterThan(0);
  expect((await funnel(scope)).steps.find((s) => s.stage === "PRODUCTION")!.reached).toBeGreaterThan(0);
  expect((await throughput(scope)).length).toBeGreaterThan(2);
  expect(checked).toBeGreaterThan(100);
}, 180_000);
