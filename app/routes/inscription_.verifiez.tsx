// Where every sign-up lands, whether or not the address already had an account
// (docs/decisions/0021-account-enumeration.md): the answer is in the mailbox, not on this page.
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("auth.checkEmailTitle"));

export default function CheckYourMailbox() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("auth.checkEmailTitle")}</h1>
      <p role="status">{t("auth.checkEmailText")}</p>
      <p>{t("auth.checkEmailHelp")}</p>
      <p>
        {t("auth.haveAccount")} <Link to="/connexion">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
