import { Link, useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useLayoutEffect, useState, type ReactNode } from "react";
import { useErrorText } from "~/components/form.tsx";
import { useT } from "~/lib/i18n-react.ts";
import { isSupportState, isVoteRefusal, REPLY_FIELD, REPLY_STATE } from "~/models/vote.ts";
import { recordLiveValue } from "~/realtime/use-live.ts";

// Before the browser paints, on the client; the server renders no answer, so it needs none.
const useLayoutEffectInBrowser = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * The idea's support count and its support / unsupport button: with JavaScript a fetcher, optimistic, whose
 * answer is the new state (the page is not reloaded, docs/decisions/0056); without, a plain form whose
 * answer is the page again.
 */
export function SupportBox(props: {
  ideaId: string;
  supports: number;
  supported: boolean;
  /** The database clock of the loader's `supported` (its `countsAt`), to order it with the vote's answer. */
  countsAt: number;
  canVote: boolean;
  signedIn: boolean;
  closedNote: ReactNode;
}) {
  const t = useT();
  const fetcher = useFetcher();
  // The last vote's answer: the viewer's state and the exact count, read after it committed. Newest wins:
  // its state over the loader's when read later; its count joins the live ones (before the paint), so the
  // count shown never goes back to one read before the vote.
  const state = isSupportState(fetcher.data) ? fetcher.data : null;
  const known = state && state.at > props.countsAt ? state.supported : props.supported;
  const { ideaId } = props;
  useLayoutEffectInBrowser(() => {
    if (state) recordLiveValue(ideaId, "supports", state.supports, state.at);
  }, [ideaId, state]);
  // Optimistic while the request is in flight: the count shown at the click, moved by one. Not the live
  // count moved by one: the vote's own live event may come before its answer and already include it. Not
  // after the answer either: the fetcher keeps its form data while it settles.
  const [clicked, setClicked] = useState({ supports: props.supports, supported: known });
  const pending = fetcher.state === "submitting" ? fetcher.formData?.get("intent") : undefined;
  const supported = pending ? pending === "support" : known;
  const supports = pending
    ? clicked.supports + (supported === clicked.supported ? 0 : supported ? 1 : -1)
    : props.supports;
  const errorText = useErrorText();
  // Through the fetcher, or (without JavaScript) as the page's own action answer. A refusal by the policy
  // reloads the idea's data (what the page offers changed; the route's shouldRevalidate), a rate limit
  // nothing: the click changed nothing.
  const actionData = useActionData<unknown>();
  const answer: unknown = fetcher.data ?? actionData;
  const refused = !pending && isVoteRefusal(answer) ? answer.refused : null;
  return (
    <div className="support-box">
      <p className="support-box__count" data-testid="support-count">
        {t("idea.supports", { count: supports })}
      </p>
      {props.canVote ? (
        <fetcher.Form
          method="post"
          preventScrollReset
          aria-busy={fetcher.state !== "idle"}
          onSubmit={(event) => {
            event.preventDefault();
            // One click, one answer: a click while the previous one is in flight (a double click) is
            // ignored, so requests can never be applied by the server in another order than clicked.
            if (fetcher.state !== "idle") return;
            setClicked({ supports, supported });
            // The form's fields, and one a plain form never sends: answer with the state, not the page.
            fetcher.submit(
              { intent: supported ? "unsupport" : "support", [REPLY_FIELD]: REPLY_STATE },
              { method: "post", preventScrollReset: true },
            );
          }}
        >
          <input type="hidden" name="intent" value={supported ? "unsupport" : "support"} />
          <button type="submit" aria-pressed={supported} className={supported ? "button--secondary" : undefined}>
            {supported ? t("idea.unsupport") : t("idea.support")}
          </button>
          {refused ? (
            <p className="field-error" role="alert">
              {errorText(refused)}
            </p>
          ) : null}
        </fetcher.Form>
      ) : !props.signedIn ? (
        <Link to={`/connexion?redirectTo=/idees/${props.ideaId}`}>{t("idea.signInToSupport")}</Link>
      ) : refused ? (
        <p className="field-error" role="alert">
          {errorText(refused)}
        </p>
      ) : (
        props.closedNote
      )}
    </div>
  );
}
