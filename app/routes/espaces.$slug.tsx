import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { canProposeIdea } from "~/auth/policy.ts";
import { getViewer } from "~/auth/session.server.ts";
import { FollowLine } from "~/components/follow-button.tsx";
import { IdeaCard } from "~/components/idea-card.tsx";
import { IdeaPager } from "~/components/idea-pager.tsx";
import { PathLink } from "~/components/path-link.tsx";
import { NewIdeasNotice, useLiveSpaceList } from "~/components/live.tsx";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { readTogether } from "~/lib/read-together.server.ts";
import { spaceChallengesPart, type ChallengeSummary } from "~/models/challenge.server.ts";
import { followStatePart } from "~/models/follow.server.ts";
import { ideaListPart } from "~/models/idea-list.server.ts";
import { IDEA_SORTS, parseSort, parseTag } from "~/models/idea-sorts.ts";
import { parseStage, STAGES } from "~/models/stages.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (_t, locale) => data && (locale === "fr" ? data.space.nameFr : data.space.nameEn));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const space = await requireVisibleSpace(viewer, params.slug ?? "");
  const url = new URL(request.url);
  const sort = parseSort(url.searchParams.get("tri"));
  const stage = parseStage(url.searchParams.get("etape"));
  const tag = parseTag(url.searchParams.get("mot-cle"));
  const cursors = { cursor: url.searchParams.get("apres"), before: url.searchParams.get("avant") };
  // One statement, one round trip (docs/decisions/0055).
  const { page, challenges, follow } = await readTogether({
    page: ideaListPart({ viewer, space, sort, stage, tag, ...cursors }),
    challenges: spaceChallengesPart(viewer, space),
    follow: followStatePart({ viewer, kind: "SPACE", targetId: space.id }),
  });
  const canPropose = canProposeIdea(viewer, space);
  return { space, sort, stage, tag, page, challenges, follow, canPropose, signedIn: viewer !== null };
}

export default function SpacePage() {
  const { space, sort, stage, tag, page, challenges, follow, canPropose, signedIn } = useLoaderData<typeof loader>();
  const stageParam = `${stage ? `&etape=${stage}` : ""}${tag ? `&${new URLSearchParams({ "mot-cle": tag })}` : ""}`;
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const name = locale === "fr" ? space.nameFr : space.nameEn;
  // New ideas start PROPOSED: offered when the list shows that stage.
  const live = useLiveSpaceList({
    spaceId: space.id,
    ideaIds: page.items.map((i) => i.id),
    offerNew: !stage || stage === "PROPOSED",
  });
  const onFirstNewestPage = sort === "newest" && !searchParams.get("apres") && !searchParams.get("avant");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p>{locale === "fr" ? space.descriptionFr : space.descriptionEn}</p>
          <p>
            <PathLink to={`/espaces/${space.slug}/engagements`}>{t("commitments.link")}</PathLink>
          </p>
          <FollowLine
            kind="SPACE"
            target={space.slug}
            {...follow}
            signedIn={signedIn}
            followLabel={t("follow.followSpace")}
            unfollowLabel={t("follow.unfollowSpace")}
          />
        </div>
        {canPropose ? (
          <PathLink className="button" to={`/espaces/${space.slug}/proposer`}>
            {t("space.propose")}
          </PathLink>
        ) : !signedIn ? (
          <PathLink className="button button--secondary" to={`/connexion?redirectTo=/espaces/${space.slug}/proposer`}>
            {t("space.signInToPropose")}
          </PathLink>
        ) : null}
      </div>
      <Challenges spaceSlug={space.slug} {...challenges} />
      <nav aria-label={t("space.sort.label")} className="tabs">
        <ul>
          {IDEA_SORTS.map((s) => (
            <li key={s}>
              <PathLink
                to={`/espaces/${space.slug}?tri=${s}${stageParam}`}
                aria-current={s === sort ? "page" : undefined}
              >
                {t(`space.sort.${s}`)}
              </PathLink>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="inline-form stage-filter">
        <input type="hidden" name="tri" value={sort} />
        <label htmlFor="stage-filter">{t("space.stageFilter")}</label>
        <select id="stage-filter" name="etape" defaultValue={stage ?? ""}>
          <option value="">{t("space.allStages")}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="tag-filter">{t("space.tagFilter")}</label>
        <input id="tag-filter" name="mot-cle" type="search" defaultValue={tag ?? ""} maxLength={30} />
        <button type="submit">{t("space.applyStage")}</button>
      </Form>
      {tag ? (
        <p>
          <PathLink to={`/espaces/${space.slug}?tri=${sort}${stage ? `&etape=${stage}` : ""}`}>
            {t("space.tagFilterClear", { tag })}
          </PathLink>
        </p>
      ) : null}
      <NewIdeasNotice
        count={live.newIdeas}
        onFirstNewestPage={onFirstNewestPage}
        newestHref={`?tri=newest${stageParam}`}
        onShow={() => {
          live.clear();
          if (onFirstNewestPage) live.revalidate();
        }}
      />
      {page.items.length === 0 ? (
        <p className="empty">{t("space.empty")}</p>
      ) : (
        <ol className="idea-list">
          {page.items.map((idea) => (
            <li key={idea.id}>
              <IdeaCard idea={idea} countsAt={page.countsAt} spaceSlug={space.slug} />
            </li>
          ))}
        </ol>
      )}
      <IdeaPager page={page} />
    </>
  );
}

/** Open and upcoming challenges up front; past ones folded away. */
function Challenges(props: {
  spaceSlug: string;
  open: ChallengeSummary[];
  upcoming: ChallengeSummary[];
  past: ChallengeSummary[];
  canCreate: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  if (!props.canCreate && props.open.length + props.upcoming.length + props.past.length === 0) return null;
  const card = (c: ChallengeSummary) => (
    <li key={c.id} className="challenge-card">
      <h3 className="h3">
        <PathLink to={`/defis/${c.id}`} lang={c.language}>
          {c.title}
        </PathLink>
      </h3>
      <p lang={c.language}>{c.cover}</p>
      <p className="meta">
        {t(`challenge.status.${c.status}`, {
          date: formatDate(locale, c.status === "upcoming" ? c.opensAt : c.closesAt),
        })}{" "}
        · {t("challenges.ideas", { count: c.ideas })}
      </p>
    </li>
  );
  return (
    <section className="challenges" aria-labelledby="challenges-title">
      <div className="page-head">
        <h2 id="challenges-title">{t("challenges.open")}</h2>
        {props.canCreate ? (
          <p className="actions">
            <PathLink className="button button--secondary" to={`/espaces/${props.spaceSlug}/defis/nouveau`}>
              {t("challenges.new")}
            </PathLink>{" "}
            <PathLink className="button button--secondary" to={`/espaces/${props.spaceSlug}/hackathons/nouveau`}>
              {t("hackathon.new")}
            </PathLink>
          </p>
        ) : null}
      </div>
      {props.open.length ? (
        <ul className="challenge-list">{props.open.map(card)}</ul>
      ) : (
        <p className="empty">{t("challenges.none")}</p>
      )}
      {props.upcoming.length ? (
        <>
          <h3>{t("challenges.upcoming")}</h3>
          <ul className="challenge-list">{props.upcoming.map(card)}</ul>
        </>
      ) : null}
      {props.past.length ? (
        <details>
          <summary>{t("challenges.past")}</summary>
          <ul className="challenge-list">{props.past.map(card)}</ul>
        </details>
      ) : null}
    </section>
  );
}
