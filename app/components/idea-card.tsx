import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { IdeaListItem } from "~/models/idea.ts";
import { useLiveValue } from "~/realtime/use-live.ts";
import { StageBadge } from "./stage-badge.tsx";
import { Byline } from "./person-name.tsx";
import { PathLink } from "./path-link.tsx";
import { TagLinks } from "./tag-links.tsx";

/** `countsAt` (the loader's database clock) lets live counts and stages replace the loader's when newer. */
export function IdeaCard(props: { idea: IdeaListItem; countsAt?: number; spaceSlug: string }) {
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
