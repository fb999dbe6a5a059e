// How the routes and the support box recognise a vote's answer (docs/decisions/0056): by the marker its
// model sets, not by its shape, so that another answer with the same fields is never taken for one.
import { expect, test } from "vitest";
import { msg } from "~/lib/validation.ts";
import {
  ideaPageStaleAfterVote,
  isSupportState,
  isVoteAnswerHere,
  isVoteRefusal,
  supportState,
  voteRefusal,
} from "./vote.ts";

const state = supportState({ supported: true, supports: 3, at: 1_765_000_000_000 });
const limited = voteRefusal(msg("rateLimit.tooManySeconds", { seconds: 40 }), { pageStale: false });
const closed = voteRefusal("challenge.participationClosed", { pageStale: true });

test("a support state is what the model made, not any answer of its shape", () => {
  expect(state).toEqual({ kind: "support-state", supported: true, supports: 3, at: 1_765_000_000_000 });
  expect(isSupportState(state)).toBe(true);
  // The same fields without the marker (another action's answer that happens to look alike) is not one.
  expect(isSupportState({ supported: true, supports: 3, at: 1_765_000_000_000 })).toBe(false);
  expect(isSupportState({ ...state, kind: "follow-state" })).toBe(false);
  // The marker with fields of the wrong types is not one either.
  expect(isSupportState({ ...state, supports: "3" })).toBe(false);
  expect(isSupportState({ kind: "support-state" })).toBe(false);
  for (const other of [null, undefined, "support-state", 3, limited, closed, { formId: "comment-new" }])
    expect(isSupportState(other)).toBe(false);
});

test("a refused vote is what the action made, with or without a stale page", () => {
  expect(closed).toEqual({
    kind: "vote-refused",
    formId: "support",
    refused: "challenge.participationClosed",
    pageStale: true,
  });
  expect(isVoteRefusal(closed)).toBe(true);
  expect(isVoteRefusal(limited)).toBe(true);
  // A comment form's refusal, or the old shape without the marker, is not a vote's.
  expect(isVoteRefusal({ formId: "support", refused: "challenge.participationClosed" })).toBe(false);
  expect(isVoteRefusal({ ...closed, kind: undefined })).toBe(false);
  expect(isVoteRefusal({ formId: "comment-new", result: { status: "error" } })).toBe(false);
  for (const other of [null, undefined, "vote-refused", state]) expect(isVoteRefusal(other)).toBe(false);
});

test("a vote's answer on the page shown skips the layout; a policy refusal alone reads the idea again", () => {
  const here = { currentUrl: new URL("http://x/idees/a"), nextUrl: new URL("http://x/idees/a") };
  expect(isVoteAnswerHere({ ...here, actionResult: state })).toBe(true);
  expect(isVoteAnswerHere({ ...here, actionResult: limited })).toBe(true);
  expect(isVoteAnswerHere({ ...here, actionResult: closed })).toBe(true);
  // Another answer, even of the state's shape, keeps Remix's default.
  expect(isVoteAnswerHere({ ...here, actionResult: { supported: true, supports: 3, at: 1 } })).toBe(false);
  expect(isVoteAnswerHere({ ...here, actionResult: undefined })).toBe(false);
  // On the way to another page (another idea, the same idea's next comments): that page must be loaded.
  for (const next of ["http://x/idees/b", "http://x/idees/a?commentaires=c1"])
    for (const actionResult of [state, limited, closed])
      expect(isVoteAnswerHere({ ...here, nextUrl: new URL(next), actionResult })).toBe(false);
  expect(ideaPageStaleAfterVote(closed)).toBe(true);
  expect(ideaPageStaleAfterVote(limited)).toBe(false);
  expect(ideaPageStaleAfterVote(state)).toBe(false);
  expect(ideaPageStaleAfterVote(undefined)).toBe(false);
});
