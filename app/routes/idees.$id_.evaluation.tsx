import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { ScoreField, SchemaForm } from "~/components/schema-form.tsx";
import { StageBadge } from "~/components/stage-badge.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { getLocale } from "~/lib/locale.server.ts";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { assignEvaluator, getEvaluationPage, submitEvaluation, unassignEvaluator } from "~/models/evaluation.server.ts";
import {
  AssignEvaluatorSchema,
  CRITERIA,
  EvaluationFormSchema,
  overallScore,
  UnassignEvaluatorSchema,
} from "~/models/evaluation.ts";
import { TableRegion } from "~/components/table-region.tsx";
import { WithUserText } from "~/components/user-text.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data && t("evaluation.title", { title: data.idea.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getEvaluationPage(user, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  await getEvaluationPage(user, ideaId); // 404/403 before reading the body
  const formData = await readForm(request);
  const back = `/idees/${ideaId}/evaluation`;
  switch (formData.get("intent")) {
    case "assign":
      return handleForm({
        formData,
        schema: AssignEvaluatorSchema,
        formId: "assign",
        run: async ({ email }) => {
          const { displayName } = await assignEvaluator({ user, ideaId, email });
          return redirectWithFlash(back, { key: "evaluation.assigned", params: { name: displayName } });
        },
      });
    case "unassign":
      return handleForm({
        formData,
        schema: UnassignEvaluatorSchema,
        formId: formIdOf(formData, "unassign"),
        run: async ({ evaluatorId }) => {
          await unassignEvaluator({ user, ideaId, evaluatorId });
          return redirectWithFlash(back, { key: "evaluation.unassigned" });
        },
      });
    case "evaluate":
      return handleForm({
        formData,
        schema: EvaluationFormSchema,
        formId: "evaluate",
        run: async (input) => {
          await submitEvaluation({ user, ideaId, input, language: getLocale(request) });
          return redirectWithFlash(back, { key: "evaluation.saved" });
        },
      });
    default:
      badRequest("Unknown intent");
  }
}

export default function EvaluationPage() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { idea } = page;
  const score = (n: number | null) =>
    n === null ? "—" : (Math.round(n * 10) / 10).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB");
  return (
    <section className="evaluation-page">
      <p className="breadcrumb">
        <Link to={`/idees/${idea.id}`}>{t("manage.back")}</Link>
        {page.role === "manager" ? (
          <>
            {" "}
            · <Link to={`/idees/${idea.id}/pilotage`}>{t("pipeline.manage")}</Link>
          </>
        ) : null}
      </p>
      <h1>
        <WithUserText text={(title) => t("evaluation.title", { title })} value={idea.title} lang={idea.language} />
      </h1>
      <p>
        {t("pipeline.currentStage")} <StageBadge stage={idea.stage} />
      </p>
      <p className="hint">{t("evaluation.private")}</p>

      {page.role === "manager" ? (
        <>
          <h2>{t("evaluation.summaryTitle")}</h2>
          <p data-testid="evaluation-count">{t("evaluation.count", { count: page.summary!.count })}</p>
          <TableRegion label={t("evaluation.summaryTitle")}>
            <table>
              <caption className="visually-hidden">{t("evaluation.summaryTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("evaluation.evaluator")}</th>
                  {CRITERIA.map((c) => (
                    <th scope="col" key={c}>
                      {t(`evaluation.criterion.${c}`)}
                    </th>
                  ))}
                  <th scope="col">{t("evaluation.overall")}</th>
                  <th scope="col">{t("evaluation.comment")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("evaluation.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.assignments.map((a) => (
                  <tr key={a.evaluator.id}>
                    <th scope="row">
                      {a.evaluator.displayName}
                      <span className="block meta">{a.evaluator.email}</span>
                    </th>
                    {CRITERIA.map((c) => (
                      <td key={c}>
                        {a.evaluation ? a.evaluation[c] : <span className="muted">{t("evaluation.pending")}</span>}
                      </td>
                    ))}
                    <td>{a.evaluation ? score(overallScore(a.evaluation)) : "—"}</td>
                    {a.evaluation?.comment ? (
                      <td className="pre-line" lang={a.evaluation.language}>
                        {a.evaluation.comment}
                      </td>
                    ) : (
                      <td>—</td>
                    )}
                    <td>
                      <Form method="post" preventScrollReset>
                        <input type="hidden" name="intent" value="unassign" />
                        <input type="hidden" name="formId" value={`unassign-${a.evaluator.id}`} />
                        <input type="hidden" name="evaluatorId" value={a.evaluator.id} />
                        <button type="submit" className="link-button">
                          {t("evaluation.unassign", { name: a.evaluator.displayName })}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("evaluation.average")}</th>
                  {CRITERIA.map((c) => (
                    <td key={c} data-testid={`average-${c}`}>
                      {score(page.summary!.byCriterion[c])}
                    </td>
                  ))}
                  <td data-testid="average-overall">{score(page.summary!.overall)}</td>
                  <td colSpan={2} />
                </tr>
              </tfoot>
            </table>
          </TableRegion>
          {page.canAssign ? (
            <>
              <h2>{t("evaluation.assignTitle")}</h2>
              <SchemaForm
                formId="assign"
                intent="assign"
                schema={AssignEvaluatorSchema}
                submitLabel={t("evaluation.assign")}
              >
                {(f) => (
                  <Field
                    field={f.email!}
                    type="email"
                    label={t("evaluation.assignEmail")}
                    hint={t("evaluation.assignHint")}
                  />
                )}
              </SchemaForm>
            </>
          ) : (
            <p className="hint">{t("evaluation.onlyUnderReview")}</p>
          )}
        </>
      ) : (
        <>
          <h2>{t("evaluation.mine")}</h2>
          {page.mine ? (
            <p className="meta">{t("evaluation.savedOn", { date: formatDate(locale, page.mine.updatedAt) })}</p>
          ) : null}
          {page.canEvaluate ? (
            <SchemaForm
              key={page.mine?.updatedAt ?? "new"}
              formId="evaluate"
              intent="evaluate"
              schema={EvaluationFormSchema}
              defaultValue={
                page.mine
                  ? {
                      impact: String(page.mine.impact),
                      feasibility: String(page.mine.feasibility),
                      cost: String(page.mine.cost),
                      alignment: String(page.mine.alignment),
                      comment: page.mine.comment,
                    }
                  : undefined
              }
              submitLabel={t("evaluation.submit")}
            >
              {(f) => (
                <>
                  {CRITERIA.map((c) => (
                    <ScoreField key={c} field={f[c]!} legend={t(`evaluation.criterion.${c}`)} />
                  ))}
                  <Field
                    field={f.comment!}
                    label={t("evaluation.comment")}
                    multiline
                    rows={4}
                    lang={page.mine?.comment ? page.mine.language : undefined}
                  />
                </>
              )}
            </SchemaForm>
          ) : (
            <p className="hint">{t("evaluation.closedInfo")}</p>
          )}
        </>
      )}
    </section>
  );
}
