import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/session.server.ts";
import { KpiTable } from "~/components/pipeline.tsx";
import { RolloutProgressLine } from "~/components/rollout.tsx";
import { WithUserText } from "~/components/user-text.tsx";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { rolloutProgress } from "~/models/agency.server.ts";
import { listProductionIdeas } from "~/models/pipeline.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("stage.PRODUCTION"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const ideas = await listProductionIdeas(viewer);
  // Roll-out per agency (docs/decisions/0028): confirmed adoptions of the reference list.
  const progress = Object.fromEntries(await rolloutProgress(ideas.map((i) => i.id)));
  return { ideas, progress };
}

export default function InProduction() {
  const { ideas, progress } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("production.title")}</h1>
      <p>{t("production.intro")}</p>
      {ideas.length === 0 ? (
        <p className="empty">{t("production.empty")}</p>
      ) : (
        <ol className="idea-list">
          {ideas.map((idea) => (
            <li key={idea.id}>
              <article className="idea-card idea-card--production" aria-labelledby={`prod-${idea.id}`}>
                <div className="idea-card__main">
                  <h2 id={`prod-${idea.id}`} className="h3">
                    <Link to={`/idees/${idea.id}`} lang={idea.language}>
                      {idea.title}
                    </Link>
                  </h2>
                  <p className="meta">
                    {locale === "fr" ? idea.space.nameFr : idea.space.nameEn} ·{" "}
                    {t("production.since", {
                      date: formatDate(locale, idea.rollout?.releasedOn ?? idea.inProductionSince),
                    })}
                  </p>
                  <p className="idea-card__excerpt" lang={idea.language}>
                    {idea.excerpt}
                  </p>
                  <RolloutProgressLine progress={progress[idea.id] ?? null} />
                  {idea.rollout?.agencies.length ? (
                    <p>
                      <WithUserText
                        text={(list) => t("rollout.otherUnits", { list })}
                        value={idea.rollout.agencies.join(", ")}
                        lang={idea.rollout.language}
                      />
                    </p>
                  ) : null}
                  {idea.rollout?.link ? (
                    <p>
                      <a href={idea.rollout.link} rel="noopener noreferrer nofollow">
                        {t("production.link")}
                      </a>
                    </p>
                  ) : null}
                  {idea.pilot && idea.pilot.kpis.length ? (
                    <details>
                      <summary>{t("production.results")}</summary>
                      {idea.pilot.hypothesis ? <p lang={idea.pilot.language}>{idea.pilot.hypothesis}</p> : null}
                      <KpiTable kpis={idea.pilot.kpis} caption={t("production.results")} />
                    </details>
                  ) : null}
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
