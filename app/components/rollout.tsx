// Roll-out per agency on screen (docs/decisions/0028): "rolled out in 120 of 900 agencies", the staff's
// "my agency uses this" and the managers' confirmations. Plain forms: they work without JavaScript.
import { Form } from "@remix-run/react";
import { useT } from "~/lib/i18n-react.ts";
import type { RolloutProgress } from "~/models/agency.ts";

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
