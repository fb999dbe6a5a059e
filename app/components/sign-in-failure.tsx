import { Link } from "@remix-run/react";
import type { MessageKey, Params } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";

/** The page a sign-in through a provider ends on when it fails: what happened, and the way back. */
export function SignInFailure({ message, params }: { message: MessageKey; params?: Params }) {
  const t = useT();
  return (
    <section className="narrow" data-testid="sign-in-failure">
      <h1>{t("identity.failedTitle")}</h1>
      <p role="alert">{t(message, params)}</p>
      <p>
        <Link to="/connexion">{t("identity.backToSignIn")}</Link>
      </p>
    </section>
  );
}
