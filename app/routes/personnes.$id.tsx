// A person's profile (docs/decisions/0031): name; unless private, role, bio and what they wrote that
// the viewer may see, ten at a time.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/session.server.ts";
import { Avatar } from "~/components/avatar.tsx";
import { usePersonName } from "~/components/person-name.tsx";
import { formatDate, metaTitle, type MessageKey } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getProfile } from "~/models/profile.server.ts";
import { WithUserText } from "~/components/user-text.tsx";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  metaTitle(matches, (t) => t("profile.title", { name: data?.person.displayName ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return getProfile({ viewer, personId: params.id ?? "", page });
}

export default function Profile() {
  const { person, details } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = usePersonName()(person.displayName);
  return (
    <section className="narrow profile" data-testid="profile">
      <header className="profile__head">
        <Avatar name={name} avatarUrl={details?.avatarUrl} size="large" />
        <div>
          <h1>{name}</h1>
          {details ? <p className="badge">{t(`role.${details.role}` as MessageKey)}</p> : null}
        </div>
      </header>
      {details === null ? (
        <p data-testid="profile-private">{t("profile.private")}</p>
      ) : (
        <>
          {details.bio ? (
            <section aria-labelledby="bio-title">
              <h2 id="bio-title">{t("profile.bio")}</h2>
              <p className="profile__bio">{details.bio}</p>
            </section>
          ) : null}
          <section aria-labelledby="ideas-title">
            <h2 id="ideas-title">{t("profile.ideas")}</h2>
            {details.ideas.length === 0 ? (
              <p className="empty">{t("profile.noIdeas")}</p>
            ) : (
              <ul data-testid="profile-ideas">
                {details.ideas.map((idea) => (
                  <li key={idea.id}>
                    <Link to={`/idees/${idea.id}`} lang={idea.language}>
                      {idea.title}
                    </Link>{" "}
                    <time className="muted" dateTime={idea.createdAt}>
                      {formatDate(locale, idea.createdAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="comments-title">
            <h2 id="comments-title">{t("profile.comments")}</h2>
            {details.comments.length === 0 ? (
              <p className="empty">{t("profile.noComments")}</p>
            ) : (
              <ul data-testid="profile-comments">
                {details.comments.map((c) => (
                  <li key={c.id}>
                    <Link to={`/idees/${c.idea.id}#commentaire-${c.id}`}>
                      <WithUserText
                        text={(title) => t("profile.commentOn", { title })}
                        value={c.idea.title}
                        lang={c.idea.language}
                      />
                    </Link>{" "}
                    <time className="muted" dateTime={c.createdAt}>
                      {formatDate(locale, c.createdAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {details.nextPage ? (
            <p>
              <Link to={`?page=${details.nextPage}`}>{t("profile.more")}</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
