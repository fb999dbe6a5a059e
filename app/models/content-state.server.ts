// Refusing an action on frozen content (app/models/content-state.ts) with a message the page shows.
import { RuleBroken } from "./errors.ts";
import { ideaAccepts, ideaState, type IdeaAction } from "./content-state.ts";

/** 409 when the idea's state (hidden, merged) does not accept the action; checked again under locks. */
export function requireIdeaAccepts(
  idea: { hiddenAt?: Date | string | null; mergedIntoId?: string | null },
  action: IdeaAction,
  field?: string,
): void {
  const state = ideaState(idea);
  if (ideaAccepts(state, action)) return;
  throw new RuleBroken(state.hidden ? "moderation.frozen" : "merge.sourceMerged", {
    conflict: true,
    ...(field ? { field } : {}),
  });
}
