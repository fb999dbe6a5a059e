import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { StageMoveForm } from "~/components/pipeline.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { StageBadge } from "~/components/stage-badge.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getTranslator } from "~/lib/locale.server.ts";
import { publishOfficialAnswer } from "~/models/official-answer.server.ts";
import { OfficialAnswerSchema } from "~/models/official-answer.ts";
import { getIdeaManagement, moveIdeaToStage } from "~/models/pipeline.server.ts";
import { StageMoveSchema } from "~/models/pipeline.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.idea.title} — Pilotage — Idées` : "Idées" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getIdeaManagement(user, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  await getIdeaManagement(user, ideaId); // 404/403 before reading the body
  const formData = await request.formData();
  const t = getTranslator(request);
  switch (formData.get("intent")) {
    case "move":
      return handleForm({
        formData,
        schema: StageMoveSchema,
        formId: formIdOf(formData, `move-${ideaId}`),
        run: async ({ ideaId: posted, from, to, note }) => {
          if (posted !== ideaId) badRequest("The form is for another idea");
          await moveIdeaToStage({ user, ideaId, from, to, note });
          // Entering a pilot opens its record: the next thing to do is to describe it.
          const next = to === "PILOT" ? `/idees/${ideaId}/pilote` : `/idees/${ideaId}/pilotage`;
          return redirectWithFlash(next, { key: "pipeline.moved", params: { stage: t(`stage.${to}`) } });
        },
      });
    case "answer":
      return handleForm({
        formData,
        schema: OfficialAnswerSchema,
        formId: "answer",
        run: async (input) => {
          const { updated } = await publishOfficialAnswer({ user, ideaId, input });
          return redirectWithFlash(`/idees/${ideaId}`, { key: updated ? "answer.saved" : "answer.published" });
        },
      });
    default:
      badRequest("Unknown intent");
  }
}

export default function ManageIdea() {
  const { idea, moves, answer, hasPilot, evaluators } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={`/idees/${idea.id}`}>{t("manage.back")}</Link> · <Link to="/pilotage">{t("nav.board")}</Link>
      </p>
      <h1>{t("manage.title", { title: idea.title })}</h1>
      <p>
        {t("pipeline.currentStage")}{" "}
        <span data-testid="manage-stage">
          <StageBadge stage={idea.stage} />
        </span>
      </p>
      <h2>{t("manage.stageSection")}</h2>
      <StageMoveForm ideaId={idea.id} title={idea.title} stage={idea.stage} moves={moves} />
      <ul className="link-list">
        {hasPilot ? (
          <li>
            <Link to={`/idees/${idea.id}/pilote`}>{t("manage.pilotLink")}</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/idees/${idea.id}/evaluation`}>{t("manage.evaluationLink", { count: evaluators })}</Link>
        </li>
      </ul>
      <h2 id="answer-form-title">{t("answer.title")}</h2>
      <SchemaForm
        key={answer?.updatedAt ?? "new"}
        formId="answer"
        intent="answer"
        schema={OfficialAnswerSchema}
        defaultValue={{ body: answer?.body ?? "" }}
        submitLabel={answer ? t("answer.update") : t("answer.publish")}
      >
        {(fields) => <Field field={fields.body!} label={t("answer.body")} hint={t("answer.hint")} multiline rows={8} />}
      </SchemaForm>
    </section>
  );
}
