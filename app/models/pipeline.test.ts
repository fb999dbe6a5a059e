// The stage machine and who may drive it: every from × to × role, checked against a table written out
// by hand here (not derived from the code under test).
import { expect, test } from "vitest";
import { translator } from "~/lib/i18n.server.ts";
import {
  canMoveIdea,
  canManagePipeline,
  canUseManagerBoard,
  canSeeEvaluations,
  canAssignEvaluators,
  canEvaluate,
  canBeEvaluator,
  canEditPilot,
  canEditRollout,
  canReadAuditLog,
  type Viewer,
} from "~/auth/policy.ts";
import type { IdeaStage, Role } from "~/generated/prisma/enums.ts";
import {
  availableMoves,
  durationParts,
  justNow,
  isAllowedMove,
  moveProblem,
  nextStages,
  OPEN_STAGES,
  parseStage,
  requiresReason,
  STAGES,
  StageMoveSchema,
  timeInStages,
  totalTimeByStage,
} from "./pipeline.ts";

/** The issue's graph: the main line, REJECTED/ARCHIVED from any open stage, REJECTED back to review. */
const ALLOWED = new Set([
  "PROPOSED>UNDER_REVIEW",
  "UNDER_REVIEW>SELECTED",
  "SELECTED>PILOT",
  "PILOT>PRODUCTION",
  "PROPOSED>REJECTED",
  "UNDER_REVIEW>REJECTED",
  "SELECTED>REJECTED",
  "PILOT>REJECTED",
  "PROPOSED>ARCHIVED",
  "UNDER_REVIEW>ARCHIVED",
  "SELECTED>ARCHIVED",
  "PILOT>ARCHIVED",
  "REJECTED>UNDER_REVIEW",
]);

const ROLES: (Role | null)[] = [null, "PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER", "ADMIN"];
const MOVERS = new Set<Role | null>(["MANAGER", "ADMIN"]);
const SPACES = [
  { id: "space-public", audience: "PUBLIC" as const },
  { id: "space-internal", audience: "INTERNAL" as const },
];

const viewerOf = (role: Role | null, granted: string[] = []): Viewer =>
  role ? { id: `u-${role}`, role, grantedSpaceIds: granted } : null;

test("the stage lists are the schema's, in pipeline order", () => {
  expect(STAGES).toEqual(["PROPOSED", "UNDER_REVIEW", "SELECTED", "PILOT", "PRODUCTION", "REJECTED", "ARCHIVED"]);
  expect(OPEN_STAGES).toEqual(["PROPOSED", "UNDER_REVIEW", "SELECTED", "PILOT"]);
});

for (const from of STAGES) {
  for (const to of STAGES) {
    const allowed = ALLOWED.has(`${from}>${to}`);
    test(`${from} → ${to} is ${allowed ? "allowed" : "forbidden"} for MANAGER and ADMIN only`, () => {
      expect(isAllowedMove(from, to)).toBe(allowed);
      expect(nextStages(from).includes(to)).toBe(allowed);
      for (const space of SPACES) {
        for (const role of ROLES) {
          const viewer = viewerOf(role);
          const idea = { authorId: "someone", stage: from, space };
          expect(canMoveIdea(viewer, idea, to), `${role ?? "anonymous"} in ${space.audience}`).toBe(
            allowed && MOVERS.has(role),
          );
        }
        // A supplier granted the space may see the idea, and still not move it.
        expect(canMoveIdea(viewerOf("SUPPLIER", [space.id]), { authorId: "x", stage: from, space }, to)).toBe(false);
      }
      // Being the author gives no right to move one's own idea.
      expect(canMoveIdea(viewerOf("EMPLOYEE"), { authorId: "u-EMPLOYEE", stage: from, space: SPACES[0]! }, to)).toBe(
        false,
      );
    });
  }
}

test("nextStages lists the forward move first, then the closing ones; PRODUCTION and ARCHIVED are final", () => {
  expect(nextStages("PROPOSED")).toEqual(["UNDER_REVIEW", "REJECTED", "ARCHIVED"]);
  expect(nextStages("PILOT")).toEqual(["PRODUCTION", "REJECTED", "ARCHIVED"]);
  expect(nextStages("REJECTED")).toEqual(["UNDER_REVIEW"]);
  expect(nextStages("PRODUCTION")).toEqual([]);
  expect(nextStages("ARCHIVED")).toEqual([]);
});

test("rejecting and archiving need a reason; PRODUCTION needs a go; the rest needs neither", () => {
  for (const to of STAGES) expect(requiresReason(to)).toBe(to === "REJECTED" || to === "ARCHIVED");
  for (const from of STAGES) {
    for (const to of STAGES) {
      const expected = !ALLOWED.has(`${from}>${to}`)
        ? "not-allowed"
        : to === "PRODUCTION"
          ? "go-required"
          : to === "REJECTED" || to === "ARCHIVED"
            ? "reason-required"
            : null;
      expect(moveProblem(from, to, { pilotDecision: null, note: "" }), `${from}>${to}`).toBe(expected);
      if (expected === "reason-required") {
        expect(moveProblem(from, to, { pilotDecision: null, note: "   " })).toBe("reason-required");
        expect(moveProblem(from, to, { pilotDecision: null, note: "Hors du champ de l'établissement" })).toBeNull();
      }
    }
  }
  expect(moveProblem("PILOT", "PRODUCTION", { pilotDecision: "NO_GO" })).toBe("go-required");
  expect(moveProblem("PILOT", "PRODUCTION", { pilotDecision: "GO" })).toBeNull();
});

test("the move menu offers PRODUCTION only after a go", () => {
  expect(availableMoves("PILOT", null)).toEqual(["REJECTED", "ARCHIVED"]);
  expect(availableMoves("PILOT", "NO_GO")).toEqual(["REJECTED", "ARCHIVED"]);
  expect(availableMoves("PILOT", "GO")).toEqual(["PRODUCTION", "REJECTED", "ARCHIVED"]);
  for (const stage of STAGES) if (stage !== "PILOT") expect(availableMoves(stage, null)).toEqual(nextStages(stage));
});

test("the move form requires a reason for REJECTED and ARCHIVED, and refuses unknown stages", () => {
  const base = { ideaId: "i1", from: "UNDER_REVIEW" };
  expect(StageMoveSchema.safeParse({ ...base, to: "SELECTED" }).success).toBe(true);
  for (const to of ["REJECTED", "ARCHIVED"]) {
    const refused = StageMoveSchema.safeParse({ ...base, to });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(["note"]);
    expect(StageMoveSchema.safeParse({ ...base, to, note: "Doublon de l'idée 42" }).success).toBe(true);
  }
  expect(StageMoveSchema.safeParse({ ...base, to: "LAUNCHED" }).success).toBe(false);
  expect(StageMoveSchema.safeParse({ ...base, from: "NOPE", to: "SELECTED" }).success).toBe(false);
  expect(StageMoveSchema.safeParse({ ...base, to: "REJECTED", note: "x".repeat(1001) }).success).toBe(false);
});

test("policy: the pipeline, evaluations and the journal belong to the right roles", () => {
  const space = SPACES[1]!;
  for (const role of ROLES) {
    const viewer = viewerOf(role);
    const manager = MOVERS.has(role);
    expect(canManagePipeline(viewer, space)).toBe(manager);
    expect(canUseManagerBoard(viewer)).toBe(manager);
    for (const stage of STAGES) {
      const idea = { authorId: "author", stage, space };
      expect(canSeeEvaluations(viewer, idea)).toBe(manager);
      expect(canAssignEvaluators(viewer, idea)).toBe(manager && stage === "UNDER_REVIEW");
      expect(canEditPilot(viewer, idea)).toBe(manager && stage === "PILOT");
      expect(canEditRollout(viewer, idea)).toBe(manager && stage === "PRODUCTION");
      const staff = role === "EMPLOYEE" || role === "MODERATOR" || role === "MANAGER" || role === "ADMIN";
      expect(canEvaluate(viewer, idea, true)).toBe(staff && stage === "UNDER_REVIEW");
      expect(canEvaluate(viewer, idea, false)).toBe(false);
    }
    expect(canReadAuditLog(viewer)).toBe(role === "ADMIN");
  }
  const idea = { authorId: "author", stage: "UNDER_REVIEW" as const, space };
  expect(canBeEvaluator({ id: "author", role: "EMPLOYEE" }, idea)).toBe(false); // not one's own idea
  expect(canBeEvaluator({ id: "p", role: "SUPPLIER" }, idea)).toBe(false);
  expect(canBeEvaluator({ id: "p", role: "PUBLIC" }, idea)).toBe(false);
  expect(canBeEvaluator({ id: "p", role: "EMPLOYEE" }, idea)).toBe(true);
  expect(canEvaluate(viewerOf("EMPLOYEE"), { ...idea, authorId: "u-EMPLOYEE" }, true)).toBe(false);
});

test("timeInStages splits an idea's life into visits, the last one running until now", () => {
  const t0 = new Date("2027-01-01T00:00:00Z");
  const at = (days: number) => new Date(t0.getTime() + days * 86_400_000);
  const transitions: { fromStage: IdeaStage; toStage: IdeaStage; createdAt: Date }[] = [
    { fromStage: "PROPOSED", toStage: "UNDER_REVIEW", createdAt: at(2) },
    { fromStage: "UNDER_REVIEW", toStage: "REJECTED", createdAt: at(5) },
    { fromStage: "REJECTED", toStage: "UNDER_REVIEW", createdAt: at(6) },
    { fromStage: "UNDER_REVIEW", toStage: "SELECTED", createdAt: at(10) },
  ];
  const segments = timeInStages(t0, transitions, at(13));
  expect(segments.map((s) => [s.stage, s.durationMs / 86_400_000])).toEqual([
    ["PROPOSED", 2],
    ["UNDER_REVIEW", 3],
    ["REJECTED", 1],
    ["UNDER_REVIEW", 4],
    ["SELECTED", 3],
  ]);
  expect(segments.at(-1)!.leftAt).toBeNull();
  expect(segments[0]!.leftAt).toBe(at(2).toISOString());
  expect(totalTimeByStage(segments)).toEqual({
    PROPOSED: 2 * 86_400_000,
    UNDER_REVIEW: 7 * 86_400_000,
    REJECTED: 86_400_000,
    SELECTED: 3 * 86_400_000,
  });
  expect(timeInStages(t0, [], at(1))).toEqual([
    { stage: "PROPOSED", enteredAt: t0.toISOString(), leftAt: null, durationMs: 86_400_000 },
  ]);
  // A clock skew never yields a negative duration.
  expect(timeInStages(at(1), [], t0)[0]!.durationMs).toBe(0);
});

test("durations read as minutes, hours, then days", () => {
  expect(durationParts(0)).toEqual({ unit: "minutes", count: 0 });
  expect(durationParts(59 * 60_000)).toEqual({ unit: "minutes", count: 59 });
  expect(durationParts(60 * 60_000)).toEqual({ unit: "hours", count: 1 });
  expect(durationParts(47 * 3_600_000)).toEqual({ unit: "hours", count: 47 });
  expect(durationParts(48 * 3_600_000)).toEqual({ unit: "days", count: 2 });
  expect(durationParts(-5)).toEqual({ unit: "minutes", count: 0 });
});

test('under a minute reads "à l\'instant" / "just now", never "0 minute"', () => {
  const fr = translator("fr");
  const en = translator("en");
  expect(justNow(0)).toBe("yes");
  expect(justNow(59_999)).toBe("yes");
  expect(justNow(60_000)).toBe("no");
  expect(fr("pipeline.since", { duration: "0 minute", justNow: justNow(30_000) })).toBe("à l'instant");
  expect(en("pipeline.since", { duration: "0 minutes", justNow: justNow(30_000) })).toBe("just now");
  expect(fr("pipeline.since", { duration: "2 minutes", justNow: justNow(120_000) })).toBe("depuis 2 minutes");
  expect(en("board.age", { duration: "2 minutes", justNow: justNow(120_000) })).toBe("at this stage for 2 minutes");
  expect(fr("board.age", { duration: "0 minute", justNow: justNow(0) })).not.toContain("0 minute");
});

test("parseStage accepts the stage names only", () => {
  expect(parseStage("PILOT")).toBe("PILOT");
  for (const bad of [null, "", "pilot", "DROP TABLE", "__proto__"]) expect(parseStage(bad)).toBeNull();
});
