import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { canProposeIdea } from "~/auth/policy.ts";
import { getViewer } from "~/auth/session.server.ts";
import { IdeaCard } from "~/components/idea-card.tsx";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { listIdeas } from "~/models/idea.server.ts";
import { IDEA_SORTS, parseSort } from "~/models/idea.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.space.nameFr} — Idées` : "Idées" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const space = await requireVisibleSpace(viewer, params.slug ?? "");
  const url = new URL(request.url);
  const sort = parseSort(url.searchParams.get("tri"));
  const page = await listIdeas({ viewer, space, sort, cursor: url.searchParams.get("apres") });
  return { space, sort, page, canPropose: canProposeIdea(viewer, space), signedIn: viewer !== null };
}

export default function SpacePage() {
  const { space, sort, page, canPropose, signedIn } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const name = locale === "fr" ? space.nameFr : space.nameEn;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p>{locale === "fr" ? space.descriptionFr : space.descriptionEn}</p>
        </div>
        {canPropose ? (
          <Link className="button" to={`/espaces/${space.slug}/proposer`}>
            {t("space.propose")}
          </Link>
        ) : !signedIn ? (
          <Link className="button button--secondary" to={`/connexion?redirectTo=/espaces/${space.slug}/proposer`}>
            {t("space.signInToPropose")}
          </Link>
        ) : null}
      </div>
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
      {page.items.length === 0 ? (
        <p className="empty">{t("space.empty")}</p>
      ) : (
        <ol className="idea-list">
          {page.items.map((idea) => (
            <li key={idea.id}>
              <IdeaCard idea={idea} />
            </li>
          ))}
        </ol>
      )}
      <nav className="pager" aria-label={t("space.pager")}>
        {searchParams.get("apres") ? <Link to={`?tri=${sort}`}>{t("space.first")}</Link> : null}
        {page.nextCursor ? (
          <Link to={`?tri=${sort}&apres=${encodeURIComponent(page.nextCursor)}`} rel="next">
            {t("space.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
