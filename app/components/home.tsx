// The home page's blocks (issue 16, part 4). Presentational: the data comes from app/models/home.server.ts.
// User content (titles, covers, excerpts, tags) carries the language it was written in (docs/decisions/0029).
import { Link } from "@remix-run/react";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { HomeChallenge, HomeIdea, HomePage } from "~/models/home.server.ts";
import { useLiveValue } from "~/realtime/use-live.ts";
import { StageBadge } from "./stage-badge.tsx";
import { TagLinks } from "./tag-links.tsx";

const PIPELINE = [
  "PROPOSED",
  "UNDER_REVIEW",
  "SELECTED",
  "PILOT",
  "PRODUCTION",
] as const satisfies readonly IdeaStage[];

/** The stages of the main line, each with its count (live: the page revalidates on news). */
export function PipelineSteps({ stages }: { stages: HomePage["stages"] }) {
  const t = useT();
  const count = (stage: IdeaStage) => stages.find((s) => s.stage === stage)?.count ?? 0;
  return (
    <section aria-labelledby="home-how" className="home-block">
      <h2 id="home-how">{t("home.how")}</h2>
      <p>{t("home.howIntro")}</p>
      <ol className="pipeline-steps" data-testid="pipeline-steps">
        {PIPELINE.map((stage) => (
          <li key={stage} className="pipeline-steps__step" data-stage={stage}>
            <strong className="pipeline-steps__name">{t(`stage.${stage}`)}</strong>
            <span className="pipeline-steps__count" data-testid={`stage-count-${stage}`}>
              {t("home.stageCount", { count: count(stage) })}
            </span>
            <span className="pipeline-steps__help">{t(`home.stageHelp.${stage}`)}</span>
          </li>
        ))}
      </ol>
      <p className="meta">
        {t("home.closed", { rejected: count("REJECTED"), archived: count("ARCHIVED") })} {t("home.liveNote")}
      </p>
    </section>
  );
}

function SpaceName({ space }: { space: HomeIdea["space"] }) {
  const locale = useLocale();
  return <>{locale === "fr" ? space.nameFr : space.nameEn}</>;
}

function HomeIdeaItem({ idea, countsAt }: { idea: HomeIdea; countsAt: number }) {
  const t = useT();
  const supports = useLiveValue(idea.id, "supports", idea.supports, countsAt);
  const stage = useLiveValue(idea.id, "stage", idea.stage, countsAt);
  return (
    <li className="home-idea">
      <h3 className="h3">
        <Link to={`/idees/${idea.id}`} lang={idea.language}>
          {idea.title}
        </Link>
      </h3>
      <p className="home-idea__excerpt" lang={idea.language}>
        {idea.excerpt}
      </p>
      <p className="meta">
        <StageBadge stage={stage} /> {t("home.supports", { count: supports })} ·{" "}
        <Link to={`/espaces/${idea.space.slug}`}>
          <SpaceName space={idea.space} />
        </Link>
      </p>
      <TagLinks tags={idea.tags} language={idea.language} spaceSlug={idea.space.slug} />
    </li>
  );
}

export function IdeaBlock(props: {
  id: string;
  title: string;
  empty: string;
  ideas: HomeIdea[];
  countsAt: number;
  more?: { to: string; label: string };
}) {
  return (
    <section aria-labelledby={props.id} className="home-block">
      <h2 id={props.id}>{props.title}</h2>
      {props.ideas.length ? (
        <ul className="home-ideas">
          {props.ideas.map((idea) => (
            <HomeIdeaItem key={idea.id} idea={idea} countsAt={props.countsAt} />
          ))}
        </ul>
      ) : (
        <p>{props.empty}</p>
      )}
      {props.more ? (
        <p>
          <Link to={props.more.to}>{props.more.label}</Link>
        </p>
      ) : null}
    </section>
  );
}

export function ChallengeBlock({ challenges }: { challenges: HomeChallenge[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="home-challenges" className="home-block">
      <h2 id="home-challenges">{t("home.challenges")}</h2>
      {challenges.length ? (
        <ul className="home-ideas">
          {challenges.map((challenge) => (
            <li key={challenge.id} className="home-idea">
              <h3 className="h3">
                <Link to={`/defis/${challenge.id}`} lang={challenge.language}>
                  {challenge.title}
                </Link>
              </h3>
              <p lang={challenge.language}>{challenge.cover}</p>
              <p className="meta">
                {t("home.challengeCloses", { date: formatDate(locale, challenge.closesAt) })} ·{" "}
                <Link to={`/espaces/${challenge.space.slug}`}>
                  <SpaceName space={challenge.space} />
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("home.challengesNone")}</p>
      )}
    </section>
  );
}

type Personal = NonNullable<HomePage["personal"]>;
type PersonalIdea = Personal["mine"][number];

function PersonalList({ ideas, href }: { ideas: PersonalIdea[]; href?: (id: string) => string }) {
  return (
    <ul className="home-personal__list">
      {ideas.map((idea) => (
        <li key={idea.id}>
          <Link to={href ? href(idea.id) : `/idees/${idea.id}`} lang={idea.language}>
            {idea.title}
          </Link>{" "}
          <StageBadge stage={idea.stage} />
        </li>
      ))}
    </ul>
  );
}

/** A signed-in person's own corner: their ideas, what they follow, and what awaits them. */
export function PersonalBlock(props: { personal: Personal; userId: string; unread: number }) {
  const { personal, userId, unread } = props;
  const t = useT();
  const nothingAwaits = !unread && !personal.toEvaluate.length && !personal.overdue;
  return (
    <section aria-labelledby="home-yours" className="home-block home-personal">
      <h2 id="home-yours">{t("home.yours")}</h2>
      <div className="home-personal__grid">
        <div>
          <h3 className="h3">{t("home.awaiting")}</h3>
          {nothingAwaits ? <p>{t("home.awaitingNone")}</p> : null}
          <ul className="home-personal__list">
            {unread ? (
              <li>
                <Link to="/notifications">{t("home.unread", { count: unread })}</Link>
              </li>
            ) : null}
            {personal.overdue ? (
              <li>
                <Link to="/pilotage?en-retard=1">{t("home.overdue", { count: personal.overdue })}</Link>
              </li>
            ) : null}
            {personal.toEvaluate.map((idea) => (
              <li key={idea.id}>
                {t("home.toEvaluate")} :{" "}
                <Link to={`/idees/${idea.id}/evaluation`} lang={idea.language}>
                  {idea.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="h3">{t("home.mine")}</h3>
          {personal.mine.length ? <PersonalList ideas={personal.mine} /> : <p>{t("home.mineNone")}</p>}
          {personal.mineTotal ? (
            <p>
              <Link to={`/personnes/${userId}`}>{t("home.mineAll", { count: personal.mineTotal })}</Link>
            </p>
          ) : null}
        </div>
        <div>
          <h3 className="h3">{t("home.followed")}</h3>
          {personal.followed.length ? <PersonalList ideas={personal.followed} /> : <p>{t("home.followedNone")}</p>}
          <p>
            <Link to="/compte/suivis">{t("home.followedAll")}</Link>
          </p>
        </div>
      </div>
    </section>
  );
}
