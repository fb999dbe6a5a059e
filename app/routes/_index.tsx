import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/session.server.ts";
import { ChallengeBlock, IdeaBlock, PersonalBlock, PipelineSteps } from "~/components/home.tsx";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getHomePage } from "~/models/home.server.ts";
import { roomOf } from "~/realtime/events.ts";
import { useLive } from "~/realtime/use-live.ts";
import type { RootData } from "~/root.tsx";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, () => null);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return { home: await getHomePage(viewer), userId: viewer?.id ?? null };
}

/** Events that change what the home page counts or lists: the page reloads its data through the loader. */
const RELOADING = new Set(["space:idea-created", "idea:stage", "idea:moderated", "idea:updated"]);

export default function Home() {
  const { home, userId } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const t = useT();
  const locale = useLocale();
  useLive({
    rooms: home.spaces.map((space) => roomOf.space(space.id)),
    ideaIds: [...home.trending, ...home.production].map((idea) => idea.id),
    onEvent: (event, { revalidate }) => {
      if (RELOADING.has(event.name)) revalidate();
    },
  });
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
        {userId ? null : (
          <p>
            <Link to="/connexion">{t("home.signInCta")}</Link>
          </p>
        )}
      </section>
      {home.personal && userId ? (
        <PersonalBlock personal={home.personal} userId={userId} unread={root?.unreadNotifications ?? 0} />
      ) : null}
      <PipelineSteps stages={home.stages} />
      <div className="home-columns">
        <IdeaBlock
          id="home-trending"
          title={t("home.trending")}
          empty={t("home.trendingNone")}
          ideas={home.trending}
          countsAt={home.countsAt}
        />
        <ChallengeBlock challenges={home.challenges} />
      </div>
      <IdeaBlock
        id="home-production"
        title={t("home.production")}
        empty={t("home.productionNone")}
        ideas={home.production}
        countsAt={home.countsAt}
        more={{ to: "/en-production", label: t("home.productionAll") }}
      />
      <section aria-labelledby="spaces-title" className="home-block">
        <h2 id="spaces-title">{t("home.spaces")}</h2>
        <ul className="space-list">
          {home.spaces.map((space) => (
            <li key={space.id} className="space-card">
              <h3>
                <Link to={`/espaces/${space.slug}`}>{locale === "fr" ? space.nameFr : space.nameEn}</Link>{" "}
                <span className={`badge badge--audience-${space.audience.toLowerCase()}`}>
                  {t(`space.audience.${space.audience}`)}
                </span>
              </h3>
              <p>{locale === "fr" ? space.descriptionFr : space.descriptionEn}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
