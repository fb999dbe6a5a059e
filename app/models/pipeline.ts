// The innovation pipeline as one pure state machine, shared by the UI (which moves to offer) and the
// server (which moves to accept). Who may move is decided in app/auth/policy.ts; what a move is lives here.
// docs/decisions/0006-pipeline.md
import { z } from "zod";
import type { IdeaStage, PilotDecision } from "~/generated/prisma/enums.ts";
import { msg, recordId, text } from "~/lib/validation.ts";

export const STAGES = [
  "PROPOSED",
  "UNDER_REVIEW",
  "SELECTED",
  "PILOT",
  "PRODUCTION",
  "REJECTED",
  "ARCHIVED",
] as const satisfies readonly IdeaStage[];

/** Stages from which an idea can still progress, be rejected or be archived. */
export const OPEN_STAGES = ["PROPOSED", "UNDER_REVIEW", "SELECTED", "PILOT"] as const satisfies readonly IdeaStage[];

/** Closing an idea this way needs a public reason. */
export const REASON_STAGES = ["REJECTED", "ARCHIVED"] as const satisfies readonly IdeaStage[];

/** The main line: each open stage has exactly one stage after it. */
const FORWARD: Readonly<Partial<Record<IdeaStage, IdeaStage>>> = {
  PROPOSED: "UNDER_REVIEW",
  UNDER_REVIEW: "SELECTED",
  SELECTED: "PILOT",
  PILOT: "PRODUCTION",
};

export function isOpenStage(stage: IdeaStage): boolean {
  return (OPEN_STAGES as readonly IdeaStage[]).includes(stage);
}

/** Every stage an idea at `stage` may move to, in display order. */
export function nextStages(stage: IdeaStage): IdeaStage[] {
  if (stage === "REJECTED") return ["UNDER_REVIEW"]; // a second look
  if (!isOpenStage(stage)) return []; // PRODUCTION and ARCHIVED are final
  const forward = FORWARD[stage];
  return [...(forward ? [forward] : []), "REJECTED", "ARCHIVED"];
}

export function isAllowedMove(from: IdeaStage, to: IdeaStage): boolean {
  return nextStages(from).includes(to);
}

export function requiresReason(to: IdeaStage): boolean {
  return (REASON_STAGES as readonly IdeaStage[]).includes(to);
}

/** PRODUCTION is reached only from a pilot whose decision is "go". */
export function requiresGo(to: IdeaStage): boolean {
  return to === "PRODUCTION";
}

export type MoveFacts = { pilotDecision: PilotDecision | null; note?: string | null };
export type MoveProblem = "not-allowed" | "go-required" | "reason-required";

/** Why the move cannot happen, or null when it can. Checked again inside the moving transaction. */
export function moveProblem(from: IdeaStage, to: IdeaStage, facts: MoveFacts): MoveProblem | null {
  if (!isAllowedMove(from, to)) return "not-allowed";
  if (requiresGo(to) && facts.pilotDecision !== "GO") return "go-required";
  if (requiresReason(to) && !facts.note?.trim()) return "reason-required";
  return null;
}

/** The moves to offer in a menu: allowed now, given what is known about the pilot. */
export function availableMoves(stage: IdeaStage, pilotDecision: PilotDecision | null): IdeaStage[] {
  return nextStages(stage).filter((to) => !requiresGo(to) || pilotDecision === "GO");
}

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

/** A stage from a URL parameter (`?etape=PILOT`), or null when absent or unknown. */
export function parseStage(value: string | null): IdeaStage | null {
  return (STAGES as readonly string[]).includes(value ?? "") ? (value as IdeaStage) : null;
}
