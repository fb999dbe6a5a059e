// What content accepts in each state (docs/decisions/0008-moderation.md, "Frozen"): THE list, read by
// the policy (app/auth/policy.ts) for every action. Hidden content is frozen for everyone until a
// moderator restores it; a merged idea is frozen until the merge is undone
// (docs/decisions/0014-merge-duplicates.md). Pure, shared by the UI and the server.

/** Everything that can be done to an idea, by anyone. */
export const IDEA_ACTIONS = [
  "edit", // its author, while PROPOSED
  "vote", // supporting or withdrawing support
  "comment", // a new comment or a reply on it
  "flag", // reporting it
  "move", // a pipeline stage move
  "merge", // merging it into another idea, or another idea into it
  "unmerge", // undoing a merge it is part of
  "evaluate", // an assigned evaluator's scores
  "assignEvaluators",
  "pilot", // the pilot's details, KPIs and go/no-go decision
  "rollout", // what production looks like
  "answer", // the official answer
  "moderate", // a moderator's hide, restore or dismissal
] as const;
export type IdeaAction = (typeof IDEA_ACTIONS)[number];

/** Everything that can be done to a comment, by anyone. */
export const COMMENT_ACTIONS = ["edit", "delete", "reply", "flag", "moderate"] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

export type IdeaState = { hidden: boolean; merged: boolean };
export type CommentState = { hidden: boolean };

/**
 * What a frozen idea still accepts:
 * - hidden: only a moderator's decision (restore, dismiss the reports, hide with another reason).
 *   Nothing else, not even from its author or a manager: no edit, vote, comment, report, stage move,
 *   merge, undo of a merge, evaluation, pilot, rollout or official answer.
 * - merged: a moderator's decision (a merged idea can still be hidden) and the undo of its merge.
 * An idea in both states accepts only what both accept.
 */
const HIDDEN_IDEA_ACCEPTS: readonly IdeaAction[] = ["moderate"];
const MERGED_IDEA_ACCEPTS: readonly IdeaAction[] = ["moderate", "unmerge"];
/** A hidden comment accepts only a moderator's decision: its author neither edits nor deletes it. */
const HIDDEN_COMMENT_ACCEPTS: readonly CommentAction[] = ["moderate"];

export function ideaAccepts(state: IdeaState, action: IdeaAction): boolean {
  if (state.hidden && !HIDDEN_IDEA_ACCEPTS.includes(action)) return false;
  if (state.merged && !MERGED_IDEA_ACCEPTS.includes(action)) return false;
  return true;
}

export function commentAccepts(state: CommentState, action: CommentAction): boolean {
  return !state.hidden || HIDDEN_COMMENT_ACCEPTS.includes(action);
}

const isSet = (value: Date | string | null | undefined) => value !== undefined && value !== null;

/** The state of an idea as the policy's refs carry it. */
export const ideaState = (idea: { hiddenAt?: Date | string | null; mergedIntoId?: string | null }): IdeaState => ({
  hidden: isSet(idea.hiddenAt),
  merged: isSet(idea.mergedIntoId),
});

export const commentState = (comment: { hiddenAt?: Date | string | null }): CommentState => ({
  hidden: isSet(comment.hiddenAt),
});
