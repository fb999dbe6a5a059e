import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { KpiTable, PilotSummary, RolloutSummary } from "~/components/pipeline.tsx";
import { RecordAdoption } from "~/components/rollout.tsx";
import { SchemaForm, SelectField, useFormReply } from "~/components/schema-form.tsx";
import { StageBadge } from "~/components/stage-badge.tsx";
import { WithUserText } from "~/components/user-text.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { getLocale } from "~/lib/locale.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import {
  deleteKpi,
  getPilotPage,
  recordPilotDecision,
  saveKpi,
  updatePilot,
  updateRollout,
} from "~/models/pilot.server.ts";
import {
  KpiDeleteSchema,
  KpiFormSchema,
  PILOT_DECISIONS,
  PilotDecisionSchema,
  PilotFormSchema,
  RolloutFormSchema,
} from "~/models/pilot.ts";
import type { PilotView } from "~/models/pipeline.server.ts";
import { listAdoptions, recordAdoption, rolloutProgress } from "~/models/agency.server.ts";
import { RecordAdoptionSchema } from "~/models/adoption.ts";
import { parisDay } from "~/lib/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data && t("pilot.pageTitle", { title: data.idea.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getPilotPage(user, params.id ?? "");
  // Adoptions are recorded against the agencies' reference list: the form shows once a list exists.
  const adoptable = page.canEditRollout && page.idea.stage === "PRODUCTION";
  const [adoptions, progress] = adoptable
    ? await Promise.all([
        listAdoptions({ user, ideaId: page.idea.id }),
        rolloutProgress([page.idea.id]).then((m) => m.get(page.idea.id) ?? null),
      ])
    : [[], null];
  return { ...page, adoptions, progress, today: parisDay(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  await getPilotPage(user, ideaId); // 404/403 before reading the body
  const formData = await readForm(request);
  const back = `/idees/${ideaId}/pilote`;
  switch (formData.get("intent")) {
    case "pilot":
      return handleForm({
        formData,
        schema: PilotFormSchema,
        formId: "pilot",
        run: async (input) => {
          await updatePilot({ user, ideaId, input, language: getLocale(request) });
          return redirectWithFlash(back, { key: "pilot.saved" });
        },
      });
    case "kpi":
      return handleForm({
        formData,
        schema: KpiFormSchema,
        formId: formIdOf(formData, "kpi-new"),
        run: async (input) => {
          const { id } = await saveKpi({ user, ideaId, input, language: getLocale(request) });
          return redirectWithFlash(`${back}#indicateur-${id}`, {
            key: input.kpiId ? "pilot.kpiSaved" : "pilot.kpiAdded",
          });
        },
      });
    case "kpi-delete":
      return handleForm({
        formData,
        schema: KpiDeleteSchema,
        formId: formIdOf(formData, "kpi-delete"),
        run: async ({ kpiId }) => {
          await deleteKpi({ user, ideaId, kpiId });
          return redirectWithFlash(back, { key: "pilot.kpiDeleted" });
        },
      });
    case "decision":
      return handleForm({
        formData,
        schema: PilotDecisionSchema,
        formId: "decision",
        run: async (input) => {
          const { stage } = await recordPilotDecision({ user, ideaId, input, language: getLocale(request) });
          return stage === "REJECTED"
            ? redirectWithFlash(`/idees/${ideaId}`, { key: "pilot.decidedNoGo" })
            : redirectWithFlash(`/idees/${ideaId}/pilotage`, { key: "pilot.decidedGo" });
        },
      });
    case "rollout":
      return handleForm({
        formData,
        schema: RolloutFormSchema,
        formId: "rollout",
        run: async (input) => {
          await updateRollout({ user, ideaId, input, language: getLocale(request) });
          return redirectWithFlash(`/idees/${ideaId}`, { key: "pilot.rolloutSaved" });
        },
      });
    case "record-adoption":
      return handleForm({
        formData,
        schema: RecordAdoptionSchema,
        formId: "adoption",
        run: async (input) => {
          await recordAdoption({ user, ideaId, input });
          return redirectWithFlash(`${back}#adoptions-title`, { key: "rollout.recorded" });
        },
      });
    default:
      badRequest("Unknown intent");
  }
}

export default function PilotPage() {
  const { idea, pipeline, ownerEmail, canEditPilot, canEditRollout, adoptions, progress, today } =
    useLoaderData<typeof loader>();
  const t = useT();
  const pilot = pipeline.pilot;
  const rollout = pipeline.rollout;
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={`/idees/${idea.id}`}>{t("manage.back")}</Link> ·{" "}
        <Link to={`/idees/${idea.id}/pilotage`}>{t("pipeline.manage")}</Link>
      </p>
      <h1>{t("pilot.pageTitle", { title: idea.title })}</h1>
      <p>
        {t("pipeline.currentStage")} <StageBadge stage={idea.stage} />
      </p>
      {!pilot ? (
        <p className="empty">{t("pilot.none")}</p>
      ) : canEditPilot ? (
        <PilotForms pilot={pilot} ownerEmail={ownerEmail} />
      ) : (
        <PilotSummary pilot={pilot} headingLevel={2} />
      )}
      {pipeline.rollout ? (
        canEditRollout ? (
          <>
            <h2>{t("rollout.title")}</h2>
            <SchemaForm
              key={JSON.stringify(pipeline.rollout)}
              formId="rollout"
              intent="rollout"
              schema={RolloutFormSchema}
              defaultValue={{
                releasedOn: pipeline.rollout.releasedOn,
                link: pipeline.rollout.link ?? "",
                agencies: pipeline.rollout.agencies.join(", "),
              }}
              submitLabel={t("pilot.rolloutSave")}
            >
              {(f) => (
                <>
                  <Field field={f.releasedOn!} type="date" label={t("rollout.releasedOn")} />
                  <Field field={f.link!} type="url" label={t("rollout.link")} hint={t("rollout.linkHint")} />
                  <Field
                    field={f.agencies!}
                    label={t("rollout.agencies")}
                    hint={t("rollout.agenciesHint")}
                    lang={rollout?.agencies.length ? rollout.language : undefined}
                  />
                </>
              )}
            </SchemaForm>
          </>
        ) : (
          <RolloutSummary rollout={pipeline.rollout} />
        )
      ) : null}
      {progress ? <RecordAdoption progress={progress} adoptions={adoptions} today={today} /> : null}
    </section>
  );
}

function PilotForms({ pilot, ownerEmail }: { pilot: PilotView; ownerEmail: string }) {
  const t = useT();
  // Fields holding stored text carry its language (docs/decisions/0037); empty ones take the page's.
  const langOf = (text: string, lang: string) => (text ? lang : undefined);
  return (
    <>
      <h2>{t("pilot.detailsTitle")}</h2>
      <SchemaForm
        key={JSON.stringify([
          pilot.hypothesis,
          pilot.scope,
          pilot.startsOn,
          pilot.endsOn,
          ownerEmail,
          pilot.resultSummary,
        ])}
        formId="pilot"
        intent="pilot"
        schema={PilotFormSchema}
        defaultValue={{
          hypothesis: pilot.hypothesis,
          scope: pilot.scope.join(", "),
          startsOn: pilot.startsOn ?? "",
          endsOn: pilot.endsOn ?? "",
          ownerEmail,
          resultSummary: pilot.resultSummary,
        }}
        submitLabel={t("pilot.save")}
      >
        {(f) => (
          <>
            <Field
              field={f.hypothesis!}
              label={t("pilot.hypothesis")}
              hint={t("pilot.hypothesisHint")}
              multiline
              rows={3}
              lang={langOf(pilot.hypothesis, pilot.language)}
            />
            <Field
              field={f.scope!}
              label={t("pilot.scope")}
              hint={t("pilot.scopeHint")}
              lang={langOf(pilot.scope.join(), pilot.language)}
            />
            <div className="field-row">
              <Field field={f.startsOn!} type="date" label={t("pilot.startsOn")} />
              <Field field={f.endsOn!} type="date" label={t("pilot.endsOn")} />
            </div>
            <Field field={f.ownerEmail!} type="email" label={t("pilot.ownerEmail")} hint={t("pilot.ownerHint")} />
            <Field
              field={f.resultSummary!}
              label={t("pilot.result")}
              hint={t("pilot.resultHint")}
              multiline
              rows={4}
              lang={langOf(pilot.resultSummary, pilot.language)}
            />
          </>
        )}
      </SchemaForm>

      <h2 id="kpis-title">{t("pilot.kpis")}</h2>
      <KpiTable kpis={pilot.kpis} caption={t("pilot.kpis")} />
      {pilot.kpis.map((kpi) => (
        <KpiEditor key={`${kpi.id}-${kpi.actual}-${kpi.measuredOn}-${kpi.name}-${kpi.target}`} kpi={kpi} />
      ))}
      <h3>{t("pilot.kpiAddTitle")}</h3>
      <SchemaForm
        key={pilot.kpis.length}
        formId="kpi-new"
        intent="kpi"
        schema={KpiFormSchema}
        submitLabel={t("pilot.kpiAdd")}
      >
        {(f) => <KpiFields f={f} />}
      </SchemaForm>

      <h2>{t("pilot.decisionTitle")}</h2>
      {pilot.decision ? (
        <p data-testid="pilot-decision">
          {t(`pilot.decision.${pilot.decision}`)} — <span lang={pilot.decisionLanguage}>{pilot.decisionReason}</span>
        </p>
      ) : null}
      <SchemaForm
        key={pilot.decidedAt ?? "undecided"}
        formId="decision"
        intent="decision"
        schema={PilotDecisionSchema}
        defaultValue={{ decision: pilot.decision ?? "", reason: pilot.decisionReason ?? "" }}
        submitLabel={t("pilot.decisionSubmit")}
      >
        {(f) => (
          <>
            <SelectField
              field={f.decision!}
              label={t("pilot.decisionLabel")}
              placeholder={t("pilot.chooseDecision")}
              options={PILOT_DECISIONS.map((d) => ({ value: d, label: t(`pilot.decision.${d}`) }))}
            />
            <Field
              field={f.reason!}
              label={t("pilot.decisionReason")}
              hint={t("pilot.decisionReasonHint")}
              multiline
              rows={3}
              lang={langOf(pilot.decisionReason ?? "", pilot.decisionLanguage)}
            />
          </>
        )}
      </SchemaForm>
    </>
  );
}

/** `lang`: the language of the KPI being edited (its name and unit), none for a new one. */
function KpiFields({ f, lang }: { f: Parameters<Parameters<typeof SchemaForm>[0]["children"]>[0]; lang?: string }) {
  const t = useT();
  return (
    <>
      <Field field={f.name!} label={t("pilot.kpi.name")} lang={lang} />
      <Field field={f.unit!} label={t("pilot.kpi.unit")} hint={t("pilot.kpi.unitHint")} lang={lang} />
      <div className="field-row">
        <Field field={f.baseline!} label={t("pilot.kpi.baseline")} hint={t("pilot.numberHint")} />
        <Field field={f.target!} label={t("pilot.kpi.target")} hint={t("pilot.numberHint")} />
      </div>
      <div className="field-row">
        <Field field={f.actual!} label={t("pilot.kpi.actual")} hint={t("pilot.kpi.actualHint")} />
        <Field field={f.measuredOn!} type="date" label={t("pilot.kpi.measuredOn")} />
      </div>
    </>
  );
}

function KpiEditor({ kpi }: { kpi: PilotView["kpis"][number] }) {
  const t = useT();
  const formId = `kpi-${kpi.id}`;
  const refused = useFormReply(formId) !== undefined;
  return (
    <details className="kpi-editor" id={`indicateur-${kpi.id}`} open={refused || undefined}>
      <summary>
        <WithUserText text={(name) => t("pilot.kpiEdit", { name })} value={kpi.name} lang={kpi.language} />
      </summary>
      <SchemaForm
        formId={formId}
        intent="kpi"
        schema={KpiFormSchema}
        hidden={{ kpiId: kpi.id }}
        defaultValue={{
          name: kpi.name,
          unit: kpi.unit,
          baseline: kpi.baseline,
          target: kpi.target,
          actual: kpi.actual ?? "",
          measuredOn: kpi.measuredOn ?? "",
        }}
        submitLabel={t("pilot.kpiSave")}
      >
        {(f) => <KpiFields f={f} lang={kpi.language} />}
      </SchemaForm>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="kpi-delete" />
        <input type="hidden" name="formId" value={`kpi-delete-${kpi.id}`} />
        <input type="hidden" name="kpiId" value={kpi.id} />
        <button type="submit" className="link-button">
          <WithUserText text={(name) => t("pilot.kpiDelete", { name })} value={kpi.name} lang={kpi.language} />
        </button>
      </Form>
    </details>
  );
}
