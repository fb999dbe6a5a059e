// One vote, as a browser sends it (docs/decisions/0056). With JavaScript (every browser the bench stands
// for), the idea page's support box sends what Debian's Chromium was seen sending for one click: a
// single-fetch `POST /idees/<id>.data`, urlencoded `intent=…&reply=state`, and the answer is the viewer's
// state with the exact count (turbo-stream, 200); the page is not reloaded. Without JavaScript, the form's
// `POST /idees/<id>` answered `303` to the page (whose reload the bench does not follow).
import { decode } from "turbo-stream";
import { isSupportState } from "~/models/vote.ts";
import { browserFetch } from "./bench-http.ts";

export type VoteIntent = "support" | "unsupport";

type VoteRequest = { base: string; cookie: string; ideaId: string; intent: VoteIntent; origin?: string };

/**
 * The support box's click in a browser with JavaScript. True only for the success answer: status 200 and
 * a support state (as the box recognises it) saying what was asked (not a refusal, an error or a redirect).
 */
export async function browserVote(request: VoteRequest): Promise<boolean> {
  const { base, cookie, ideaId, intent } = request;
  const origin = request.origin ?? base;
  const response = await browserFetch(`${base}/idees/${ideaId}.data`, {
    method: "POST",
    headers: {
      Accept: "*/*",
      "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
      Cookie: cookie,
      Origin: origin,
      Referer: `${origin}/idees/${ideaId}`,
    },
    body: `intent=${intent}&reply=state`,
  });
  if (response.status !== 200 || !response.body) {
    await response.arrayBuffer();
    return false;
  }
  const { value, done } = await decode(response.body);
  await done;
  const state = (value as { data?: unknown } | null)?.data;
  return isSupportState(state) && state.supported === (intent === "support");
}

/** The same vote from a browser without JavaScript: the form's POST, answered `303` to the idea page. */
export async function formVote(request: VoteRequest): Promise<boolean> {
  const { base, cookie, ideaId, intent } = request;
  const response = await browserFetch(`${base}/idees/${ideaId}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Cookie: cookie,
      Origin: request.origin ?? base,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: `intent=${intent}`,
  });
  await response.arrayBuffer();
  return response.status === 303 && response.headers.get("location") === `/idees/${ideaId}`;
}
