// The pipeline's stages, without zod: imported by the space page, whose browser bundle must stay small
// (docs/decisions/0032-weight-and-statements-per-request.md). The moves between them: ./pipeline.ts.
import type { IdeaStage, PilotDecision } from "~/generated/prisma/enums.ts";

export const STAGES = [
  "PROPOSED",
  "UNDER_REVIEW",
  "SELECTED",
  "PILOT",
  "PRODUCTION",
  "REJECTED",
  "ARCHIVED",
] as const satisfies readonly IdeaStage[];

/** A stage from a URL parameter (`?etape=PILOT`), or null when absent or unknown. */
export function parseStage(value: string | null): IdeaStage | null {
  return (STAGES as readonly string[]).includes(value ?? "") ? (value as IdeaStage) : null;
}

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
