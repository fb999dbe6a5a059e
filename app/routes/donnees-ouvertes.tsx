// The open-data page (docs/decisions/0026-read-api.md): what the files hold, their licence, their age.
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { OPEN_DATA_LICENCE, openDataGeneratedAt } from "~/models/open-data.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("openData.title"));

export async function loader() {
  const generatedAt = await openDataGeneratedAt();
  return { generatedAt: generatedAt?.toISOString() ?? null, licenceUrl: OPEN_DATA_LICENCE.url };
}

export default function OpenData() {
  const { generatedAt, licenceUrl } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="narrow">
      <h1>{t("openData.title")}</h1>
      <p>{t("openData.intro")}</p>
      <p>
        {t("openData.licence")}{" "}
        <a href={licenceUrl} rel="license noopener noreferrer">
          {t("openData.licenceName")}
        </a>
      </p>
      <h2>{t("openData.files")}</h2>
      <ul>
        <li>
          <a href="/donnees-ouvertes/idees.csv" download>
            {t("openData.csv")}
          </a>
        </li>
        <li>
          <a href="/donnees-ouvertes/idees.json" download>
            {t("openData.json")}
          </a>
        </li>
      </ul>
      <p>
        {generatedAt ? t("openData.generated", { date: formatDateTime(locale, generatedAt) }) : t("openData.notYet")}
      </p>
      <p>
        <Link to="/api">{t("api.title")}</Link>
      </p>
    </section>
  );
}
