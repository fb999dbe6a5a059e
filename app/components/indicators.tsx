// The sections of the indicators page (app/routes/pilotage_.indicateurs.tsx): each chart with its data
// table and one-sentence summary. docs/decisions/0025-indicators-and-exports.md
import { TableRegion } from "./table-region.tsx";
import { Link } from "@remix-run/react";
import type { Locale } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { AUDIENCES, EXPORT_KINDS, filtersQuery, FUNNEL_STAGES, secondsToDays } from "~/models/indicators.ts";
import type { Indicators } from "~/models/indicators.server.ts";
import { BarChart, LineChart } from "./charts.tsx";

const percent = (locale: Locale, value: number | null) =>
  value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
const number = (locale: Locale, value: number | string | null) =>
  value === null ? "—" : new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(Number(value));

export function FunnelSection({ data }: { data: Indicators }) {
  const t = useT();
  const locale = useLocale();
  const { steps, answered, waiting, total } = data.funnel;
  const stageName = (stage: string) => t(`stage.${stage as (typeof FUNNEL_STAGES)[number]}`);
  const production = steps.at(-1)?.reached ?? 0;
  return (
    <section aria-labelledby="funnel-heading" className="indicators__section">
      <h2 id="funnel-heading">{t("indicators.funnel")}</h2>
      <BarChart
        id="chart-funnel"
        title={t("indicators.funnel.caption")}
        summary={t("indicators.funnel.summary", { total, production })}
        categories={steps.map((s) => stageName(s.stage))}
        series={[{ name: t("indicators.funnel.reached"), values: steps.map((s) => s.reached) }]}
        table={
          <table data-testid="funnel-table">
            <caption>{t("indicators.funnel.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.stage")}</th>
                <th scope="col">{t("indicators.funnel.reached")}</th>
                <th scope="col">{t("indicators.funnel.current")}</th>
                <th scope="col">{t("indicators.funnel.conversion")}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.stage} data-stage={s.stage}>
                  <th scope="row">{stageName(s.stage)}</th>
                  <td>{s.reached}</td>
                  <td>{s.current}</td>
                  <td>{percent(locale, s.conversion)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <h3>{t("indicators.answered")}</h3>
      <p data-testid="answered">{t("indicators.answered.summary", { answered, waiting })}</p>
    </section>
  );
}

export function TimeInStageSection({ data }: { data: Indicators }) {
  const t = useT();
  const locale = useLocale();
  const rows = FUNNEL_STAGES.slice(0, -1).flatMap((stage) => data.timeInStage.filter((r) => r.stage === stage));
  const visits = rows.reduce((sum, r) => sum + r.visits, 0);
  const days = (s: number) => secondsToDays(s) ?? 0;
  return (
    <section aria-labelledby="time-heading" className="indicators__section">
      <h2 id="time-heading">{t("indicators.time")}</h2>
      <BarChart
        id="chart-time"
        title={t("indicators.time.caption")}
        summary={t("indicators.time.summary", { count: visits })}
        categories={rows.map((r) => t(`stage.${r.stage}`))}
        series={[
          { name: t("indicators.time.median"), values: rows.map((r) => days(r.medianSeconds)) },
          { name: t("indicators.time.p90"), values: rows.map((r) => days(r.p90Seconds)) },
        ]}
        format={(v) => number(locale, v)}
        table={
          <table data-testid="time-table">
            <caption>{t("indicators.time.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.stage")}</th>
                <th scope="col">{t("indicators.time.visits")}</th>
                <th scope="col">{t("indicators.time.median")}</th>
                <th scope="col">{t("indicators.time.p90")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.stage} data-stage={r.stage}>
                  <th scope="row">{t(`stage.${r.stage}`)}</th>
                  <td>{r.visits}</td>
                  <td>{number(locale, days(r.medianSeconds))}</td>
                  <td>{number(locale, days(r.p90Seconds))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

export function ThroughputSection({ data }: { data: Indicators }) {
  const t = useT();
  const months = data.throughput;
  const sum = (k: "proposed" | "answered" | "production") => months.reduce((s, m) => s + m[k], 0);
  const keys = ["proposed", "answered", "production"] as const;
  return (
    <section aria-labelledby="throughput-heading" className="indicators__section">
      <h2 id="throughput-heading">{t("indicators.throughput")}</h2>
      {months.length === 0 ? (
        <p className="muted">{t("indicators.noData")}</p>
      ) : (
        <LineChart
          id="chart-throughput"
          title={t("indicators.throughput.caption")}
          summary={t("indicators.throughput.summary", {
            months: months.length,
            proposed: sum("proposed"),
            answered: sum("answered"),
            production: sum("production"),
          })}
          labels={months.map((m) => m.month)}
          series={keys.map((k) => ({ name: t(`indicators.throughput.${k}`), values: months.map((m) => m[k]) }))}
          table={
            <table data-testid="throughput-table">
              <caption>{t("indicators.throughput.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.month")}</th>
                  {keys.map((k) => (
                    <th scope="col" key={k}>
                      {t(`indicators.throughput.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    {keys.map((k) => (
                      <td key={k}>{m[k]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </section>
  );
}

export function ParticipationSection({ data }: { data: Indicators }) {
  const t = useT();
  const months = data.participation;
  const kinds = ["proposers", "supporters", "commenters"] as const;
  const last = months.at(-1);
  const people = (m: (typeof months)[number], a: (typeof AUDIENCES)[number]) => m.byAudience[a].participants;
  return (
    <section aria-labelledby="participation-heading" className="indicators__section">
      <h2 id="participation-heading">{t("indicators.participation")}</h2>
      {!last ? (
        <p className="muted">{t("indicators.noData")}</p>
      ) : (
        <LineChart
          id="chart-participation"
          title={t("indicators.participation.caption")}
          summary={t("indicators.participation.summary", {
            month: last.month,
            people: AUDIENCES.reduce((s, a) => s + people(last, a), 0),
          })}
          labels={months.map((m) => m.month)}
          series={AUDIENCES.map((a) => ({
            name: t(`indicators.audience.${a}`),
            values: months.map((m) => people(m, a)),
          }))}
          table={
            <table data-testid="participation-table">
              <caption>{t("indicators.participation.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.month")}</th>
                  {AUDIENCES.flatMap((a) =>
                    kinds.map((k) => (
                      <th scope="col" key={`${a}.${k}`}>
                        {t(`indicators.audience.${a}`)} — {t(`indicators.participation.${k}`)}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month} data-month={m.month}>
                    <th scope="row">{m.month}</th>
                    {AUDIENCES.flatMap((a) =>
                      kinds.map((k) => (
                        <td key={`${a}.${k}`} data-cell={`${a}.${k}`}>
                          {m.byAudience[a][k]}
                        </td>
                      )),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
      {data.participationByAgency.length > 0 ? (
        <TableRegion label={t("indicators.agency.caption")}>
          <table>
            <caption>{t("indicators.agency.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.agency.name")}</th>
                <th scope="col">{t("indicators.agency.people")}</th>
              </tr>
            </thead>
            <tbody>
              {data.participationByAgency.map((r) => (
                <tr key={r.agency}>
                  <th scope="row">{r.agency}</th>
                  <td>{r.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}

export function ChallengesSection({ data }: { data: Indicators }) {
  const t = useT();
  return (
    <section aria-labelledby="challenges-heading" className="indicators__section">
      <h2 id="challenges-heading">{t("indicators.challenges")}</h2>
      {data.challengeResults.length === 0 ? (
        <p className="muted">{t("indicators.noData")}</p>
      ) : (
        <TableRegion label={t("indicators.challenges.caption")}>
          <table data-testid="challenges-table">
            <caption>{t("indicators.challenges.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.challenges.name")}</th>
                <th scope="col">{t("indicators.challenges.ideas")}</th>
                <th scope="col">{t("indicators.challenges.supports")}</th>
                <th scope="col">{t("indicators.challenges.retained")}</th>
              </tr>
            </thead>
            <tbody>
              {data.challengeResults.map((c) => (
                <tr key={c.id} data-challenge={c.id}>
                  <th scope="row">
                    <Link to={`/defis/${c.id}`} lang={c.language}>
                      {c.title}
                    </Link>
                  </th>
                  <td>{c.ideas}</td>
                  <td>{c.supports}</td>
                  <td>{c.retained}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

export function PilotsSection({ data, listSize }: { data: Indicators; listSize: number }) {
  const t = useT();
  const locale = useLocale();
  const { running, go, noGo, goRate, list } = data.pilots;
  return (
    <section aria-labelledby="pilots-heading" className="indicators__section">
      <h2 id="pilots-heading">{t("indicators.pilots")}</h2>
      <p data-testid="pilots-summary">
        {t("indicators.pilots.summary", {
          running,
          go,
          noGo,
          rate: goRate === null ? "none" : percent(locale, goRate),
        })}
      </p>
      {list.length === 0 ? null : (
        <TableRegion label={t("indicators.pilots.caption", { size: listSize })}>
          <table data-testid="pilots-table">
            <caption>{t("indicators.pilots.caption", { size: listSize })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.pilots.idea")}</th>
                <th scope="col">{t("indicators.pilots.decision")}</th>
                <th scope="col">{t("indicators.pilots.kpi")}</th>
                <th scope="col">{t("indicators.pilots.baseline")}</th>
                <th scope="col">{t("indicators.pilots.target")}</th>
                <th scope="col">{t("indicators.pilots.actual")}</th>
                <th scope="col">{t("indicators.pilots.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {list.flatMap((p) =>
                (p.kpis.length ? p.kpis : [null]).map((k, i) => (
                  <tr key={`${p.ideaId}-${i}`}>
                    <th scope="row">
                      <Link to={`/idees/${p.ideaId}/pilotage`} lang={p.language}>
                        {p.title}
                      </Link>
                    </th>
                    <td>
                      {p.decision
                        ? t(`export.decision.${p.decision as "GO" | "NO_GO"}`)
                        : t("indicators.pilots.pending")}
                    </td>
                    {k ? (
                      <>
                        <td lang={k.language}>
                          {k.name} ({k.unit})
                        </td>
                        <td>{number(locale, k.baseline)}</td>
                        <td>{number(locale, k.target)}</td>
                        <td>{number(locale, k.actual)}</td>
                        <td>{percent(locale, k.progress)}</td>
                      </>
                    ) : (
                      <td colSpan={5}>{t("indicators.pilots.noKpi")}</td>
                    )}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** Plain links (a download, not a page): `reloadDocument` keeps Remix's router out of the way. */
export function ExportLinks({
  filters,
  headingLevel = 2,
}: {
  filters: Parameters<typeof filtersQuery>[0];
  headingLevel?: 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  const t = useT();
  return (
    <section aria-labelledby="exports-heading" className="indicators__section">
      <Heading id="exports-heading">{t("indicators.exports")}</Heading>
      <p>{t("indicators.exports.intro")}</p>
      <ul>
        {EXPORT_KINDS.map((kind) => (
          <li key={kind}>
            <Link reloadDocument to={`/pilotage/export/${kind}${filtersQuery(filters)}`}>
              {t(`indicators.exports.${kind}`)}
            </Link>{" "}
            <Link reloadDocument to={`/pilotage/export/${kind}${filtersQuery(filters, { sep: "comma" })}`}>
              {t("indicators.exports.comma")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
