import { Link, useActionData, useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useErrorText } from "~/components/form.tsx";
import { useT } from "~/lib/i18n-react.ts";

/** The idea's support count and its support / unsupport button (a fetcher, optimistic; a plain form without JavaScript). */
export function SupportBox(props: {
  ideaId: string;
  supports: number;
  supported: boolean;
  canVote: boolean;
  signedIn: boolean;
  closedNote: ReactNode;
}) {
  const t = useT();
  const fetcher = useFetcher();
  // Optimistic while the request is in flight; the loader's exact count wins afterwards.
  const pending = fetcher.formData?.get("intent");
  const supported = pending ? pending === "support" : props.supported;
  const supports = pending ? props.supports + (supported === props.supported ? 0 : supported ? 1 : -1) : props.supports;
  const errorText = useErrorText();
  // Through the fetcher, or (without JavaScript) as the page's own action answer.
  const actionData = useActionData<unknown>();
  const answer: unknown = fetcher.data ?? actionData;
  const refused =
    !pending && answer && typeof answer === "object" && "refused" in answer ? String(answer.refused) : null;
  // A refused answer (429, 403) does not revalidate the page by itself: read the true state again, since a
  // previous click's revalidation may have been cut short by this one.
  const { revalidate } = useRevalidator();
  const refusedAnswer = fetcher.data;
  useEffect(() => {
    if (refusedAnswer && typeof refusedAnswer === "object" && "refused" in refusedAnswer) void revalidate();
  }, [refusedAnswer, revalidate]);
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
          // One click, one answer: a click while the previous one is in flight (a double click) is
          // ignored, so requests can never be applied by the server in another order than clicked.
          onSubmit={(event) => {
            if (fetcher.state !== "idle") event.preventDefault();
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
