import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/session.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { listVisibleSpaces } from "~/models/space.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, () => null);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return { spaces: await listVisibleSpaces(viewer) };
}

export default function Home() {
  const { spaces } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
      </section>
      <section aria-labelledby="spaces-title">
        <h2 id="spaces-title">{t("home.spaces")}</h2>
        <ul className="space-list">
          {spaces.map((space) => (
            <li key={space.id} className="space-card">
              <h3>
                <Link to={`/espaces/${space.slug}`}>{locale === "fr" ? space.nameFr : space.nameEn}</Link>{" "}
                <span className={`badge badge--audience-${space.audience.toLowerCase()}`}>
                  {t(`space.audience.${space.audience}`)}
                </span>
              </h3>
              <p>{locale === "fr" ? space.descriptionFr : space.descriptionEn}</p>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/en-production">{t("home.inProduction")}</Link>
        </p>
      </section>
    </>
  );
}
