// What a vote answers a page that runs JavaScript (docs/decisions/0056): the viewer's state and the exact
// count, read after the vote committed, with the database clock `at` of that read; or the refusal, with its
// reason. Pure: the support box merges the state with the loader's values and the live ones (newest `at`
// wins) and shows the refusal beside the button, and the routes' `shouldRevalidate` recognise both to
// reload no more of the page than the answer calls for.

/** The form field the support box adds when it votes through the fetcher: "answer with the state". */
export const REPLY_FIELD = "reply";
export const REPLY_STATE = "state";

export type SupportState = {
  /** Says what this answer is, so that no other answer of the same shape is taken for a vote's state. */
  kind: "support-state";
  /** Whether the viewer supports the idea, at `at`. */
  supported: boolean;
  /** The idea's exact support count, at `at`. */
  supports: number;
  /** The database clock (milliseconds) when both were read, as loaders' `countsAt` and live events carry it. */
  at: number;
};

/** A refused vote's answer, with or without JavaScript (the form's `formId` is the support box's). */
export type VoteRefusal = {
  kind: "vote-refused";
  formId: "support";
  /** Why (a message key with its parameters, see msg()), shown beside the button. */
  refused: string;
  /**
   * Whether the page no longer says what the viewer may do: the policy refused with a reason (the
   * challenge's participation closed since the page was read). Not for a rate limit, which changed nothing.
   */
  pageStale: boolean;
};

export function supportState(read: Omit<SupportState, "kind">): SupportState {
  return { kind: "support-state", ...read };
}

export function voteRefusal(refused: string, options: { pageStale: boolean }): VoteRefusal {
  return { kind: "vote-refused", formId: "support", refused, pageStale: options.pageStale };
}

/** Whether an action's answer is a vote's state (and not a refusal, a comment form's answer, nothing). */
export function isSupportState(value: unknown): value is SupportState {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    v.kind === "support-state" &&
    typeof v.supported === "boolean" &&
    typeof v.supports === "number" &&
    typeof v.at === "number"
  );
}

/** Whether an action's answer is a refused vote. */
export function isVoteRefusal(value: unknown): value is VoteRefusal {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return v.kind === "vote-refused" && typeof v.refused === "string" && typeof v.pageStale === "boolean";
}

/**
 * Whether a revalidation follows the support box's vote on the page shown: the action answered a support
 * state or a refused vote, and the router reloads the very page it shows. Not when the answer lands while
 * the person is on the way to another page (another idea through the same route, another search): the
 * router then completes that navigation with what it loads now, so it must load it.
 */
export function isVoteAnswerHere(args: { actionResult?: unknown; currentUrl: URL; nextUrl: URL }): boolean {
  const { actionResult, currentUrl, nextUrl } = args;
  return (isSupportState(actionResult) || isVoteRefusal(actionResult)) && currentUrl.href === nextUrl.href;
}

/**
 * Whether the idea page's own data must be read again after a vote's answer on the page shown: only after
 * a refusal by the policy, when what the page offers is out of date. A state is shown from the answer and
 * the count is live; a rate limit changed nothing. The root's data (session, notifications) never.
 */
export function ideaPageStaleAfterVote(actionResult: unknown): boolean {
  return isVoteRefusal(actionResult) && actionResult.pageStale;
}
