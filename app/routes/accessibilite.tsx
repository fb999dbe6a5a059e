import type { MetaFunction } from "@remix-run/node";
import type { MessageKey } from "~/lib/i18n.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { WithUserText } from "~/components/user-text.tsx";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("a11y.title"));

const NON_COMPLIANT: MessageKey[] = ["a11y.nonCompliant1", "a11y.nonCompliant2", "a11y.nonCompliant3"];
const REMEDIES: MessageKey[] = ["a11y.remedyForm", "a11y.remedyDelegate", "a11y.remedyPhone", "a11y.remedyMail"];

/** Sections of the statement after "Contenus non accessibles", in the RGAA model's order: [title, text]. */
const SECTIONS: [MessageKey, MessageKey][] = [
  ["a11y.establishedTitle", "a11y.established"],
  ["a11y.technologiesTitle", "a11y.technologies"],
  ["a11y.environmentTitle", "a11y.environment"],
  ["a11y.toolsTitle", "a11y.tools"],
  ["a11y.pagesTitle", "a11y.pages"],
  ["a11y.feedbackTitle", "a11y.feedback"],
];

/** The French institution's name, marked French on the English page too. */
function Defender({ text }: { text: (defender: string) => string }) {
  return <WithUserText text={text} value="Défenseur des droits" lang="fr" />;
}

// The accessibility statement, in the RGAA 4.1 model (issue 16). Linked from every page's footer.
export default function AccessibilityStatement() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("a11y.title")}</h1>
      <p>{t("a11y.intro")}</p>
      <h2>{t("a11y.statusTitle")}</h2>
      <p>{t("a11y.status")}</p>
      <h2>{t("a11y.resultsTitle")}</h2>
      <p>{t("a11y.results")}</p>
      <h2>{t("a11y.nonAccessibleTitle")}</h2>
      <h3>{t("a11y.nonCompliantTitle")}</h3>
      <ul>
        {NON_COMPLIANT.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <h3>{t("a11y.derogationsTitle")}</h3>
      <p>{t("a11y.derogations")}</p>
      <h3>{t("a11y.exemptTitle")}</h3>
      <p>{t("a11y.exempt")}</p>
      {SECTIONS.map(([title, text]) => (
        <div key={title}>
          <h2>{t(title)}</h2>
          <p>{t(text)}</p>
        </div>
      ))}
      <h2>{t("a11y.remedyTitle")}</h2>
      <p>
        <Defender text={(defender) => t("a11y.remedy", { defender })} />
      </p>
      <ul>
        {REMEDIES.map((key) => (
          <li key={key}>
            <Defender text={(defender) => t(key, { defender })} />
          </li>
        ))}
      </ul>
    </section>
  );
}
