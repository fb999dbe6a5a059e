import { getLocale } from "~/lib/locale.server.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { getViewer, requireUser, type SessionUser } from "~/auth/session.server.ts";
import { Attachments } from "~/components/attachments.tsx";
import { attachmentAction } from "~/lib/attachment-actions.server.ts";
import { previewAnswer, wantsPreview } from "~/lib/preview.server.ts";
import { readUploadForm, type UploadForm } from "~/lib/upload.server.ts";
import { formFiles, keepFormFiles, limitUploads, withFileRefusal } from "~/lib/form-files.server.ts";
import { attempt, ruleReply, ruleStatus } from "~/lib/rule-error.server.ts";
import { listKeptFiles } from "~/models/attachment-batch.server.ts";
import { FILES_FIELD } from "~/models/attachment.ts";
import { uploadLimits, uploadLimitsShown } from "~/models/attachment.server.ts";
import { CommentFormsContext, NewCommentForm } from "~/components/comment-form.tsx";
import { CommentThread } from "~/components/comments.tsx";
import { SupportBox } from "~/components/support-box.tsx";
import { AgencyRollout } from "~/components/rollout.tsx";
import { useLiveIdeaPage } from "~/components/live.tsx";
import { IdeaFollow } from "~/components/follow-button.tsx";
import { IdeaHead } from "~/components/idea-head.tsx";
import { Markdown } from "~/components/markdown.tsx";
import { FlagDisclosure, RestoreButton } from "~/components/moderation.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm, refuseFilledHoneypot, unlessRefused } from "~/lib/form.server.ts";
import { badRequest, clientIp, retryAfter, retryAfterHeaders } from "~/lib/http.server.ts";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { newId } from "~/lib/id.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { addComment, listCommentPage, requireCommentableIdea } from "~/models/comment.server.ts";
import { deleteComment, editComment } from "~/models/comment-change.server.ts";
import { CommentDeleteSchema, CommentEditSchema, CommentFormSchema } from "~/models/comment.ts";
import { shownComments } from "~/models/comment-shown.ts";
import { confirmAdoption, declareAdoption, getIdeaRollout } from "~/models/agency.server.ts";
import { ConfirmAdoptionSchema, DeclareAdoptionSchema } from "~/models/agency.ts";
import { getIdeaPageWithSurroundings } from "~/models/idea-page.server.ts";
import { flagContent } from "~/models/moderation.server.ts";
import { FlagSchema } from "~/models/moderation.ts";
import { getIdeaPipeline } from "~/models/pipeline.server.ts";
import { IdeaJourney } from "~/components/pipeline.tsx";
import { checkRateLimits, enforceRateLimits, limitedMessage } from "~/models/rate-limit.server.ts";
import { checkVoteLimits, readSupportState, setSupport } from "~/models/vote.server.ts";
import { ideaPageStaleAfterVote, isVoteAnswerHere, REPLY_FIELD, REPLY_STATE, voteRefusal } from "~/models/vote.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, () => data?.idea.title);

export const headers = retryAfterHeaders;

/**
 * A vote sent by the support box answers the viewer's state and the exact count, which the box shows; the
 * live count comes over the socket. Nothing else on the page changed: its loaders are not run again
 * (docs/decisions/0056), unless the answer lands while the person is on the way to another page, which the
 * router completes with what this revalidation loads. A refused vote (4xx) is shown beside the button;
 * this loader alone runs again after a refusal by the policy (what the page offers is out of date), not
 * after a rate limit. (Remix's single fetch passes `defaultShouldRevalidate: true` to a route that has
 * this function, even after a 4xx: each case is decided here.)
 */
export const shouldRevalidate: ShouldRevalidateFunction = (args) =>
  isVoteAnswerHere(args) ? ideaPageStaleAfterVote(args.actionResult) : args.defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  // The idea's page carries what the viewer may do (canVote, canComment), decided by the model from
  // the same policy input as the actions below.
  // Its waits and the ideas merged here come in the same statement (docs/decisions/0059).
  const { idea, response, mergedHere } = await getIdeaPageWithSurroundings(viewer, params.id ?? "");
  // The thread page by page (docs/decisions/0032): `?commentaires=<cursor>` reads the next one.
  const commentsAfter = new URL(request.url).searchParams.get("commentaires");
  const [thread, pipeline, rollout] = await Promise.all([
    listCommentPage(viewer, idea.id, { after: commentsAfter }),
    getIdeaPipeline(viewer, idea.id),
    getIdeaRollout(viewer, idea.id),
  ]);
  // The comment forms' idempotency key: fresh on every load, so after each comment sent.
  return {
    idea,
    // Only what the page renders for this viewer (docs/decisions/0049).
    comments: shownComments(thread.comments),
    nextComments: thread.nextCursor,
    laterPage: commentsAfter !== null,
    pipeline,
    mergedHere,
    response,
    rollout,
    signedIn: viewer !== null,
    formKey: newId(),
    uploadLimits: uploadLimitsShown(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  // A multipart body (the attachment form) streams its files to a temporary folder, removed after.
  const upload = await readUploadForm(request, uploadLimits());
  try {
    return await act(request, user, ideaId, upload);
  } finally {
    await upload.dispose();
  }
}

const keepCommentImages = (request: Request, user: SessionUser, upload: UploadForm) =>
  keepFormFiles({ request, user, upload, imagesOnly: true });

async function act(request: Request, user: SessionUser, ideaId: string, upload: UploadForm) {
  const formData = upload.formData;
  const intent = formData.get("intent");
  const formId = String(formData.get("formId") ?? "").slice(0, 80);
  // A comment form's "Prévisualiser" without JavaScript: the page again, with the preview and the text.
  // Its images are kept (pending uploads) and offered again, never dropped (docs/decisions/0030).
  if (wantsPreview(formData)) {
    const answer = await previewAnswer(formData, { kind: "commentaire", viewer: user, place: { ideaId } });
    const { kept, refusal } = await keepCommentImages(request, user, upload);
    const result = withFileRefusal(answer.result, refusal);
    return data({ formId, result, preview: answer.preview, kept }, { status: refusal ? 400 : 200 });
  }
  const back = `/idees/${ideaId}`;
  switch (intent) {
    case "support":
    case "unsupport": {
      // A refused vote answers the fetcher with the message (shown next to the button), not an error page.
      // The limits and the idea's access facts in one statement (docs/decisions/0042).
      const { limited, idea } = await checkVoteLimits({ user, ip: clientIp(request), ideaId });
      if (limited)
        return data(voteRefusal(limitedMessage(limited), { pageStale: false }), {
          status: 429,
          headers: retryAfter(limited),
        });
      const supported = intent === "support";
      const outcome = await unlessRefused(() => setSupport({ user, ideaId, supported, access: { row: idea } }));
      if (!outcome.ok) return data(voteRefusal(outcome.reason, { pageStale: true }), { status: 403 });
      // With JavaScript the support box asks for the new state instead of the page, which it does not
      // reload (shouldRevalidate below); without, the form's answer is the page again (docs/decisions/0056).
      if (formData.get(REPLY_FIELD) === REPLY_STATE) return readSupportState({ user, ideaId });
      return new Response(null, { status: 303, headers: { Location: back } });
    }
    case "comment": {
      refuseFilledHoneypot(formData);
      const submission = parseWithZod(formData, { schema: CommentFormSchema });
      if (submission.status !== "success") {
        // Images are kept only for an idea the person may see (else a 404) and comment on (else a 403).
        const open = await unlessRefused(() => requireCommentableIdea(user, ideaId));
        if (!open.ok) return data({ formId, result: submission.reply({ formErrors: [open.reason] }) }, { status: 403 });
        const { kept, refusal } = await keepCommentImages(request, user, upload);
        return data({ formId, result: withFileRefusal(submission.reply(), refusal), kept }, { status: 400 });
      }
      const limited = await checkRateLimits({ user, ip: clientIp(request), action: "comment" });
      if (limited)
        return data(
          { formId, result: submission.reply({ formErrors: [limitedMessage(limited)] }) },
          { status: 429, headers: retryAfter(limited) },
        );
      // Refused by the policy (e.g. the challenge's participation closed since the page was read): the
      // form answers with the reason and keeps the text.
      const files = formFiles(upload);
      await limitUploads(request, user, files);
      const checked = await attempt(() =>
        unlessRefused(() => addComment({ user, ideaId, ...submission.value, language: getLocale(request), files })),
      );
      if (!checked.ok) {
        // A refused image: its message next to the picker (the images kept before stay offered); another
        // refusal (the comment answered is gone): the images are kept for the next sending.
        const { error } = checked;
        const kept =
          error.field === FILES_FIELD
            ? await listKeptFiles(user, files.keptIds)
            : (await keepCommentImages(request, user, upload)).kept;
        return data({ formId, result: submission.reply(ruleReply(error)), kept }, { status: ruleStatus(error) });
      }
      const added = checked.value;
      // Participation closed: nothing to keep images for, the comment cannot be sent.
      if (!added.ok) return data({ formId, result: submission.reply({ formErrors: [added.reason] }) }, { status: 403 });
      return redirectWithFlash(`${back}#commentaire-${added.value.id}`, { key: "comments.added" });
    }
    case "edit-comment": {
      const submission = parseWithZod(formData, { schema: CommentEditSchema });
      if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
      await editComment({ user, ideaId, ...submission.value });
      return redirectWithFlash(`${back}#commentaire-${submission.value.commentId}`, { key: "comments.updated" });
    }
    case "delete-comment": {
      const submission = parseWithZod(formData, { schema: CommentDeleteSchema });
      if (submission.status !== "success") badRequest();
      await deleteComment({ user, ideaId, ...submission.value });
      return redirectWithFlash(back, { key: "comments.removed" });
    }
    case "flag": {
      await enforceRateLimits({ user, ip: clientIp(request), action: "flag" }); // a 429 with Retry-After beyond the limits
      return handleForm({
        formData,
        schema: FlagSchema,
        formId: formIdOf(formData, "flag-idea"),
        run: async (input) => {
          const { hidden } = await flagContent({ user, ideaId, input });
          // Hidden pending review: the person who tipped it over no longer sees it either.
          if (hidden && !input.commentId) return redirectWithFlash("/", { key: "moderation.flaggedHidden" });
          const anchor = input.commentId ? `#commentaire-${input.commentId}` : "";
          return redirectWithFlash(`${back}${anchor}`, {
            key: hidden ? "moderation.flaggedHidden" : "moderation.flagged",
          });
        },
      });
    }
    case "declare-adoption":
    case "confirm-adoption": {
      const confirm = intent === "confirm-adoption";
      return handleForm({
        formData,
        schema: confirm ? ConfirmAdoptionSchema : DeclareAdoptionSchema,
        formId: formIdOf(formData, "adoption"),
        run: async (input) => {
          if (confirm) await confirmAdoption({ user, ideaId, agencyCode: String(input.agencyCode) });
          else await declareAdoption({ user, ideaId });
          return redirectWithFlash(`${back}#agency-rollout-title`, {
            key: confirm ? "rollout.confirmed" : "rollout.declared",
          });
        },
      });
    }
    case "attach":
    case "delete-attachment":
      return attachmentAction({ request, user, ideaId, upload });
    default:
      badRequest("Unknown intent");
  }
}

export default function IdeaPage() {
  const { idea, comments, nextComments, laterPage, pipeline, mergedHere, response, rollout, signedIn, formKey } =
    useLoaderData<typeof loader>();
  const limits = useLoaderData<typeof loader>().uploadLimits;
  // The comment editor offers the idea's images that every reader of the idea may see.
  const commentImages = idea.attachments.filter((a) => a.kind === "IMAGE" && !a.confidential);
  // New comments and replies carry images within the upload limits.
  const commentForms = { images: commentImages, uploadLimits: limits };
  const { canVote, canComment } = idea;
  const t = useT();
  // A comment form that was just refused stays on screen with its answer and the text typed.
  const actionData = useActionData<typeof action>();
  const answeredForm =
    actionData && typeof actionData === "object" && "formId" in actionData ? actionData.formId : null;
  // Signed in, but voting and comments are closed: say why, instead of just leaving the buttons out.
  const closedNote =
    signedIn && idea.participationClosed ? (
      <p className="muted" data-testid="participation-closed">
        {t("challenge.participationClosed")}
      </p>
    ) : null;
  const locale = useLocale();
  // Counts, stage and new comments arrive live (app/realtime); without JavaScript the page stays as rendered.
  const live = useLiveIdeaPage(idea);
  return (
    <article className="idea-page">
      <p className="breadcrumb">
        <Link to={`/espaces/${idea.space.slug}`}>{locale === "fr" ? idea.space.nameFr : idea.space.nameEn}</Link>
      </p>
      {idea.hidden ? (
        <div className="notice notice--warning" role="note" data-testid="hidden-notice">
          <p>
            <strong>
              {idea.hidden.kind === "PENDING_REVIEW"
                ? t("moderation.hiddenPending")
                : t("moderation.hiddenByModerator", { reason: idea.hidden.reason ?? "" })}
            </strong>
          </p>
          <p>{t("moderation.onlyYou")}</p>
          {idea.canModerate ? <RestoreButton target="idea" targetId={idea.id} /> : null}
        </div>
      ) : null}
      <IdeaHead idea={idea} stage={live.stage} response={response} />
      {/* One box per idea: a vote's pending state and answer stay with the idea they were sent for, not the
          next idea shown by this same route (tests/e2e/vote-navigation.test.ts). */}
      <SupportBox
        key={idea.id}
        supports={live.supports}
        supported={idea.supportedByViewer}
        countsAt={idea.countsAt}
        canVote={canVote}
        signedIn={signedIn}
        ideaId={idea.id}
        closedNote={closedNote}
      />
      <IdeaFollow ideaId={idea.id} followers={idea.followers} following={idea.followedByViewer} signedIn={signedIn} />
      <Markdown html={idea.bodyHtml} lang={idea.language} />
      <Attachments
        attachments={idea.attachments}
        canAttach={idea.canAttach}
        canAttachConfidential={idea.canAttachConfidential}
        limits={limits}
      />
      {idea.canFlag ? (
        <FlagDisclosure formId="flag-idea" summary={t("moderation.flagIdea")} />
      ) : idea.flaggedByViewer ? (
        <p className="flag muted">{t("moderation.alreadyFlagged")}</p>
      ) : null}
      {idea.canEdit ? (
        <p>
          <Link to={`/idees/${idea.id}/modifier`}>{t("idea.edit")}</Link> ·{" "}
          <Link to={`/idees/${idea.id}/coauteurs`}>{t("coauthor.link")}</Link>
        </p>
      ) : null}
      <IdeaJourney pipeline={pipeline} ideaId={idea.id} />
      {rollout ? <AgencyRollout rollout={rollout} /> : null}
      {mergedHere.length > 0 ? (
        <section aria-labelledby="merged-here-title" data-testid="merged-here">
          <h2 id="merged-here-title">{t("merge.listTitle")}</h2>
          <ul>
            {mergedHere.map((m) => (
              <li key={m.id}>
                {t("merge.listItem", { title: m.source.title, date: formatDate(locale, m.createdAt) })} —{" "}
                {t("merge.movedComments", { count: m.movedComments, title: m.source.title })}
                {m.note ? <p className="muted">{m.note}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <CommentFormsContext.Provider value={commentForms}>
        {/* One thread per idea (key): a draft, its preview or a mention list of idea A must not stay on idea B,
            which this same route shows after a link from A (tests/e2e/vote-navigation.test.ts). */}
        <section key={idea.id} aria-labelledby="comments-title" className="comments">
          <h2 id="comments-title">
            {t("comments.title")} <span className="muted">({t("idea.comments", { count: live.comments })})</span>
          </h2>
          {laterPage ? (
            <p className="comment-pages">
              {t("commentPages.later")} <Link to={`/idees/${idea.id}#comments-title`}>{t("commentPages.first")}</Link>
            </p>
          ) : null}
          {comments.length === 0 && !laterPage ? (
            <p className="empty">{t("comments.empty")}</p>
          ) : (
            <CommentThread
              comments={comments}
              canReply={canComment}
              canModerate={idea.canModerate}
              answeredForm={answeredForm}
              formKey={formKey}
            />
          )}
          {nextComments ? (
            <p className="comment-pages">
              <Link
                to={`/idees/${idea.id}?commentaires=${encodeURIComponent(nextComments)}#comments-title`}
                data-testid="more-comments"
              >
                {t("commentPages.more")}
              </Link>
            </p>
          ) : null}
          {canComment || answeredForm === "comment-new" ? <NewCommentForm formKey={formKey} /> : null}
          {canComment ? null : signedIn ? (
            closedNote
          ) : (
            <p>
              <Link to={`/connexion?redirectTo=/idees/${idea.id}`}>{t("comments.signIn")}</Link>
            </p>
          )}
        </section>
      </CommentFormsContext.Provider>
    </article>
  );
}
