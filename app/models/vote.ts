// What a vote answers a page that runs JavaScript (docs/decisions/0056): the viewer's state and the exact
// count, read after the vote committed, with the database clock `at` of that read. Pure: the support box
// merges it with the loader's values and the live ones (newest `at` wins), and the routes'
// `shouldRevalidate` recognise it to skip reloading the page after a vote.

/** The form field the support box adds when it votes through the fetcher: "answer with the state". */
export const REPLY_FIELD = "reply";
export const REPLY_STATE = "state";

export type SupportState = {
  /** Whether the viewer supports the idea, at `at`. */
  supported: boolean;
  /** The idea's exact support count, at `at`. */
  supports: number;
  /** The database clock (milliseconds) when both were read, as loaders' `countsAt` and live events carry it. */
  at: number;
};

/** Whether an action's answer is a vote's state (and not a refusal, a comment form's answer, nothing). */
export function isSupportState(value: unknown): value is SupportState {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.supported === "boolean" && typeof v.supports === "number" && typeof v.at === "number";
}

/**
 * Whether a revalidation may skip a route's loaders because it follows the support box's vote on the page
 * shown: the action answered a support state and the router reloads the very page it shows. Not when the
 * answer lands while the person is on the way to another page (another idea through the same route, another
 * search): the router then completes that navigation with what it loads now, so it must load it.
 */
export function isVoteAnswerHere(args: { actionResult?: unknown; currentUrl: URL; nextUrl: URL }): boolean {
  const { currentUrl, nextUrl } = args;
  return isSupportState(args.actionResult) && currentUrl.href === nextUrl.href;
}
