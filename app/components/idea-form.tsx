import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { IdeaFormSchema } from "~/models/idea.ts";
import { Field, FormErrors, Honeypot, IdempotencyKeyField } from "./form.tsx";
import { SelectField } from "./schema-form.tsx";
import { DefaultSubmit, MarkdownEditor, type EditorImage } from "./markdown-editor.tsx";
import { FilePicker, KeptFiles } from "./attachments.tsx";
import { FILES_FIELD, type KeptFileView } from "~/models/attachment.ts";
import { MentionAutocomplete } from "./mention-autocomplete.tsx";
import { SimilarIdeas } from "./similar-ideas.tsx";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export function IdeaForm(props: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { title: string; body: string; tags: string; challengeId?: string };
  /** Open challenges of the space the idea may answer (proposing only). */
  challenges?: { id: string; title: string; language: string }[];
  submitLabel: string;
  cancelTo: string;
  /** On the propose page: show existing ideas of this space that look like the one being written. */
  similarIn?: string;
  /** Where the mention autocomplete looks: the idea being edited, or the space proposed in. */
  mentionsIn: { idee?: string; espace?: string };
  /** Proposing only: the form's idempotency key, from the loader. */
  idempotencyKey?: string;
  /** Editing: the language the idea is written in, marked on its fields (docs/decisions/0029). */
  language?: string;
  /** The server's preview of the body, after a submission with `intent=preview` (without JavaScript). */
  previewHtml?: string | null;
  /** Editing: the idea's images, which the toolbar can insert. */
  images?: EditorImage[];
  /** Proposing: a file picker (the files are stored with the idea), and the files kept from an answer. */
  files?: { limits: { maxMegabytes: number; maxFiles: number }; kept: KeptFileView[] };
}) {
  const t = useT();
  const [form, fields] = useSchemaForm(IdeaFormSchema, {
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
  });
  const [draft, setDraft] = useState({ title: props.defaultValue?.title ?? "", body: props.defaultValue?.body ?? "" });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      encType={props.files ? "multipart/form-data" : undefined}
      className="stack"
      onChange={(event) => {
        const target = event.target as HTMLInputElement | HTMLTextAreaElement;
        if (target.name === "title" || target.name === "body") setDraft((d) => ({ ...d, [target.name]: target.value }));
      }}
    >
      <DefaultSubmit label={props.submitLabel} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field field={fields.title} label={t("ideaForm.title")} hint={t("ideaForm.titleHint")} lang={props.language} />
      {props.similarIn ? <SimilarIdeas spaceSlug={props.similarIn} title={draft.title} body={draft.body} /> : null}
      <MarkdownEditor
        field={fields.body}
        label={t("ideaForm.body")}
        hint={`${t("ideaForm.bodyHint")} ${t("mention.hint")}`}
        rows={12}
        lang={props.language}
        kind="idee"
        previewHtml={props.previewHtml}
        images={props.images}
        place={props.mentionsIn}
      />
      <MentionAutocomplete fieldId={fields.body.id} place={props.mentionsIn} />
      <Field field={fields.tags} label={t("ideaForm.tags")} hint={t("ideaForm.tagsHint")} lang={props.language} />
      {props.challenges?.length ? (
        <SelectField
          field={fields.challengeId}
          label={t("ideaForm.challenge")}
          placeholder={t("ideaForm.noChallenge")}
          options={props.challenges.map((c) => ({ value: c.id, label: c.title, lang: c.language }))}
        />
      ) : null}
      {props.files ? (
        <>
          <FilePicker
            id="idea-files"
            label={t("attachments.pick")}
            hint={t("attachments.pickHint", {
              max: props.files.limits.maxMegabytes,
              count: props.files.limits.maxFiles,
            })}
            errors={props.lastResult?.error?.[FILES_FIELD] ?? undefined}
          />
          <KeptFiles kept={props.files.kept} idPrefix="idea-files" />
        </>
      ) : null}
      <Honeypot idPrefix={form.id} />
      <IdempotencyKeyField value={props.idempotencyKey} />
      <div className="actions">
        <button type="submit">{props.submitLabel}</button>
        <Link to={props.cancelTo}>{t("ideaForm.cancel")}</Link>
      </div>
    </Form>
  );
}
