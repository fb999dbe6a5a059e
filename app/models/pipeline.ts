// The innovation pipeline as one pure state machine, shared by the UI (which moves to offer) and the
// server (which moves to accept). Who may move is decided in app/auth/policy.ts; what a move is lives here.
// docs/decisions/0006-pipeline.md
import { z } from "zod";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { msg, recordId, text } from "~/lib/validation.ts";
import { requiresReason, STAGES } from "./stages.ts";

// The stages and the moves between them live in ./stages.ts (no zod: the list page and the policy
// import them, and their browser bundle must not carry the form schemas, ADR 0032).
export {
  availableMoves,
  isAllowedMove,
  isOpenStage,
  moveProblem,
  nextStages,
  OPEN_STAGES,
  parseStage,
  REASON_STAGES,
  requiresGo,
  requiresReason,
  STAGES,
  type MoveFacts,
  type MoveProblem,
} from "./stages.ts";

// --- time in stages ---------------------------------------------------------------------------------

export type TransitionFact = { fromStage: IdeaStage; toStage: IdeaStage; createdAt: Date | string };
export type StageSegment = { stage: IdeaStage; enteredAt: string; leftAt: string | null; durationMs: number };

/**
 * The stages an idea went through, oldest first, with the time spent in each visit. An idea starts
 * PROPOSED at its creation; each transition closes one segment and opens the next. The last segment
 * is still running at `now`. Transitions must be in chronological order.
 */
export function timeInStages(
  createdAt: Date | string,
  transitions: readonly TransitionFact[],
  now: Date | string,
): StageSegment[] {
  const at = (d: Date | string) => new Date(d).getTime();
  const segments: StageSegment[] = [];
  let stage: IdeaStage = transitions[0]?.fromStage ?? "PROPOSED";
  let enteredAt = at(createdAt);
  for (const t of transitions) {
    const left = at(t.createdAt);
    segments.push({
      stage,
      enteredAt: new Date(enteredAt).toISOString(),
      leftAt: new Date(left).toISOString(),
      durationMs: Math.max(0, left - enteredAt),
    });
    stage = t.toStage;
    enteredAt = left;
  }
  segments.push({
    stage,
    enteredAt: new Date(enteredAt).toISOString(),
    leftAt: null,
    durationMs: Math.max(0, at(now) - enteredAt),
  });
  return segments;
}

/** Total time per stage over every visit (an idea may pass UNDER_REVIEW twice). */
export function totalTimeByStage(segments: readonly StageSegment[]): Partial<Record<IdeaStage, number>> {
  const totals: Partial<Record<IdeaStage, number>> = {};
  for (const s of segments) totals[s.stage] = (totals[s.stage] ?? 0) + s.durationMs;
  return totals;
}

export type DurationParts = { unit: "minutes" | "hours" | "days"; count: number };

/** A duration as people say it: "12 minutes", "5 hours", "3 days" (rounded down, at least 0). */
export function durationParts(ms: number): DurationParts {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { unit: "minutes", count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", count: hours };
  return { unit: "days", count: Math.floor(hours / 24) };
}

/** "yes" under one minute: the catalogues say "à l'instant" / "just now" rather than "0 minute". */
export function justNow(ms: number): "yes" | "no" {
  return ms < 60_000 ? "yes" : "no";
}

// --- the move form (board and idea management page) --------------------------------------------------

export const NOTE_MAX = 1_000;

export const StageMoveSchema = z
  .object({
    ideaId: recordId(),
    /** The stage the manager saw: a move only applies if the idea is still there. */
    from: z.enum(STAGES),
    to: z.enum(STAGES, { error: msg("pipeline.chooseStage") }),
    note: text({ max: NOTE_MAX }).optional(),
  })
  .superRefine((value, ctx) => {
    if (requiresReason(value.to) && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: msg("pipeline.reasonRequired") });
    }
  });

export type StageMoveInput = z.output<typeof StageMoveSchema>;
