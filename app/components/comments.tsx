import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useActionData, useNavigation, useParams } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef } from "react";
import { useT } from "~/lib/i18n-react.ts";
import type { CommentView } from "~/models/comment.server.ts";
import { CommentEditSchema, CommentFormSchema } from "~/models/comment.ts";
import { FormErrors, Honeypot, IdempotencyKeyField } from "./form.tsx";
import { InlineAvatar } from "./avatar.tsx";
import { DefaultSubmit, MarkdownEditor, type EditorImage } from "./markdown-editor.tsx";
import { FilePicker, KeptFiles, thumbnailSize } from "./attachments.tsx";
import { ACCEPT_IMAGES, FILES_FIELD, type KeptFileView } from "~/models/attachment.ts";
import { Markdown } from "./markdown.tsx";
import { FlagDisclosure, RestoreButton } from "./moderation.tsx";
import { PersonName, usePersonName } from "./person-name.tsx";
import { MentionAutocomplete } from "./mention-autocomplete.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { type FormSchema, useSchemaForm } from "~/lib/use-schema-form.ts";

type ActionResult =
  { formId: string; result: SubmissionResult<string[]>; preview?: string; kept?: KeptFileView[] } | undefined;

function useLastResult(formId: string) {
  const actionData = useActionData<ActionResult>();
  return actionData && actionData.formId === formId ? actionData.result : undefined;
}

/** The server's preview answered to this form (a no-JavaScript `intent=preview` submission). */
function usePreviewAnswer(formId: string) {
  const actionData = useActionData<ActionResult>();
  return actionData && actionData.formId === formId ? (actionData.preview ?? null) : null;
}

/**
 * Set by the idea page for its comment forms: the idea's images the editor's toolbar offers, and the
 * upload limits when new comments may carry images (docs/decisions/0030).
 */
export const CommentFormsContext = createContext<{
  images: EditorImage[];
  uploadLimits: { maxMegabytes: number; maxFiles: number } | null;
}>({ images: [], uploadLimits: null });

function CommentForm(props: {
  formId: string;
  intent: "comment" | "edit-comment";
  schema: FormSchema;
  label: string;
  submitLabel: string;
  defaultValue?: Record<string, string>;
  hidden?: Record<string, string>;
  /** New comments and replies: the page's idempotency key (a form sent twice stores one comment). */
  idempotencyKey?: string;
}) {
  const t = useT();
  const ideaId = useParams().id;
  const lastResult = useLastResult(props.formId);
  const previewHtml = usePreviewAnswer(props.formId);
  const { images, uploadLimits } = useContext(CommentFormsContext);
  // New comments and replies carry images (an edit keeps the ones it has).
  const upload = props.intent === "comment" ? uploadLimits : null;
  const actionData = useActionData<ActionResult>();
  const kept = actionData?.formId === props.formId ? (actionData.kept ?? []) : [];
  const [form, fields] = useSchemaForm(props.schema, {
    id: props.formId,
    lastResult,
    defaultValue: props.defaultValue,
  });
  useResetAfterSuccess(form.id, lastResult);
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      encType={upload ? "multipart/form-data" : undefined}
      className="stack comment-form"
      preventScrollReset
    >
      <DefaultSubmit label={props.submitLabel} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="formId" value={props.formId} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={form.errorId} errors={form.errors} />
      <MarkdownEditor
        field={fields.body as never}
        label={props.label}
        hint={`${t("comments.hint")} ${t("mention.hint")}`}
        rows={4}
        kind="commentaire"
        previewHtml={previewHtml}
        images={images}
        place={ideaId ? { idee: ideaId } : undefined}
      />
      {ideaId ? <MentionAutocomplete fieldId={fields.body!.id} place={{ idee: ideaId }} /> : null}
      {upload ? (
        <>
          <FilePicker
            id={`${props.formId}-files`}
            label={t("attachments.commentPick")}
            hint={t("attachments.commentPickHint", { max: upload.maxMegabytes, count: upload.maxFiles })}
            errors={lastResult?.error?.[FILES_FIELD] ?? undefined}
            accept={ACCEPT_IMAGES}
          />
          <KeptFiles kept={kept} idPrefix={props.formId} />
        </>
      ) : null}
      <Honeypot idPrefix={props.formId} />
      <IdempotencyKeyField value={props.idempotencyKey} />
      <div className="actions">
        <button type="submit">{props.submitLabel}</button>
      </div>
    </Form>
  );
}

/**
 * Once this form's submission succeeded (the page moved on without an answer for it), empties the form
 * and folds the <details> it sits in, so the text cannot be sent twice. A refused submission keeps what
 * the person typed, next to the errors.
 */
function useResetAfterSuccess(formId: string, lastResult: unknown) {
  const navigation = useNavigation();
  const sentHere = navigation.formData?.get("formId") === formId;
  const wasSent = useRef(false);
  useEffect(() => {
    if (sentHere) {
      wasSent.current = true;
      return;
    }
    if (!wasSent.current || navigation.state !== "idle") return;
    wasSent.current = false;
    if (lastResult) return;
    const element = document.getElementById(formId);
    if (!(element instanceof HTMLFormElement)) return;
    element.reset();
    element.closest("details")?.removeAttribute("open");
  }, [sentHere, navigation.state, lastResult, formId]);
}

export function NewCommentForm({ formKey }: { formKey: string }) {
  const t = useT();
  return (
    <CommentForm
      formId="comment-new"
      idempotencyKey={formKey}
      intent="comment"
      schema={CommentFormSchema}
      label={t("comments.new")}
      submitLabel={t("comments.submit")}
    />
  );
}

export function CommentThread({
  comments,
  canReply,
  canModerate = false,
  answeredForm = null,
  formKey,
}: {
  comments: CommentView[];
  canReply: boolean;
  canModerate?: boolean;
  /** The form the last action answered: a refused reply stays on screen with its text. */
  answeredForm?: string | null;
  /** The page's idempotency key, for the reply forms. */
  formKey: string;
}) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentItem comment={comment} canModerate={canModerate} />
          {comment.replies.length ? (
            <ol className="comment-list comment-list--replies">
              {comment.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentItem comment={reply} canModerate={canModerate} />
                </li>
              ))}
            </ol>
          ) : null}
          {/* A hidden comment is frozen: nothing new hangs on it while it is hidden. */}
          {(canReply && comment.hidden === null && !comment.masked) || answeredForm === `reply-${comment.id}` ? (
            <ReplyForm parent={comment} formKey={formKey} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function CommentItem({ comment, canModerate }: { comment: CommentView; canModerate: boolean }) {
  const t = useT();
  const personName = usePersonName();
  return (
    <article
      className="comment"
      id={`commentaire-${comment.id}`}
      aria-label={
        comment.masked
          ? t("moderation.commentMasked")
          : comment.deleted
            ? t("comments.deleted")
            : personName(comment.author.displayName)
      }
    >
      <p className="meta">
        <strong>
          {comment.masked ? (
            t("moderation.commentMasked")
          ) : comment.deleted ? (
            t("comments.deleted")
          ) : (
            <>
              <InlineAvatar avatarUrl={comment.author.avatarUrl} />
              <PersonName person={comment.author} />
            </>
          )}
        </strong>{" "}
        · <RelativeTime date={comment.createdAt} />
        {comment.editedAt && !comment.deleted ? <> · {t("comments.edited")}</> : null}
        {comment.mergedFrom ? (
          <>
            {" · "}
            {comment.mergedFrom.title === null
              ? t("merge.fromHiddenIdea")
              : t("merge.fromIdea", { title: comment.mergedFrom.title })}
          </>
        ) : null}
      </p>
      {comment.hidden ? (
        <p className="notice notice--warning" role="note">
          {comment.hidden.kind === "PENDING_REVIEW"
            ? t("moderation.commentHiddenPending")
            : t("moderation.commentHiddenByModerator", { reason: comment.hidden.reason ?? "" })}
        </p>
      ) : null}
      {comment.hidden && canModerate ? <RestoreButton target="comment" targetId={comment.id} /> : null}
      {comment.masked || comment.deleted || comment.bodyHtml === null ? (
        <p className="muted">
          <em>{comment.masked ? t("moderation.commentMasked") : t("comments.deleted")}</em>
        </p>
      ) : (
        <Markdown html={comment.bodyHtml} lang={comment.language} />
      )}
      {comment.images.length > 0 ? (
        <ul className="comment-images">
          {comment.images.map((image) => (
            <li key={image.id}>
              <a href={`/pieces-jointes/${image.id}`}>
                <img
                  src={`/pieces-jointes/${image.id}/miniature`}
                  alt={t("attachments.commentImageAlt", { name: image.name })}
                  loading="lazy"
                  {...thumbnailSize(image)}
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {comment.canFlag ? (
        <FlagDisclosure formId={`flag-${comment.id}`} summary={t("moderation.flagComment")} commentId={comment.id} />
      ) : comment.flagged ? (
        <p className="flag muted">{t("moderation.alreadyFlagged")}</p>
      ) : null}
      {comment.canEdit && comment.body !== null ? (
        <div className="comment__actions">
          {/* Keyed by the last edit: once saved, the form starts again from the new text. */}
          <details key={comment.editedAt ?? "original"}>
            <summary>{t("comments.edit")}</summary>
            <CommentForm
              formId={`edit-${comment.id}`}
              intent="edit-comment"
              schema={CommentEditSchema}
              label={t("comments.editLabel")}
              submitLabel={t("comments.save")}
              defaultValue={{ body: comment.body }}
              hidden={{ commentId: comment.id }}
            />
          </details>
          {comment.canDelete ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="delete-comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" className="link-button">
                {t("comments.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function ReplyForm({ parent, formKey }: { parent: CommentView; formKey: string }) {
  const t = useT();
  const personName = usePersonName();
  const formId = `reply-${parent.id}`;
  const open = useLastResult(formId) !== undefined;
  return (
    <details className="reply" open={open || undefined}>
      <summary>
        {parent.deleted ? t("comments.reply") : t("comments.replyTo", { name: personName(parent.author.displayName) })}
      </summary>
      <CommentForm
        formId={formId}
        intent="comment"
        schema={CommentFormSchema}
        label={t("comments.replyLabel")}
        submitLabel={t("comments.sendReply")}
        hidden={{ parentId: parent.id }}
        idempotencyKey={formKey}
      />
    </details>
  );
}
