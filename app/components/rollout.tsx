// Roll-out per agency on screen (docs/decisions/0028): "rolled out in 120 of 900 agencies", the staff's
// "my agency uses this" and the managers' confirmations. Plain forms: they work without JavaScript.
import { Form } from "@remix-run/react";
import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { RecordAdoptionSchema } from "~/models/adoption.ts";
import type { RolloutProgress } from "~/models/agency.ts";
import { Field } from "./form.tsx";
import { SchemaForm } from "./schema-form.tsx";

export function RolloutProgressLine({ progress }: { progress: RolloutProgress }) {
  const t = useT();
  if (!progress) return null;
  return (
    <p data-testid="rollout-progress">
      <progress className="rollout-progress" max={progress.total} value={progress.adopted} aria-hidden="true" />{" "}
      {t("rollout.progress", progress)}
    </p>
  );
}

type IdeaRollout = {
  progress: RolloutProgress;
  myAgency: { code: string; name: string; state: string } | null;
  pending: { code: string; name: string; region: string }[];
  canConfirm: boolean;
};

export function AgencyRollout({ rollout }: { rollout: IdeaRollout }) {
  const t = useT();
  const mine = rollout.myAgency;
  return (
    <section aria-labelledby="agency-rollout-title" data-testid="agency-rollout">
      <h2 id="agency-rollout-title">{t("rollout.title")}</h2>
      <RolloutProgressLine progress={rollout.progress} />
      {mine?.state === "none" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="declare-adoption" />
          <input type="hidden" name="formId" value="adoption" />
          <p className="hint">{t("rollout.declareHint", { agency: mine.name })}</p>
          <div className="actions">
            <button type="submit">{t("rollout.declare")}</button>
          </div>
        </Form>
      ) : mine ? (
        <p>{t(mine.state === "confirmed" ? "rollout.confirmedMine" : "rollout.pendingMine", { agency: mine.name })}</p>
      ) : null}
      {rollout.canConfirm && rollout.pending.length ? (
        <>
          <h3>{t("rollout.pending")}</h3>
          <ul>
            {rollout.pending.map((a) => (
              <li key={a.code}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="confirm-adoption" />
                  <input type="hidden" name="formId" value={`adoption-${a.code}`} />
                  <input type="hidden" name="agencyCode" value={a.code} />
                  <span>
                    {a.name} ({a.region})
                  </span>{" "}
                  <button type="submit" className="button--secondary">
                    {t("rollout.confirm", { agency: a.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * The roll-out page's record of adoptions (managers): progress, the latest adoptions, and the form that
 * records "agency X has used it since day D" directly (counted at once, audited).
 */
export function RecordAdoption(props: {
  progress: NonNullable<RolloutProgress>;
  adoptions: { code: string; name: string; region: string; adoptedOn: string }[];
  today: string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="adoptions-title" data-testid="record-adoption">
      <h2 id="adoptions-title">{t("rollout.recordTitle")}</h2>
      <RolloutProgressLine progress={props.progress} />
      <SchemaForm
        formId="adoption"
        intent="record-adoption"
        schema={RecordAdoptionSchema}
        defaultValue={{ adoptedOn: props.today }}
        submitLabel={t("rollout.recordSubmit")}
      >
        {(f) => (
          <>
            <p className="hint">{t("rollout.recordHint")}</p>
            <Field field={f.agency!} label={t("rollout.recordAgency")} hint={t("rollout.recordAgencyHint")} />
            <Field field={f.adoptedOn!} type="date" label={t("rollout.adoptedOn")} />
          </>
        )}
      </SchemaForm>
      {props.adoptions.length ? (
        <>
          <h3>{t("rollout.adoptions")}</h3>
          <ul data-testid="adoptions">
            {props.adoptions.map((a) => (
              <li key={a.code}>
                {t("rollout.adoptionLine", {
                  agency: a.name,
                  region: a.region,
                  date: formatDate(locale, `${a.adoptedOn}T12:00:00.000Z`),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
