import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { StageMoveForm } from "~/components/pipeline.tsx";
import { WithUserText } from "~/components/user-text.tsx";
import { SchemaForm, type FormReply } from "~/components/schema-form.tsx";
import { StageBadge } from "~/components/stage-badge.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { queryText } from "~/lib/validation.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getLocale, getTranslator } from "~/lib/locale.server.ts";
import { publishOfficialAnswer } from "~/models/official-answer.server.ts";
import { OfficialAnswerSchema } from "~/models/official-answer.ts";
import { getMergeManagement, mergeIdeas, unmergeIdeas } from "~/models/merge.server.ts";
import { isReviewStage, MERGE_QUERY_MAX, MergeSchema, mergeTargetOf, UnmergeSchema } from "~/models/merge.ts";
import { findMergeTargets } from "~/models/merge-search.server.ts";
import { MergeForm } from "~/components/merge-form.tsx";
import { getIdeaManagement, moveIdeaToStage } from "~/models/pipeline.server.ts";
import { StageMoveSchema } from "~/models/pipeline.ts";
import { ideaTermsVersion } from "~/models/supplier-terms.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data && t("manage.title", { title: data.idea.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const management = await getIdeaManagement(user, params.id ?? "");
  const termsVersion = await ideaTermsVersion(management.idea.id);
  // Without JavaScript, the merge form's search is a GET of this page (?cible=…): its results come here.
  const mergeQuery = new URL(request.url).searchParams.get("cible");
  const mergeTargets =
    mergeQuery === null
      ? null
      : await findMergeTargets({ viewer: user, sourceId: management.idea.id, query: mergeQuery });
  return {
    ...management,
    termsVersion,
    mergeQuery: mergeQuery === null ? null : queryText(mergeQuery, MERGE_QUERY_MAX),
    mergeTargets,
    ...(await getMergeManagement(user, management.idea)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  await getIdeaManagement(user, ideaId); // 404/403 before reading the body
  const formData = await readForm(request);
  const t = getTranslator(request);
  switch (formData.get("intent")) {
    case "move":
      return handleForm({
        formData,
        schema: StageMoveSchema,
        formId: formIdOf(formData, `move-${ideaId}`),
        run: async ({ ideaId: posted, from, to, note }) => {
          if (posted !== ideaId) badRequest("The form is for another idea");
          await moveIdeaToStage({ user, ideaId, from, to, note, language: getLocale(request) });
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
          const { updated } = await publishOfficialAnswer({ user, ideaId, input, language: getLocale(request) });
          return redirectWithFlash(`/idees/${ideaId}`, { key: updated ? "answer.saved" : "answer.published" });
        },
      });
    case "merge":
      return handleForm({
        formData,
        schema: MergeSchema,
        formId: "merge",
        run: async (input) => {
          const targetId = mergeTargetOf(input);
          const merged = await mergeIdeas({
            user,
            sourceId: ideaId,
            targetId,
            note: input.note,
            language: getLocale(request),
          });
          return redirectWithFlash(`/idees/${merged.target.id}/pilotage`, {
            key: "merge.done",
            params: { source: merged.source.title, target: merged.target.title },
          });
        },
      });
    case "unmerge":
      return handleForm({
        formData,
        schema: UnmergeSchema,
        formId: formIdOf(formData, "unmerge"),
        run: async ({ mergeId }) => {
          const { source } = await unmergeIdeas({ user, mergeId, targetId: ideaId });
          return redirectWithFlash(`/idees/${ideaId}/pilotage`, {
            key: "merge.undone",
            params: { source: source.title },
          });
        },
      });
    default:
      badRequest("Unknown intent");
  }
}

export default function ManageIdea() {
  const {
    idea,
    moves,
    answer,
    hasPilot,
    evaluators,
    mergedInto,
    merges,
    hidden,
    termsVersion,
    mergeQuery,
    mergeTargets,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const moved = (m: { movedSupporters: number }) => t("merge.movedSupporters", { count: m.movedSupporters });
  // A refused merge or undo (someone else was quicker) is answered on its form, even if it is no longer offered.
  const reply = useActionData<FormReply>();
  const answered = (formId: string) =>
    reply !== undefined && typeof reply === "object" && "formId" in reply && reply.formId === formId;
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={`/idees/${idea.id}`}>{t("manage.back")}</Link> · <Link to="/pilotage">{t("nav.board")}</Link>
      </p>
      <h1>
        <WithUserText text={(title) => t("manage.title", { title })} value={idea.title} lang={idea.language} />
      </h1>
      {termsVersion !== null ? (
        <p data-testid="terms-version">{t("terms.ideaVersion", { version: termsVersion })}</p>
      ) : null}
      <p>
        {t("pipeline.currentStage")}{" "}
        <span data-testid="manage-stage">
          <StageBadge stage={idea.stage} />
        </span>
      </p>
      {mergedInto ? (
        <p className="notice" role="note" data-testid="merged-into">
          {mergedInto.title === null ? (
            t("merge.mergedIntoHidden")
          ) : (
            <Link to={`/idees/${mergedInto.id}/pilotage`}>
              <WithUserText
                text={(title) => t("merge.mergedInto", { title })}
                value={mergedInto.title}
                lang={mergedInto.language}
              />
            </Link>
          )}
        </p>
      ) : null}
      {hidden ? (
        // Hidden content is frozen (app/models/content-state.ts): no move, merge or answer until restored.
        <p className="notice notice--warning" role="note" data-testid="frozen">
          {t("moderation.frozen")}
        </p>
      ) : null}
      {mergedInto || hidden ? null : (
        <>
          <h2>{t("manage.stageSection")}</h2>
          <StageMoveForm
            ideaId={idea.id}
            title={idea.title}
            language={idea.language}
            stage={idea.stage}
            moves={moves}
          />
        </>
      )}
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
      {merges.length > 0 ? (
        <section aria-labelledby="merges-title">
          <h2 id="merges-title">{t("merge.listTitle")}</h2>
          <ul className="link-list" data-testid="merges">
            {merges.map((m) => (
              <li key={m.id}>
                {m.source.title === null ? (
                  // Hidden by moderation, and this viewer may not see it: no title, no link.
                  t("merge.listItemHidden", { date: formatDate(locale, m.createdAt) })
                ) : (
                  <Link to={`/idees/${m.source.id}/pilotage`}>
                    <WithUserText
                      text={(title) => t("merge.listItem", { title, date: formatDate(locale, m.createdAt) })}
                      value={m.source.title}
                      lang={m.source.language}
                    />
                  </Link>
                )}
                {m.undoneAt ? (
                  ` — ${t("merge.alreadyUndone")}`
                ) : m.source.title === null ? (
                  ` — ${moved(m)}, ${t("merge.movedCommentsHidden", { count: m.movedComments })}`
                ) : (
                  // One sentence, the source's title marked with its language inside it.
                  <WithUserText
                    text={(title) => ` — ${moved(m)}, ${t("merge.movedComments", { count: m.movedComments, title })}`}
                    value={m.source.title}
                    lang={m.source.language}
                  />
                )}
                {m.note ? <p className="muted">{m.note}</p> : null}
                {m.canUndo || answered(`unmerge-${m.id}`) ? (
                  <SchemaForm
                    formId={`unmerge-${m.id}`}
                    intent="unmerge"
                    schema={UnmergeSchema}
                    hidden={{ mergeId: m.id }}
                    submitLabel={t("merge.undo")}
                    submitClassName="button--secondary"
                  >
                    {() => null}
                  </SchemaForm>
                ) : m.undoneAt ? null : (
                  <p className="muted">{t(m.undoFrozen ? "merge.undoHidden" : "merge.undoClosed")}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {(!mergedInto && !hidden && isReviewStage(idea.stage)) || answered("merge") ? (
        <section aria-labelledby="merge-title">
          <h2 id="merge-title">{t("merge.section")}</h2>
          <p>{t("merge.intro")}</p>
          <MergeForm key={idea.id} ideaId={idea.id} query={mergeQuery} found={mergeTargets} />
        </section>
      ) : null}
      {hidden ? null : (
        <>
          <h2 id="answer-form-title">{t("answer.title")}</h2>
          <SchemaForm
            key={answer?.updatedAt ?? "new"}
            formId="answer"
            intent="answer"
            schema={OfficialAnswerSchema}
            defaultValue={{ body: answer?.body ?? "" }}
            submitLabel={answer ? t("answer.update") : t("answer.publish")}
          >
            {(fields) => (
              <Field field={fields.body!} label={t("answer.body")} hint={t("answer.hint")} multiline rows={8} />
            )}
          </SchemaForm>
        </>
      )}
    </section>
  );
}
