// The pipeline as people see it: the move form (board and management page, usable with the keyboard
// alone), and the public journey of an idea (stage, timeline with time in each stage, pilot summary,
// rollout, official answer). Evaluator scores never reach these components.
import { Link } from "@remix-run/react";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { formatDate, type Locale } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { IdeaPipeline, PilotView } from "~/models/pipeline.server.ts";
import { durationParts, justNow, requiresReason, StageMoveSchema } from "~/models/pipeline.ts";
import { Field } from "./form.tsx";
import { Markdown } from "./markdown.tsx";
import { SchemaForm, SelectField } from "./schema-form.tsx";
import { StageBadge } from "./stage-badge.tsx";
import { usePersonName } from "./person-name.tsx";
import { TableRegion } from "./table-region.tsx";
import { WithUserText } from "./user-text.tsx";

/** "3 jours", "5 heures", "12 minutes". */
export function useDurationText() {
  const t = useT();
  return (ms: number) => {
    const { unit, count } = durationParts(ms);
    return t(`duration.${unit}`, { count });
  };
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
export function formatMeasure(locale: Locale, value: string, unit: string): string {
  let format = numberFormats.get(locale);
  if (!format)
    numberFormats.set(
      locale,
      (format = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 4 })),
    );
  const n = Number(value);
  return `${Number.isFinite(n) ? format.format(n) : value}${unit ? ` ${unit}` : ""}`;
}

/** "Move to…": a select of the stages allowed now, a note (required to reject or archive), a button. */
export function StageMoveForm(props: {
  ideaId: string;
  title: string;
  /** The language the title was written in (docs/decisions/0029). */
  language: string;
  stage: IdeaStage;
  moves: IdeaStage[];
  compact?: boolean;
}) {
  const t = useT();
  const { ideaId, stage, moves } = props;
  if (moves.length === 0) return <p className="muted">{t("pipeline.noMoves")}</p>;
  return (
    <div className="stage-move">
      <SchemaForm
        key={stage}
        formId={`move-${ideaId}`}
        intent="move"
        schema={StageMoveSchema}
        hidden={{ ideaId, from: stage }}
        submitLabel={t("pipeline.moveSubmit")}
        className={props.compact ? "stack stack--tight" : "stack"}
      >
        {(fields) => (
          <>
            <SelectField
              field={fields.to!}
              label={
                props.compact ? (
                  <WithUserText
                    text={(title) => t("board.moveLabel", { title })}
                    value={props.title}
                    lang={props.language}
                  />
                ) : (
                  t("pipeline.moveTo")
                )
              }
              options={moves.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
              // Never preselect a closing move: with no step forward available, the manager chooses.
              placeholder={requiresReason(moves[0]!) ? t("pipeline.chooseStage") : undefined}
            />
            <Field
              field={fields.note!}
              label={t("pipeline.moveNote")}
              hint={t("pipeline.moveNoteHint")}
              multiline
              rows={2}
            />
          </>
        )}
      </SchemaForm>
      {stage === "PILOT" && !moves.includes("PRODUCTION") ? <p className="hint">{t("pipeline.goHint")}</p> : null}
    </div>
  );
}

/** A measure: the number in the reader's format, the unit (user text) in the language it is written in. */
function Measure({ value, kpi }: { value: string; kpi: { unit: string; language: string } }) {
  const locale = useLocale();
  return (
    <>
      {formatMeasure(locale, value, "")}
      {kpi.unit ? (
        <>
          {" "}
          <span lang={kpi.language}>{kpi.unit}</span>
        </>
      ) : null}
    </>
  );
}

/** KPI names and units are marked with each KPI's language (docs/decisions/0037). */
export function KpiTable({ kpis, caption }: { kpis: PilotView["kpis"]; caption: string }) {
  const t = useT();
  const locale = useLocale();
  if (kpis.length === 0) return <p className="muted">{t("pilot.noKpis")}</p>;
  return (
    <TableRegion label={caption}>
      <table className="kpi-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pilot.kpi.name")}</th>
            <th scope="col">{t("pilot.kpi.baseline")}</th>
            <th scope="col">{t("pilot.kpi.target")}</th>
            <th scope="col">{t("pilot.kpi.actual")}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => (
            <tr key={k.id}>
              <th scope="row" lang={k.language}>
                {k.name}
              </th>
              <td>
                <Measure value={k.baseline} kpi={k} />
              </td>
              <td>
                <Measure value={k.target} kpi={k} />
              </td>
              <td>
                {k.actual === null ? (
                  <span className="muted">{t("pilot.kpi.notMeasured")}</span>
                ) : (
                  <>
                    <Measure value={k.actual} kpi={k} />
                    {k.measuredOn ? (
                      <span className="muted">
                        {" "}
                        ({t("pilot.kpi.measuredOnDate", { date: formatDate(locale, k.measuredOn) })})
                      </span>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The pilot's free text is marked with the language it is written in (docs/decisions/0037). */
export function PilotSummary({ pilot, headingLevel = 3 }: { pilot: PilotView; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section className="pilot-summary" aria-label={t("pilot.title")}>
      <H>{t("pilot.title")}</H>
      {pilot.hypothesis ? null : <p className="muted">{t("pilot.preparing")}</p>}
      <dl className="facts">
        {pilot.hypothesis ? (
          <>
            <dt>{t("pilot.hypothesis")}</dt>
            <dd lang={pilot.language}>{pilot.hypothesis}</dd>
          </>
        ) : null}
        <dt>{t("pilot.scope")}</dt>
        {pilot.scope.length ? <dd lang={pilot.language}>{pilot.scope.join(", ")}</dd> : <dd>{t("pilot.unset")}</dd>}
        <dt>{t("pilot.dates")}</dt>
        <dd>
          {pilot.startsOn && pilot.endsOn
            ? t("pilot.datesValue", {
                start: formatDate(locale, pilot.startsOn),
                end: formatDate(locale, pilot.endsOn),
              })
            : pilot.startsOn
              ? t("pilot.startsOnValue", { start: formatDate(locale, pilot.startsOn) })
              : t("pilot.unset")}
        </dd>
        <dt>{t("pilot.owner")}</dt>
        <dd>{pilot.owner?.displayName ?? t("pilot.unset")}</dd>
        {pilot.resultSummary ? (
          <>
            <dt>{t("pilot.result")}</dt>
            <dd className="pre-line" lang={pilot.language}>
              {pilot.resultSummary}
            </dd>
          </>
        ) : null}
        <dt>{t("pilot.decision")}</dt>
        <dd data-testid="pilot-decision">
          {pilot.decision ? (
            <>
              <strong>{t(`pilot.decision.${pilot.decision}`)}</strong>
              {pilot.decidedAt ? <> — {t("pilot.decidedOn", { date: formatDate(locale, pilot.decidedAt) })}</> : null}
              {pilot.decisionReason ? (
                <span className="pre-line block" lang={pilot.decisionLanguage}>
                  {pilot.decisionReason}
                </span>
              ) : null}
            </>
          ) : (
            t("pilot.decisionPending")
          )}
        </dd>
      </dl>
      <Sub className="pilot-summary__kpis">{t("pilot.kpis")}</Sub>
      <KpiTable kpis={pilot.kpis} caption={t("pilot.kpis")} />
    </section>
  );
}

export function RolloutSummary({ rollout }: { rollout: NonNullable<IdeaPipeline["rollout"]> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="rollout-summary">
      <h3>{t("rollout.title")}</h3>
      <dl className="facts">
        <dt>{t("rollout.releasedOn")}</dt>
        <dd>{formatDate(locale, rollout.releasedOn)}</dd>
        <dt>{t("rollout.agencies")}</dt>
        {rollout.agencies.length ? (
          <dd lang={rollout.language}>{rollout.agencies.join(", ")}</dd>
        ) : (
          <dd>{t("pilot.unset")}</dd>
        )}
        {rollout.link ? (
          <>
            <dt>{t("rollout.link")}</dt>
            <dd>
              <a href={rollout.link} rel="noopener noreferrer nofollow">
                {rollout.link}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/**
 * The idea's journey, as shown on its page to everyone who may see the idea. Managers' text (stage notes,
 * the official answer, the pilot's) is marked with the language it was written in (docs/decisions/0037).
 */
export function IdeaJourney(props: { pipeline: IdeaPipeline; ideaId: string }) {
  const { pipeline, ideaId } = props;
  const t = useT();
  const personName = usePersonName();
  const locale = useLocale();
  const duration = useDurationText();
  const current = pipeline.timeline.at(-1)?.durationMs ?? pipeline.proposedFor;
  return (
    <section aria-labelledby="journey-title" className="journey">
      <h2 id="journey-title">{t("pipeline.title")}</h2>
      <p className="journey__current">
        {t("pipeline.currentStage")}{" "}
        <span data-testid="journey-stage">
          <StageBadge stage={pipeline.stage} />
        </span>{" "}
        <span className="muted">{t("pipeline.since", { duration: duration(current), justNow: justNow(current) })}</span>
      </p>
      {pipeline.canManage ? (
        <p>
          <Link to={`/idees/${ideaId}/pilotage`}>{t("pipeline.manage")}</Link>
        </p>
      ) : null}
      {pipeline.answer ? (
        <section className="official-answer" aria-labelledby="answer-title">
          <h3 id="answer-title">{t("answer.title")}</h3>
          <Markdown html={pipeline.answer.bodyHtml} lang={pipeline.answer.language} />
          <p className="meta">
            {t("answer.by", {
              name: personName(pipeline.answer.author.displayName),
              date: formatDate(locale, pipeline.answer.createdAt),
            })}
            {pipeline.answer.updatedAt !== pipeline.answer.createdAt ? (
              <> · {t("answer.updatedOn", { date: formatDate(locale, pipeline.answer.updatedAt) })}</>
            ) : null}
          </p>
        </section>
      ) : null}
      {pipeline.pilot ? <PilotSummary pilot={pipeline.pilot} /> : null}
      {pipeline.rollout ? <RolloutSummary rollout={pipeline.rollout} /> : null}
      <h3>{t("pipeline.timeline")}</h3>
      <ol className="timeline" data-testid="timeline">
        <li>
          <p>
            <StageBadge stage="PROPOSED" /> {t("pipeline.proposedOn", { date: formatDate(locale, pipeline.createdAt) })}
          </p>
          <p className="meta">{t("pipeline.timeIn", { duration: duration(pipeline.proposedFor) })}</p>
        </li>
        {pipeline.timeline.map((step) => (
          <li key={step.id}>
            <p>
              <StageBadge stage={step.from} /> <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t("pipeline.to")}</span> <StageBadge stage={step.to} />{" "}
              <span className="meta">
                {t("pipeline.by", { name: personName(step.actor.displayName), date: formatDate(locale, step.at) })}
              </span>
            </p>
            {step.note ? (
              <p className="pre-line timeline__note" lang={step.language}>
                {step.note}
              </p>
            ) : null}
            <p className="meta">{t("pipeline.timeIn", { duration: duration(step.durationMs) })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
