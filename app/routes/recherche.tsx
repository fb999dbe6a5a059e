import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/session.server.ts";
import { FollowLine } from "~/components/follow-button.tsx";
import { Highlighted } from "~/components/highlighted.tsx";
import { StageBadge } from "~/components/stage-badge.tsx";
import { badRequest } from "~/lib/http.server.ts";
import { DEFAULT_LOCALE, formatDate, translator, type Locale } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { STAGES } from "~/models/pipeline.ts";
import { listChallengesForFilter } from "~/models/challenge.server.ts";
import { followState } from "~/models/follow.server.ts";
import { searchIdeas } from "~/models/search.server.ts";
import { parseSearchParams, searchHref, searchPosition, SEARCH_QUERY_MAX } from "~/models/search.ts";
import { visibleSpaces } from "~/models/space.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale =
    (matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const title = data?.params.q ? t("search.titleFor", { q: data.params.q }) : t("search.title");
  return [{ title: `${title} — ${t("app.name")}` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const params = parseSearchParams(new URL(request.url).searchParams);
  if (!params) badRequest();
  const [result, spaces, challenges, tagFollow] = await Promise.all([
    searchIdeas({ viewer, params }),
    visibleSpaces(viewer),
    listChallengesForFilter(viewer),
    // A search narrowed to a tag is that tag's page (tags link here): it can be followed from it.
    params.motcle ? followState({ viewer, kind: "TAG", targetId: params.motcle }) : null,
  ]);
  return {
    params,
    result,
    challenges,
    tagFollow,
    signedIn: viewer !== null,
    spaces: spaces.map((s) => ({ slug: s.slug, nameFr: s.nameFr, nameEn: s.nameEn })),
  };
}

export default function SearchPage() {
  const { params, result, spaces, challenges, tagFollow, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const position = searchPosition(result);
  return (
    <section className="search-page">
      <h1>{t("search.title")}</h1>
      {params.motcle && tagFollow ? (
        <FollowLine
          kind="TAG"
          target={params.motcle}
          {...tagFollow}
          signedIn={signedIn}
          followLabel={t("follow.followTag", { tag: params.motcle })}
          unfollowLabel={t("follow.unfollowTag", { tag: params.motcle })}
        />
      ) : null}
      <Form method="get" className="stack search-form" role="search" aria-label={t("search.pageLandmark")}>
        <div className="field">
          <label htmlFor="search-page-q">{t("search.label")}</label>
          <p id="search-page-help" className="hint">
            {t("search.help")}
          </p>
          <div className="inline-form">
            <input
              id="search-page-q"
              type="search"
              name="q"
              defaultValue={params.q}
              maxLength={SEARCH_QUERY_MAX}
              aria-describedby="search-page-help"
            />
            <button type="submit">{t("search.submit")}</button>
          </div>
        </div>
        <fieldset className="search-filters">
          <legend>{t("search.filters")}</legend>
          <label htmlFor="search-space">{t("search.space")}</label>
          <select id="search-space" name="espace" defaultValue={params.espace ?? ""}>
            <option value="">{t("search.allSpaces")}</option>
            {spaces.map((s) => (
              <option key={s.slug} value={s.slug}>
                {locale === "fr" ? s.nameFr : s.nameEn}
              </option>
            ))}
          </select>
          <label htmlFor="search-stage">{t("search.stage")}</label>
          <select id="search-stage" name="etape" defaultValue={params.etape ?? ""}>
            <option value="">{t("search.allStages")}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor="search-tag">{t("search.tag")}</label>
          <input id="search-tag" type="text" name="motcle" defaultValue={params.motcle ?? ""} maxLength={30} />
          {challenges.length ? (
            <>
              <label htmlFor="search-challenge">{t("search.challenge")}</label>
              <select id="search-challenge" name="defi" defaultValue={params.defi ?? ""}>
                <option value="">{t("search.allChallenges")}</option>
                {challenges.map((c) => (
                  <option key={c.id} value={c.id} lang={c.language}>
                    {c.title}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <button type="submit">{t("search.apply")}</button>
        </fieldset>
      </Form>
      {!params.q ? (
        <p className="empty">{t("search.prompt")}</p>
      ) : (
        <>
          <p role="status" data-testid="search-count">
            {t(result.capped ? "search.resultsCapped" : "search.results", { count: result.total, q: params.q })}
          </p>
          {result.items.length === 0 ? (
            <p className="empty">{t("search.empty")}</p>
          ) : (
            <ol className="idea-list" data-testid="search-results">
              {result.items.map((hit) => (
                <li key={hit.id}>
                  <article className="idea-card" aria-labelledby={`hit-${hit.id}`}>
                    <div className="idea-card__count">
                      <strong>{hit.supports}</strong>
                      <span>{t("idea.supportsWord", { count: hit.supports })}</span>
                    </div>
                    <div className="idea-card__main">
                      <h2 id={`hit-${hit.id}`} className="h3">
                        <Link to={`/idees/${hit.id}`} lang={hit.language}>
                          <Highlighted text={hit.title} />
                        </Link>
                      </h2>
                      <p className="idea-card__excerpt" lang={hit.language}>
                        <Highlighted text={hit.snippet} />
                      </p>
                      <p className="meta">
                        <StageBadge stage={hit.stage} />{" "}
                        {t("search.in", { space: locale === "fr" ? hit.space.nameFr : hit.space.nameEn })} ·{" "}
                        {t("idea.by", { name: hit.author.displayName })} ·{" "}
                        <time dateTime={hit.createdAt}>{formatDate(locale, hit.createdAt)}</time> ·{" "}
                        {t("idea.comments", { count: hit.comments })}
                      </p>
                      {hit.tags.length ? (
                        <ul className="tags" aria-label={t("idea.tags")}>
                          {hit.tags.map((tag) => (
                            <li key={tag} lang={hit.language}>
                              <Link to={searchHref(params, { motcle: tag, page: 1 })}>{tag}</Link>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </div>
                  </article>
                </li>
              ))}
            </ol>
          )}
          {result.page > 1 || result.hasNext ? (
            <nav className="pager" aria-label={t("search.pager")}>
              {result.page > 1 ? (
                <Link to={searchHref(params, { page: result.page - 1 })} rel="prev">
                  {t("search.previous")}
                </Link>
              ) : null}
              {position ? (
                <span data-testid="search-position">
                  {t(position.capped ? "search.positionCapped" : "search.position", {
                    from: position.from,
                    to: position.to,
                    total: position.total,
                  })}
                </span>
              ) : null}
              {result.hasNext ? (
                <Link to={searchHref(params, { page: result.page + 1 })} rel="next">
                  {t("search.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
