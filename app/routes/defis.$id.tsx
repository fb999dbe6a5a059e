// A challenge's page: its brief, how long it stays open, and its ideas (counts and new ideas live).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getViewer, requireUser } from "~/auth/session.server.ts";
import { FollowLine } from "~/components/follow-button.tsx";
import { IdeaCard } from "~/components/idea-card.tsx";
import { IdeaPager } from "~/components/idea-pager.tsx";
import { TagLinks } from "~/components/tag-links.tsx";
import { NewIdeasNotice, useLiveSpaceList } from "~/components/live.tsx";
import { Markdown } from "~/components/markdown.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getChallengePage, setChallengeParticipation } from "~/models/challenge.server.ts";
import { isHackathon } from "~/models/hackathon.server.ts";
import { ChallengeParticipationSchema, timeLeft } from "~/models/challenge.ts";
import { followState } from "~/models/follow.server.ts";
import { listIdeas } from "~/models/idea-list.server.ts";
import { IDEA_SORTS, parseSort } from "~/models/idea.ts";
import { readForm } from "~/lib/form.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, () => data?.challenge.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = await getChallengePage(viewer, params.id ?? "");
  // A hackathon is a challenge with an event: its own page (docs/decisions/0035-hackathons.md).
  if (await isHackathon(page.challenge.id)) throw redirect(`/hackathons/${page.challenge.id}`);
  const url = new URL(request.url);
  const sort = parseSort(url.searchParams.get("tri"));
  const [ideas, follow] = await Promise.all([
    listIdeas({
      viewer,
      space: page.space,
      sort,
      cursor: url.searchParams.get("apres"),
      before: url.searchParams.get("avant"),
      challengeId: page.challenge.id,
    }),
    followState({ viewer, kind: "CHALLENGE", targetId: page.challenge.id }),
  ]);
  return { ...page, sort, ideas, follow, signedIn: viewer !== null, now: Date.now() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "participation") badRequest("Unknown intent");
  const parsed = ChallengeParticipationSchema.safeParse({ open: formData.get("open") });
  if (!parsed.success) badRequest("Invalid participation value");
  await setChallengeParticipation({ user, challengeId: params.id ?? "", open: parsed.data.open === "true" });
  return redirectWithFlash(`/defis/${params.id}`, { key: "challenge.participationUpdated" });
}

export default function ChallengePage() {
  const { challenge, space, canManage, canPropose, sort, ideas, follow, signedIn, now } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const live = useLiveSpaceList({
    spaceId: space.id,
    ideaIds: ideas.items.map((i) => i.id),
    offerNew: true,
    challengeId: challenge.id,
  });
  const left = challenge.status === "open" ? timeLeft(challenge.closesAt, new Date(now)) : null;
  const date = challenge.status === "upcoming" ? challenge.opensAt : challenge.closesAt;
  const onFirstNewestPage = sort === "newest" && !searchParams.get("apres");
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/espaces/${space.slug}`}>{locale === "fr" ? space.nameFr : space.nameEn}</Link> ·{" "}
        {t("challenges.title")}
      </p>
      <div className="page-head">
        <div>
          <h1 lang={challenge.language}>{challenge.title}</h1>
          <p className="lead" lang={challenge.language}>
            {challenge.cover}
          </p>
          <p className="meta" data-testid="challenge-status">
            {t(`challenge.status.${challenge.status}`, { date: formatDate(locale, date) })}
            {left ? (
              <>
                {" "}
                · <strong>{t(`challenge.timeLeft.${left.unit}`, { count: left.count })}</strong>
              </>
            ) : null}
          </p>
          <FollowLine
            kind="CHALLENGE"
            target={challenge.id}
            {...follow}
            signedIn={signedIn}
            followLabel={t("follow.followChallenge")}
            unfollowLabel={t("follow.unfollowChallenge")}
          />
        </div>
        {canPropose ? (
          <Link className="button" to={`/espaces/${space.slug}/proposer?defi=${challenge.id}`}>
            {t("challenge.propose")}
          </Link>
        ) : !signedIn && challenge.status === "open" ? (
          <Link
            className="button button--secondary"
            to={`/connexion?redirectTo=${encodeURIComponent(`/defis/${challenge.id}`)}`}
          >
            {t("challenge.signInToPropose")}
          </Link>
        ) : null}
      </div>
      {challenge.participationClosed ? (
        <p className="notice" role="note">
          {t("challenge.participationClosed")}
        </p>
      ) : null}
      <TagLinks tags={challenge.tags} language={challenge.language} spaceSlug={space.slug} />
      <Markdown html={challenge.briefHtml} lang={challenge.language} />
      {canManage ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="participation" />
          <input type="hidden" name="open" value={challenge.participationClosed ? "true" : "false"} />
          <button type="submit" className="button--secondary">
            {challenge.participationClosed ? t("challenge.openParticipation") : t("challenge.closeParticipation")}
          </button>
        </Form>
      ) : null}
      <h2>
        {t("challenge.ideasTitle")} <span className="muted">({t("challenges.ideas", { count: challenge.ideas })})</span>
      </h2>
      <nav aria-label={t("space.sort.label")} className="tabs">
        <ul>
          {IDEA_SORTS.map((s) => (
            <li key={s}>
              <Link to={`?tri=${s}`} aria-current={s === sort ? "page" : undefined}>
                {t(`space.sort.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <NewIdeasNotice
        count={live.newIdeas}
        onFirstNewestPage={onFirstNewestPage}
        newestHref="?tri=newest"
        onShow={() => {
          live.clear();
          if (onFirstNewestPage) live.revalidate();
        }}
      />
      {ideas.items.length === 0 ? (
        <p className="empty">{t("challenge.noIdeas")}</p>
      ) : (
        <ol className="idea-list">
          {ideas.items.map((idea) => (
            <li key={idea.id}>
              <IdeaCard idea={idea} countsAt={ideas.countsAt} spaceSlug={space.slug} />
            </li>
          ))}
        </ol>
      )}
      <IdeaPager page={ideas} />
    </>
  );
}
