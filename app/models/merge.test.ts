import { expect, test } from "vitest";
import { MergeSchema, mergeProblem, parseIdeaReference, undoProblem, type MergeSide } from "./merge.ts";

const side = (over: Partial<MergeSide> = {}): MergeSide => ({
  id: "a",
  spaceId: "s",
  stage: "PROPOSED",
  hiddenAt: null,
  mergedIntoId: null,
  activeMergesHere: 0,
  ...over,
});

test("two open duplicates of one space merge", () => {
  expect(mergeProblem(side({ id: "b" }), side({ id: "a", stage: "UNDER_REVIEW" }))).toBeNull();
});

test("an idea is not merged into itself, nor across spaces", () => {
  expect(mergeProblem(side(), side())).toBe("same-idea");
  expect(mergeProblem(side({ id: "b", spaceId: "t" }), side())).toBe("other-space");
});

test("merged, hidden or decided ideas are neither merged nor merged into", () => {
  expect(mergeProblem(side({ id: "b", mergedIntoId: "c" }), side())).toBe("source-merged");
  expect(mergeProblem(side({ id: "b" }), side({ mergedIntoId: "c" }))).toBe("target-merged");
  expect(mergeProblem(side({ id: "b", hiddenAt: new Date() }), side())).toBe("source-hidden");
  expect(mergeProblem(side({ id: "b" }), side({ hiddenAt: "2026-01-01" }))).toBe("target-hidden");
  for (const stage of ["SELECTED", "PILOT", "PRODUCTION", "REJECTED", "ARCHIVED"] as const) {
    expect(mergeProblem(side({ id: "b", stage }), side())).toBe("source-stage");
    expect(mergeProblem(side({ id: "b" }), side({ stage }))).toBe("target-stage");
  }
});

test("an idea that absorbed others is not merged in turn (no chains, no cycles)", () => {
  expect(mergeProblem(side({ id: "b", activeMergesHere: 1 }), side())).toBe("source-has-merges");
  // The reverse of an existing merge b → a is refused either way: b is merged, a absorbed it.
  expect(mergeProblem(side({ id: "a", activeMergesHere: 1 }), side({ id: "b", mergedIntoId: "a" }))).not.toBeNull();
  expect(mergeProblem(side({ id: "a", activeMergesHere: 1 }), side({ id: "b" }))).toBe("source-has-merges");
});

test("undo: once, and only while the target is in review", () => {
  expect(undoProblem({ undoneAt: null }, { stage: "PROPOSED" })).toBeNull();
  expect(undoProblem({ undoneAt: null }, { stage: "UNDER_REVIEW" })).toBeNull();
  expect(undoProblem({ undoneAt: null }, { stage: "SELECTED" })).toBe("target-left-review");
  expect(undoProblem({ undoneAt: null }, { stage: "REJECTED" })).toBe("target-left-review");
  expect(undoProblem({ undoneAt: new Date() }, { stage: "PROPOSED" })).toBe("already-undone");
});

test("the target is an id or an idea's address", () => {
  expect(parseIdeaReference(" abc123 ")).toBe("abc123");
  expect(parseIdeaReference("/idees/abc123")).toBe("abc123");
  expect(parseIdeaReference("https://idees.example.fr/idees/abc123/pilotage?x=1#c")).toBe("abc123");
  expect(parseIdeaReference("http://localhost:3000/idees/abc_1-2")).toBe("abc_1-2");
  expect(parseIdeaReference("https://idees.example.fr/espaces/abc")).toBeNull();
  expect(parseIdeaReference("abc 123")).toBeNull();
  expect(parseIdeaReference("javascript:alert(1)")).toBeNull();
});

test("the merge form: target required and valid, note optional", () => {
  expect(MergeSchema.safeParse({ target: "/idees/xyz", note: "  doublon  " }).data).toEqual({
    target: "xyz",
    note: "doublon",
  });
  expect(MergeSchema.safeParse({ target: "" }).success).toBe(false);
  expect(MergeSchema.safeParse({ target: "pas une idée !" }).error?.issues[0]?.message).toBe("merge.targetInvalid");
});
