// The comment forms of an idea's page: a new comment, a reply, an edit (docs/decisions/0030 for the
// editor and images). Their answers come back as action data keyed by the form's id.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useActionData, useNavigation, useParams } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { CommentFormSchema } from "~/models/comment.ts";
import { FormErrors, Honeypot, IdempotencyKeyField } from "./form.tsx";
import { DefaultSubmit, MarkdownEditor, type EditorImage } from "./markdown-editor.tsx";
import { FilePicker, KeptFiles } from "./attachments.tsx";
import { ACCEPT_IMAGES, FILES_FIELD, type KeptFileView } from "~/models/attachment.ts";
import { MentionAutocomplete } from "./mention-autocomplete.tsx";
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

export function CommentForm(props: {
  formId: string;
  intent: "comment" | "edit-comment";
  schema: FormSchema;
  label: string;
  submitLabel: string;
  defaultValue?: Record<string, string>;
  hidden?: Record<string, string>;
  /** New comments and replies: the page's idempotency key (a form sent twice stores one comment). */
  idempotencyKey?: string;
  /** Next to the submit button: a way to close the form without sending it (the reply form's "Annuler"). */
  cancel?: ReactNode;
  /** Called once this form's submission succeeded (after it was emptied). */
  onSent?: () => void;
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
  useResetAfterSuccess(form.id, lastResult, props.onSent);
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
        {props.cancel}
      </div>
    </Form>
  );
}

/**
 * Once this form's submission succeeded (the page moved on without an answer for it), empties the form
 * and folds the <details> it sits in (or calls `onSent`, which closes the reply form), so the text cannot
 * be sent twice. A refused submission keeps what the person typed, next to the errors.
 */
function useResetAfterSuccess(formId: string, lastResult: unknown, onSent?: () => void) {
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
    onSent?.();
  }, [sentHere, navigation.state, lastResult, formId, onSent]);
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
