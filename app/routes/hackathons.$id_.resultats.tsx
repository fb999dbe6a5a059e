// A hackathon's results (docs/decisions/0035-hackathons.md): public once published (winners, mentions,
// the jury's text and average scores); before that, the managers' form to publish them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getViewer, requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { Markdown } from "~/components/markdown.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { text } from "~/lib/validation.ts";
import { publishResults } from "~/models/hackathon-jury.server.ts";
import { getHackathonPage } from "~/models/hackathon-page.server.ts";
import { requireVisibleHackathon } from "~/models/hackathon.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data && t("hackathon.resultsTitle", { title: data.hackathon.title }));

const ResultsTextSchema = z.object({ text: text({ min: 10, max: 10_000 }) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await getHackathonPage(await getViewer(request), params.id ?? "");
  return { hackathon: page.hackathon, teams: page.teams.filter((t) => t.idea), can: page.can, space: page.space };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const h = await requireVisibleHackathon(user, params.id ?? "");
  const formData = await readForm(request);
  if (formData.get("intent") !== "publish") badRequest("Unknown intent");
  const picked = (kind: string) =>
    [...formData.entries()].flatMap(([name, value]) =>
      name.startsWith("award-") && value === kind ? [name.slice("award-".length)] : [],
    );
  return handleForm({
    formData,
    schema: ResultsTextSchema,
    formId: "results",
    run: async ({ text }) => {
      await publishResults({
        user,
        hackathonId: h.id,
        input: { text, winners: picked("WINNER"), mentions: picked("MENTION") },
      });
      return redirectWithFlash(`/hackathons/${h.id}/resultats`, { key: "hackathon.resultsPublished" });
    },
  });
}

export default function HackathonResults() {
  const { hackathon, teams, can } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const score = (n: number | null) =>
    n === null ? "—" : (Math.round(n * 10) / 10).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB");
  const ranked = [...teams].sort((a, b) => (b.average ?? 0) - (a.average ?? 0));
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/hackathons/${hackathon.id}`} lang={hackathon.language}>
          {hackathon.title}
        </Link>
      </p>
      <h1>{t("hackathon.results")}</h1>
      {hackathon.phase === "results" ? (
        <>
          <Markdown html={hackathon.resultsHtml} lang={hackathon.language} />
          {(["WINNER", "MENTION"] as const).map((kind) => {
            const awarded = teams.filter((team) => team.award === kind);
            return awarded.length ? (
              <section key={kind} aria-labelledby={`award-${kind}`}>
                <h2 id={`award-${kind}`}>{t(`hackathon.awards.${kind}`)}</h2>
                <ul>
                  {awarded.map((team) => (
                    <li key={team.id}>
                      <Link to={`/idees/${team.idea!.id}`} lang={team.idea!.language}>
                        {team.idea!.title}
                      </Link>{" "}
                      — <span lang={hackathon.language}>{team.name}</span> (
                      {team.members.map((m) => m.displayName).join(", ")})
                    </li>
                  ))}
                </ul>
              </section>
            ) : null;
          })}
          <h2>{t("hackathon.allProjects")}</h2>
          <ol>
            {ranked.map((team) => (
              <li key={team.id}>
                <Link to={`/idees/${team.idea!.id}`} lang={team.idea!.language}>
                  {team.idea!.title}
                </Link>{" "}
                · {t("hackathon.average", { score: score(team.average) })}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p>{t("hackathon.resultsNotYet")}</p>
      )}
      {can.publish ? (
        <>
          <h2>{t("hackathon.publishResults")}</h2>
          <SchemaForm formId="results" intent="publish" schema={ResultsTextSchema} submitLabel={t("hackathon.publish")}>
            {(fields) => (
              <>
                {ranked.map((team) => (
                  <div className="field" key={team.id}>
                    <label htmlFor={`award-${team.idea!.id}`}>
                      <span lang={team.idea!.language}>{team.idea!.title}</span> ·{" "}
                      {t("hackathon.average", { score: score(team.average) })}
                    </label>
                    <select id={`award-${team.idea!.id}`} name={`award-${team.idea!.id}`} defaultValue="">
                      <option value="">{t("hackathon.award.none")}</option>
                      <option value="WINNER">{t("hackathon.award.WINNER")}</option>
                      <option value="MENTION">{t("hackathon.award.MENTION")}</option>
                    </select>
                  </div>
                ))}
                <Field field={fields.text!} label={t("hackathon.resultsText")} multiline rows={6} />
              </>
            )}
          </SchemaForm>
        </>
      ) : null}
    </section>
  );
}
