import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { IdeaListItem } from "~/models/idea.ts";
import { useLiveValues } from "~/realtime/use-live.ts";
import { stageBadge } from "./stage-badge.tsx";
import { bylineParts } from "./person-name.tsx";
import { pathLink } from "./path-link.tsx";
import { tagLinks } from "./tag-links.tsx";

/**
 * `countsAt` (the loader's database clock) lets live counts and stages replace the loader's when newer.
 * A list repeats this card: its parts (badge, byline, links, tags) are the hook-free forms of StageBadge,
 * Byline, PathLink and TagLinks, told with the card's one `t` (docs/decisions/0060).
 */
export function IdeaCard(props: { idea: IdeaListItem; countsAt?: number; spaceSlug: string }) {
  const { idea, countsAt } = props;
  const t = useT();
  const locale = useLocale();
  const { supports, comments, stage } = useLiveValues(idea.id, idea, countsAt);
  // The meta line's texts are joined into single text nodes: the same text as separate nodes, without
  // the `<!-- -->` markers the server puts between adjacent ones.
  const by = bylineParts(t, { text: (name) => t("idea.by", { name }), person: idea.author });
  return (
    <article className="idea-card" aria-labelledby={`idea-${idea.id}-title`}>
      <div className="idea-card__count" data-testid="support-count">
        <strong>{supports}</strong>
        <span>{t("idea.supportsWord", { count: supports })}</span>
      </div>
      <div className="idea-card__main">
        <h2 id={`idea-${idea.id}-title`} className="h3">
          {pathLink(`/idees/${idea.id}`, idea.title, { lang: idea.language })}
        </h2>
        <p className="idea-card__excerpt" lang={idea.language}>
          {idea.excerpt}
        </p>
        <p className="meta">
          {stageBadge(t, stage)}
          {by.link ? (
            <>
              {` ${by.before}`}
              {by.link}
              {`${by.after} · `}
            </>
          ) : (
            ` ${by.before} · `
          )}
          <time dateTime={idea.createdAt}>{formatDate(locale, idea.createdAt)}</time>
          {` · ${t("idea.comments", { count: comments })}${idea.supportedByViewer ? ` · ${t("idea.supported")}` : ""}`}
        </p>
        {tagLinks(t, { tags: idea.tags, language: idea.language, spaceSlug: props.spaceSlug })}
      </div>
    </article>
  );
}
