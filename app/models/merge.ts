// Merging duplicate ideas: the pure rules, shared by the manager page (what to offer) and the server
// (what to accept, checked again under the ideas' row locks). docs/decisions/0014-merge-duplicates.md
import { z } from "zod";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/lib/i18n.ts";
import { msg, text } from "~/lib/validation.ts";

/**
 * Duplicates are merged while both ideas are still being reviewed, and a merge can be undone until
 * the target leaves review: once a decision is taken on the target, its supporters are part of it.
 */
export const MERGE_STAGES = ["PROPOSED", "UNDER_REVIEW"] as const satisfies readonly IdeaStage[];

export const isReviewStage = (stage: IdeaStage) => (MERGE_STAGES as readonly IdeaStage[]).includes(stage);

export type MergeSide = {
  id: string;
  spaceId: string;
  stage: IdeaStage;
  hiddenAt: Date | string | null;
  mergedIntoId: string | null;
  /** Merges into this idea that are not undone. */
  activeMergesHere: number;
};

export type MergeProblem =
  | "same-idea"
  | "other-space"
  | "source-merged"
  | "target-merged"
  | "source-hidden"
  | "target-hidden"
  | "source-stage"
  | "target-stage"
  | "source-has-merges";

/**
 * Why `source` cannot be merged into `target`, or null. An idea that absorbed others is not merged in
 * turn (no chains: every redirect is one hop, every undo touches two ideas), which also makes a cycle
 * impossible: the target of a merge is never merged, the source never a target.
 */
export function mergeProblem(source: MergeSide, target: MergeSide): MergeProblem | null {
  if (source.id === target.id) return "same-idea";
  if (source.spaceId !== target.spaceId) return "other-space";
  if (source.mergedIntoId !== null) return "source-merged";
  if (target.mergedIntoId !== null) return "target-merged";
  if (source.hiddenAt !== null) return "source-hidden";
  if (target.hiddenAt !== null) return "target-hidden";
  if (!isReviewStage(source.stage)) return "source-stage";
  if (!isReviewStage(target.stage)) return "target-stage";
  if (source.activeMergesHere > 0) return "source-has-merges";
  return null;
}

export const MERGE_PROBLEM_KEYS: Record<MergeProblem, MessageKey> = {
  "same-idea": "merge.sameIdea",
  "other-space": "merge.otherSpace",
  "source-merged": "merge.sourceMerged",
  "target-merged": "merge.targetMerged",
  "source-hidden": "merge.sourceHidden",
  "target-hidden": "merge.targetHidden",
  "source-stage": "merge.sourceStage",
  "target-stage": "merge.targetStage",
  "source-has-merges": "merge.sourceHasMerges",
};

export type UndoProblem = "already-undone" | "target-left-review";

/** A merge is undone once, and only while its target is still in review. */
export function undoProblem(
  merge: { undoneAt: Date | string | null },
  target: { stage: IdeaStage },
): UndoProblem | null {
  if (merge.undoneAt !== null) return "already-undone";
  if (!isReviewStage(target.stage)) return "target-left-review";
  return null;
}

export const UNDO_PROBLEM_KEYS: Record<UndoProblem, MessageKey> = {
  "already-undone": "merge.alreadyUndone",
  "target-left-review": "merge.targetLeftReview",
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The idea a manager pointed at: its id, or the address of its page (absolute or not, with or
 * without a trailing path, query or fragment). Null when it names no idea.
 */
export function parseIdeaReference(value: string): string | null {
  const raw = value.trim();
  if (ID.test(raw)) return raw;
  const match = /^(?:https?:\/\/[^/\s]+)?\/idees\/([A-Za-z0-9_-]{1,64})(?:[/?#][^\s]*)?$/.exec(raw);
  return match ? match[1]! : null;
}

export const MERGE_NOTE_MAX = 1_000;

/** The target search (app/models/merge-search.server.ts): at most ten results, for 2 to 100 characters typed. */
export const MERGE_TARGETS_LIMIT = 10;
export const MERGE_QUERY_MIN = 2;
export const MERGE_QUERY_MAX = 100;

/**
 * The target is pasted (`target`: an address or id) or picked among the search results (`pick`: a
 * radio button). What was pasted wins: with JavaScript, picking a result also writes its id there.
 */
export const MergeSchema = z
  .object({
    target: text({ max: 300, singleLine: true })
      .transform((value, ctx) => {
        const id = parseIdeaReference(value);
        if (!id) {
          ctx.addIssue({ code: "custom", message: msg("merge.targetInvalid") });
          return z.NEVER;
        }
        return id;
      })
      .optional(),
    pick: z
      .string()
      .regex(ID, { error: msg("form.invalidId") })
      .optional(),
    note: text({ max: MERGE_NOTE_MAX }).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.target && !value.pick)
      ctx.addIssue({ code: "custom", path: ["target"], message: msg("merge.targetInvalid") });
  });
export type MergeInput = z.output<typeof MergeSchema>;

/** The idea chosen as target: what was pasted, else what was picked (MergeSchema made sure of one). */
export const mergeTargetOf = (input: MergeInput): string => input.target ?? input.pick ?? "";

export const UnmergeSchema = z.object({ mergeId: z.string().regex(ID, { error: msg("form.invalidId") }) });
