// The idea page's heading: title, stage, authors and date, the response status, its challenge and tags.
import { Link } from "@remix-run/react";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { ResponseStatus } from "~/models/commitments.ts";
import { InlineAvatar } from "./avatar.tsx";
import { ResponseStatusLine } from "./commitments.tsx";
import { Byline, PersonName } from "./person-name.tsx";
import { StageBadge } from "./stage-badge.tsx";
import { TagLinks } from "./tag-links.tsx";
import { WithUserText } from "./user-text.tsx";

export type IdeaHeadFacts = {
  title: string;
  language: string;
  authorId: string;
  author: { displayName: string; avatarUrl: string | null };
  coauthors: { id: string; displayName: string }[];
  createdAt: string;
  challenge: { id: string; title: string; language: string; participationClosed: boolean } | null;
  tags: string[];
  space: { slug: string };
};

/** `stage`: the live one (it moves while the page is open). */
export function IdeaHead(props: { idea: IdeaHeadFacts; stage: IdeaStage; response: ResponseStatus }) {
  const { idea } = props;
  const t = useT();
  const locale = useLocale();
  return (
    <header className="idea-page__head">
      <h1 lang={idea.language}>{idea.title}</h1>
      <p className="meta">
        <StageBadge stage={props.stage} /> <InlineAvatar avatarUrl={idea.author.avatarUrl} />
        <Byline
          text={(name) => t("idea.by", { name })}
          person={{ id: idea.authorId, displayName: idea.author.displayName }}
        />
        {idea.coauthors.map((person) => (
          <span key={person.id}>
            , <PersonName person={person} />
          </span>
        ))}{" "}
        {t("idea.on", { date: formatDate(locale, idea.createdAt) })}
      </p>
      <ResponseStatusLine status={props.response} />
      {idea.challenge ? (
        <p className="meta">
          <Link to={`/defis/${idea.challenge.id}`}>
            <WithUserText
              text={(title) => t("idea.challenge", { title })}
              value={idea.challenge.title}
              lang={idea.challenge.language}
            />
          </Link>
          {idea.challenge.participationClosed ? <> · {t("challenge.participationClosed")}</> : null}
        </p>
      ) : null}
      <TagLinks tags={idea.tags} language={idea.language} spaceSlug={idea.space.slug} />
    </header>
  );
}
