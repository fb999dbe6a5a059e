import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { IdeaListItem } from "~/models/idea.server.ts";
import { StageBadge } from "./stage-badge.tsx";

export function IdeaCard({ idea }: { idea: IdeaListItem }) {
  const t = useT();
  const locale = useLocale();
  return (
    <article className="idea-card" aria-labelledby={`idea-${idea.id}-title`}>
      <div className="idea-card__count" data-testid="support-count">
        <strong>{idea.supports}</strong>
        <span>{t("idea.supportsWord", { count: idea.supports })}</span>
      </div>
      <div className="idea-card__main">
        <h3 id={`idea-${idea.id}-title`}>
          <Link to={`/idees/${idea.id}`}>{idea.title}</Link>
        </h3>
        <p className="idea-card__excerpt">{idea.excerpt}</p>
        <p className="meta">
          <StageBadge stage={idea.stage} /> {t("idea.by", { name: idea.author.displayName })} ·{" "}
          <time dateTime={idea.createdAt}>{formatDate(locale, idea.createdAt)}</time> ·{" "}
          {t("idea.comments", { count: idea.comments })}
          {idea.supportedByViewer ? <> · {t("idea.supported")}</> : null}
        </p>
        {idea.tags.length ? (
          <ul className="tags" aria-label={t("idea.tags")}>
            {idea.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
