import { expect, test } from "vitest";
import { COMMENT_ACTIONS, commentAccepts, IDEA_ACTIONS, ideaAccepts, ideaState } from "./content-state.ts";

const accepted = (state: { hidden: boolean; merged: boolean }) => IDEA_ACTIONS.filter((a) => ideaAccepts(state, a));

test("an idea that is neither hidden nor merged accepts every action", () => {
  expect(accepted({ hidden: false, merged: false })).toEqual([...IDEA_ACTIONS]);
});

test("a hidden idea accepts only a moderator's decision: frozen for its author and managers too", () => {
  expect(accepted({ hidden: true, merged: false })).toEqual(["moderate"]);
});

test("a merged idea accepts a moderator's decision and the undo of its merge", () => {
  expect(accepted({ hidden: false, merged: true })).toEqual(["unmerge", "moderate"]);
});

test("an idea both merged and hidden accepts what both states accept", () => {
  expect(accepted({ hidden: true, merged: true })).toEqual(["moderate"]);
});

test("a hidden comment accepts only a moderator's decision; a visible one everything", () => {
  expect(COMMENT_ACTIONS.filter((a) => commentAccepts({ hidden: true }, a))).toEqual(["moderate"]);
  expect(COMMENT_ACTIONS.filter((a) => commentAccepts({ hidden: false }, a))).toEqual([...COMMENT_ACTIONS]);
});

test("the state is read from the rows' columns", () => {
  expect(ideaState({ hiddenAt: null, mergedIntoId: null })).toEqual({ hidden: false, merged: false });
  expect(ideaState({})).toEqual({ hidden: false, merged: false });
  expect(ideaState({ hiddenAt: "2026-12-01T00:00:00Z", mergedIntoId: "a" })).toEqual({ hidden: true, merged: true });
});
