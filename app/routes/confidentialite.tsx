import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("privacy.footer"));

// What is stored, why, and what stays after an account is deleted
// (docs/decisions/0009-anti-abuse-and-account-deletion.md).
export default function Privacy() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("privacy.title")}</h1>
      <h2>{t("privacy.whatTitle")}</h2>
      <p>{t("privacy.what")}</p>
      <h2>{t("privacy.whyTitle")}</h2>
      <p>{t("privacy.why")}</p>
      <h2>{t("privacy.keptTitle")}</h2>
      <p>{t("privacy.kept")}</p>
      <h2>{t("privacy.rightsTitle")}</h2>
      <p>
        {t("privacy.rights")} <Link to="/compte/donnees">{t("data.title")}</Link>
      </p>
    </section>
  );
}
