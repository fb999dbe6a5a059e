// A secret shown once (an API token on /compte, a webhook's signing secret on /admin/webhooks): what it
// is, that it will never be shown again, and the secret itself, selectable in one click. The copy
// button is an enhancement: it appears once the page runs JavaScript and the browser offers a clipboard
// (without them there is no dead button, only the text to select), its accessible name says what it
// copies, and the outcome is said politely in the same status region.
import { useState, useSyncExternalStore, type ReactNode } from "react";
import { useT } from "~/lib/i18n-react.ts";

const noSubscription = () => () => {};

export function SecretOnce(props: {
  /** The sentence saying what was created. */
  title: ReactNode;
  /** "Copy it now: it will never be shown again." */
  note: string;
  secret: string;
  /** What the secret is, for the copy button's name ("the token", "the signing secret"). */
  what: string;
  testId: string;
}) {
  const t = useT();
  // False on the server and while hydrating; true in a browser that offers a clipboard.
  const canCopy = useSyncExternalStore(
    noSubscription,
    () => navigator.clipboard !== undefined,
    () => false,
  );
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(props.secret).then(
      () => setOutcome("copied"),
      () => setOutcome("failed"),
    );
  return (
    <div className="notice secret-once" role="status" data-testid={`${props.testId}-box`}>
      <p>
        <strong>{props.title}</strong> {props.note}
      </p>
      <p className="secret-once__value">
        <code className="secret" data-testid={props.testId}>
          {props.secret}
        </code>
        {canCopy ? (
          <button type="button" className="button--secondary" onClick={copy}>
            {t("secret.copy")}
            <span className="visually-hidden"> {props.what}</span>
          </button>
        ) : null}
      </p>
      {outcome ? <p data-testid={`${props.testId}-copied`}>{t(`secret.${outcome}`)}</p> : null}
    </div>
  );
}
