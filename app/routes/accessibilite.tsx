import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getLocale } from "~/lib/locale.server.ts";
import { WithUserText } from "~/components/user-text.tsx";
import { accessibilityStatement, type AccessibilityStatement } from "~/models/accessibility-statement.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("a11y.title"));

// The statement's text comes with the page, in the reader's language, not in every page's catalogue.
export const loader = ({ request }: LoaderFunctionArgs) => ({ text: accessibilityStatement(getLocale(request)) });

type Key = keyof AccessibilityStatement;
const NON_COMPLIANT: Key[] = ["nonCompliant1", "nonCompliant2", "nonCompliant3"];
const REMEDIES: Key[] = ["remedyForm", "remedyDelegate", "remedyPhone", "remedyMail"];

/** Sections of the statement after "Contenus non accessibles", in the RGAA model's order: [title, text]. */
const SECTIONS: [Key, Key][] = [
  ["establishedTitle", "established"],
  ["technologiesTitle", "technologies"],
  ["environmentTitle", "environment"],
  ["toolsTitle", "tools"],
  ["pagesTitle", "pages"],
  ["feedbackTitle", "feedback"],
];

/** A sentence naming the French institution, its name marked French on the English page too. */
function Defender({ sentence }: { sentence: string }) {
  return (
    <WithUserText
      text={(defender) => sentence.replace("{defender}", defender)}
      value="Défenseur des droits"
      lang="fr"
    />
  );
}

// The accessibility statement, in the RGAA 4.1 model (issue 16). Linked from every page's footer.
export default function AccessibilityStatementPage() {
  const t = useT();
  const { text } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("a11y.title")}</h1>
      <p>{text.intro}</p>
      <h2>{text.statusTitle}</h2>
      <p>{text.status}</p>
      <h2>{text.resultsTitle}</h2>
      <p>{text.results}</p>
      <h2>{text.nonAccessibleTitle}</h2>
      <h3>{text.nonCompliantTitle}</h3>
      <ul>
        {NON_COMPLIANT.map((key) => (
          <li key={key}>{text[key]}</li>
        ))}
      </ul>
      <h3>{text.derogationsTitle}</h3>
      <p>{text.derogations}</p>
      <h3>{text.exemptTitle}</h3>
      <p>{text.exempt}</p>
      {SECTIONS.map(([title, body]) => (
        <div key={title}>
          <h2>{text[title]}</h2>
          <p>{text[body]}</p>
        </div>
      ))}
      <h2>{text.remedyTitle}</h2>
      <p>
        <Defender sentence={text.remedy} />
      </p>
      <ul>
        {REMEDIES.map((key) => (
          <li key={key}>
            <Defender sentence={text[key]} />
          </li>
        ))}
      </ul>
    </section>
  );
}
