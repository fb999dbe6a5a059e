// The list's card is written without per-part components and with its meta line's texts joined
// (docs/decisions/0060). Its HTML must say exactly what the component-built card said: the reference
// below is the card as it was (StageBadge, Byline, PathLink, TagLinks, one live hook per value); the
// only difference allowed is the `<!-- -->` markers React puts between adjacent texts.
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";
import "~/lib/i18n.server.ts";
import { formatDate, type Locale } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { IdeaListItem } from "~/models/idea.ts";
import { DELETED_USER_ID, DELETED_USER_NAME } from "~/models/user-names.ts";
import { useLiveValue } from "~/realtime/use-live.ts";
import { IdeaCard } from "./idea-card.tsx";
import { PathLink } from "./path-link.tsx";
import { Byline } from "./person-name.tsx";
import { StageBadge } from "./stage-badge.tsx";
import { TagLinks } from "./tag-links.tsx";

function ReferenceCard(props: { idea: IdeaListItem; countsAt?: number; spaceSlug: string }) {
  const { idea, countsAt } = props;
  const t = useT();
  const locale = useLocale();
  const supports = useLiveValue(idea.id, "supports", idea.supports, countsAt);
  const comments = useLiveValue(idea.id, "comments", idea.comments, countsAt);
  const stage = useLiveValue(idea.id, "stage", idea.stage, countsAt);
  return (
    <article className="idea-card" aria-labelledby={`idea-${idea.id}-title`}>
      <div className="idea-card__count" data-testid="support-count">
        <strong>{supports}</strong>
        <span>{t("idea.supportsWord", { count: supports })}</span>
      </div>
      <div className="idea-card__main">
        <h2 id={`idea-${idea.id}-title`} className="h3">
          <PathLink to={`/idees/${idea.id}`} lang={idea.language}>
            {idea.title}
          </PathLink>
        </h2>
        <p className="idea-card__excerpt" lang={idea.language}>
          {idea.excerpt}
        </p>
        <p className="meta">
          <StageBadge stage={stage} /> <Byline text={(name) => t("idea.by", { name })} person={idea.author} /> ·{" "}
          <time dateTime={idea.createdAt}>{formatDate(locale, idea.createdAt)}</time> ·{" "}
          {t("idea.comments", { count: comments })}
          {idea.supportedByViewer ? <> · {t("idea.supported")}</> : null}
        </p>
        <TagLinks tags={idea.tags} language={idea.language} spaceSlug={props.spaceSlug} />
      </div>
    </article>
  );
}

/** Server-renders `children` as a page of the app would: under the root route, whose data holds the locale. */
async function render(locale: Locale, children: ReactNode) {
  const routes = [{ id: "root", path: "/", loader: () => ({ locale }), element: children }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(<StaticRouterProvider router={createStaticRouter(routes, context)} context={context} />);
}

const idea: IdeaListItem = {
  id: "i1",
  title: 'Des bancs <devant> l\'agence & "ailleurs"',
  excerpt: "Un extrait",
  language: "fr",
  tags: ["accueil", "numérique", "a b&c"],
  stage: "UNDER_REVIEW",
  createdAt: "2026-03-04T10:00:00.000Z",
  author: { id: "u1", displayName: "Alice <b>" },
  supports: 1234,
  comments: 1,
  supportedByViewer: false,
};

const cases: [string, IdeaListItem][] = [
  ["plain", idea],
  ["supported by the viewer", { ...idea, supportedByViewer: true, supports: 1, comments: 0 }],
  ["by a deleted person", { ...idea, author: { id: DELETED_USER_ID, displayName: DELETED_USER_NAME } }],
  ["without tags, in English", { ...idea, tags: [], language: "en" }],
];

for (const locale of ["fr", "en"] as const)
  for (const [name, item] of cases)
    test(`the card says what the component-built card said (${locale}, ${name})`, async () => {
      const card = await render(locale, <IdeaCard idea={item} countsAt={1} spaceSlug="jardin" />);
      const reference = await render(locale, <ReferenceCard idea={item} countsAt={1} spaceSlug="jardin" />);
      expect(reference).toContain("<!-- -->");
      expect(card).toBe(reference.replaceAll("<!-- -->", ""));
      // The meta line is one text around each element: no marker left between adjacent texts.
      expect(card).not.toContain("<!-- -->");
    });
