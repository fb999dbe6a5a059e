// What I follow (docs/decisions/0031): ideas (chosen or by default), spaces, challenges and topics
// that I may still see, each with its button to stop; a form to follow a topic.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { FollowButton } from "~/components/follow-button.tsx";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { listFollows } from "~/models/follow.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("follows.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listFollows(user);
}

export default function Follows() {
  const { ideas, spaces, challenges, tags } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const stop = t("follow.unfollow");
  return (
    <section className="narrow follows" data-testid="follows">
      <h1>{t("follows.title")}</h1>
      <p>{t("follows.intro")}</p>
      <h2>{t("follows.ideas")}</h2>
      {ideas.length === 0 ? <p className="empty">{t("follows.none")}</p> : null}
      <ul className="follow-list" data-testid="followed-ideas">
        {ideas.map((idea) => (
          <li key={idea.id}>
            <Link to={`/idees/${idea.id}`} lang={idea.language}>
              {idea.title}
            </Link>{" "}
            {idea.byDefault ? <span className="muted">{t("follows.byDefault")}</span> : null}
            <FollowButton kind="IDEA" target={idea.id} following followLabel="" unfollowLabel={stop} />
          </li>
        ))}
      </ul>
      <h2>{t("follows.spaces")}</h2>
      {spaces.length === 0 ? <p className="empty">{t("follows.none")}</p> : null}
      <ul className="follow-list">
        {spaces.map((space) => (
          <li key={space.id}>
            <Link to={`/espaces/${space.slug}`}>{locale === "fr" ? space.nameFr : space.nameEn}</Link>
            <FollowButton kind="SPACE" target={space.slug} following followLabel="" unfollowLabel={stop} />
          </li>
        ))}
      </ul>
      <h2>{t("follows.challenges")}</h2>
      {challenges.length === 0 ? <p className="empty">{t("follows.none")}</p> : null}
      <ul className="follow-list">
        {challenges.map((challenge) => (
          <li key={challenge.id}>
            <Link to={`/defis/${challenge.id}`} lang={challenge.language}>
              {challenge.title}
            </Link>
            <FollowButton kind="CHALLENGE" target={challenge.id} following followLabel="" unfollowLabel={stop} />
          </li>
        ))}
      </ul>
      <h2>{t("follows.tags")}</h2>
      {tags.length === 0 ? <p className="empty">{t("follows.none")}</p> : null}
      <ul className="follow-list">
        {tags.map((tag) => (
          <li key={tag}>
            {tag}
            <FollowButton kind="TAG" target={tag} following followLabel="" unfollowLabel={stop} />
          </li>
        ))}
      </ul>
      <Form method="post" action="/suivre" className="stack">
        <input type="hidden" name="kind" value="TAG" />
        <input type="hidden" name="follow" value="1" />
        <input type="hidden" name="redirectTo" value="/compte/suivis" />
        <div className="field">
          <label htmlFor="follow-tag">{t("follows.tagLabel")}</label>
          <input id="follow-tag" name="target" required maxLength={30} />
        </div>
        <div className="actions">
          <button type="submit">{t("follow.follow")}</button>
        </div>
      </Form>
    </section>
  );
}
