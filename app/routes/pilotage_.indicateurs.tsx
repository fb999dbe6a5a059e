// The managers' indicators (docs/decisions/0025-indicators-and-exports.md): funnel, time in stage,
// answers, monthly pace, participation, challenges and pilots, filtered by space, challenge and period,
// with the CSV exports of the same scope. Managers and admins only (canSeeIndicators, in the model).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import {
  ChallengesSection,
  ExportLinks,
  FunnelSection,
  ParticipationSection,
  PilotsSection,
  ThroughputSection,
  TimeInStageSection,
} from "~/components/indicators.tsx";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getIndicators, PILOT_LIST_SIZE } from "~/models/indicators.server.ts";
import { parseIndicatorFilters } from "~/models/indicators.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("indicators.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseIndicatorFilters(new URL(request.url).searchParams);
  return { indicators: await getIndicators({ viewer: user, filters }), pilotListSize: PILOT_LIST_SIZE };
}

export default function IndicatorsPage() {
  const { indicators: data, pilotListSize } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { filters } = data;
  const filtered = Boolean(filters.space || filters.challenge || filters.from || filters.to);
  return (
    <section className="indicators-page">
      <p>
        <Link to="/pilotage">{t("indicators.back")}</Link>
      </p>
      <h1>{t("indicators.title")}</h1>
      <Form method="get" className="inline-form indicators-filters" aria-label={t("indicators.filters")}>
        <label htmlFor="ind-space">{t("indicators.space")}</label>
        <select id="ind-space" name="espace" defaultValue={filters.space ?? ""}>
          <option value="">{t("indicators.allSpaces")}</option>
          {data.spaces.map((s) => (
            <option key={s.id} value={s.slug}>
              {locale === "fr" ? s.nameFr : s.nameEn}
            </option>
          ))}
        </select>
        <label htmlFor="ind-challenge">{t("indicators.challenge")}</label>
        <select id="ind-challenge" name="defi" defaultValue={filters.challenge ?? ""}>
          <option value="">{t("indicators.allChallenges")}</option>
          {data.challenges.map((c) => (
            <option key={c.id} value={c.id} lang={c.language}>
              {c.title}
            </option>
          ))}
        </select>
        <label htmlFor="ind-from">{t("indicators.from")}</label>
        <input id="ind-from" type="date" name="du" defaultValue={filters.from ?? ""} />
        <label htmlFor="ind-to">{t("indicators.to")}</label>
        <input id="ind-to" type="date" name="au" defaultValue={filters.to ?? ""} />
        <button type="submit">{t("indicators.apply")}</button>
        {filtered ? <Link to="/pilotage/indicateurs">{t("indicators.reset")}</Link> : null}
      </Form>
      <p className="muted">{t("indicators.scope")}</p>
      <FunnelSection data={data} />
      <TimeInStageSection data={data} />
      <ThroughputSection data={data} />
      <ParticipationSection data={data} />
      <ChallengesSection data={data} />
      <PilotsSection data={data} listSize={pilotListSize} />
      <ExportLinks filters={filters} />
    </section>
  );
}
