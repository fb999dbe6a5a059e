// An idea's attachments (docs/decisions/0030-attachments-and-editor.md): the files the viewer may see
// (the loader filtered them through the policy), and, for the idea's author, a plain multipart form
// with a file input — it works without JavaScript — that dropping files on it fills in as an extra.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { ACCEPT_ATTRIBUTE, FILES_FIELD, KEPT_FIELD, THUMBNAIL_SIZE, type KeptFileView } from "~/models/attachment.ts";
import { FieldErrors, FormErrors } from "./form.tsx";

export type AttachmentView = {
  id: string;
  kind: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  confidential: boolean;
  canDelete: boolean;
};

type ActionResult = { formId: string; result: SubmissionResult<string[]> } | undefined;

export const thumbnailSize = (a: { width: number | null; height: number | null }) => {
  if (!a.width || !a.height) return {};
  const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(a.width, a.height));
  return { width: Math.round(a.width * scale), height: Math.round(a.height * scale) };
};

export function Attachments(props: {
  attachments: AttachmentView[];
  canAttach: boolean;
  canAttachConfidential: boolean;
  limits: { maxMegabytes: number; maxFiles: number };
}) {
  const t = useT();
  if (props.attachments.length === 0 && !props.canAttach) return null;
  const size = (bytes: number) => t("attachments.size", { kb: Math.max(1, Math.round(bytes / 1024)) });
  return (
    <section aria-labelledby="attachments-title" className="attachments" data-testid="attachments">
      <h2 id="attachments-title">{t("attachments.title")}</h2>
      {props.attachments.length > 0 ? (
        <ul className="attachment-list">
          {props.attachments.map((a) => (
            <li key={a.id} className="attachment">
              {a.kind === "IMAGE" ? (
                <a href={`/pieces-jointes/${a.id}`}>
                  <img
                    src={`/pieces-jointes/${a.id}/miniature`}
                    alt={t("attachments.imageAlt", { name: a.name })}
                    loading="lazy"
                    {...thumbnailSize(a)}
                  />
                </a>
              ) : (
                <a href={`/pieces-jointes/${a.id}`} download={a.name}>
                  {t("attachments.download", { name: a.name, size: size(a.size) })}
                </a>
              )}
              {a.confidential ? <span className="badge">{t("attachments.confidential")}</span> : null}
              {a.canDelete ? (
                <Form method="post" className="attachment__remove">
                  <input type="hidden" name="intent" value="delete-attachment" />
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <button type="submit" className="button--secondary">
                    {t("attachments.remove", { name: a.name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {props.canAttach ? (
        <AttachForm canAttachConfidential={props.canAttachConfidential} limits={props.limits} />
      ) : null}
    </section>
  );
}

function AttachForm(props: { canAttachConfidential: boolean; limits: { maxMegabytes: number; maxFiles: number } }) {
  const t = useT();
  const actionData = useActionData<ActionResult>();
  const result = actionData?.formId === "attach" ? actionData.result : undefined;
  const fileErrors = result?.error?.[FILES_FIELD] ?? undefined;
  const confidentialErrors = result?.error?.confidential ?? undefined;
  return (
    <Form method="post" encType="multipart/form-data" className="stack attach-form" id="attach">
      <input type="hidden" name="intent" value="attach" />
      <input type="hidden" name="formId" value="attach" />
      {/* A refusal of the confidential box shows at the top when the box itself is not offered. */}
      <FormErrors
        id="attach-errors"
        errors={[...(result?.error?.[""] ?? []), ...(props.canAttachConfidential ? [] : (confidentialErrors ?? []))]}
      />
      <FilePicker
        label={t("attachments.pick")}
        hint={t("attachments.pickHint", { max: props.limits.maxMegabytes, count: props.limits.maxFiles })}
        errors={fileErrors}
      />
      {props.canAttachConfidential ? (
        <div className="field field--checkbox">
          <input
            type="checkbox"
            id="attach-confidential"
            name="confidential"
            aria-describedby="attach-confidential-hint"
          />
          <label htmlFor="attach-confidential">{t("attachments.confidentialLabel")}</label>
          <p id="attach-confidential-hint" className="hint">
            {t("attachments.confidentialHint")}
          </p>
          <FieldErrors id="attach-confidential-error" errors={confidentialErrors} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit">{t("attachments.upload")}</button>
      </div>
    </Form>
  );
}

/**
 * A labelled `<input type=file multiple>` (keyboard and screen readers use it as is). With JavaScript,
 * files dropped anywhere on the field are put into that same input, and the count of chosen files is
 * announced; the form is sent the same way in both cases.
 */
export function FilePicker(props: { label: string; hint: string; errors?: string[]; id?: string; accept?: string }) {
  const t = useT();
  const id = props.id ?? "attach-files";
  const zone = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [count, setCount] = useState<number | null>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const element = zone.current;
    if (!element) return;
    const onDragOver = (event: DragEvent) => {
      event.preventDefault();
      setOver(true);
    };
    const onDragLeave = () => setOver(false);
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      if (!event.dataTransfer?.files.length || !input.current) return;
      input.current.files = event.dataTransfer.files;
      setCount(input.current.files.length);
    };
    element.addEventListener("dragover", onDragOver);
    element.addEventListener("dragleave", onDragLeave);
    element.addEventListener("drop", onDrop);
    return () => {
      element.removeEventListener("dragover", onDragOver);
      element.removeEventListener("dragleave", onDragLeave);
      element.removeEventListener("drop", onDrop);
    };
  }, []);
  const errorId = `${id}-error`;
  const describedBy = [`${id}-hint`, props.errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div ref={zone} className={over ? "field drop-zone drop-zone--over" : "field drop-zone"}>
      <label htmlFor={id}>{props.label}</label>
      <p id={`${id}-hint`} className="hint">
        {props.hint} {t("attachments.dropHere")}
      </p>
      <input
        ref={input}
        type="file"
        id={id}
        name={FILES_FIELD}
        multiple
        accept={props.accept ?? ACCEPT_ATTRIBUTE}
        aria-describedby={describedBy}
        aria-invalid={props.errors?.length ? true : undefined}
        onChange={(event) => setCount(event.currentTarget.files?.length ?? 0)}
      />
      {count !== null ? (
        <p className="hint" aria-live="polite">
          {t("attachments.chosen", { count })}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={props.errors} />
    </div>
  );
}

/**
 * The files a form kept from its earlier answer (a preview without JavaScript, a refusal): ticked boxes
 * that send their ids again; untick one to leave it out.
 */
export function KeptFiles(props: { kept: KeptFileView[]; idPrefix: string }) {
  const t = useT();
  if (props.kept.length === 0) return null;
  const hintId = `${props.idPrefix}-kept-hint`;
  return (
    <fieldset className="kept-files" aria-describedby={hintId} data-testid="kept-files">
      <legend>{t("attachments.kept")}</legend>
      <p id={hintId} className="hint">
        {t("attachments.keptHint")}
      </p>
      {props.kept.map((file) => (
        <div key={file.id} className="field field--checkbox">
          <input
            type="checkbox"
            id={`${props.idPrefix}-kept-${file.id}`}
            name={KEPT_FIELD}
            value={file.id}
            defaultChecked
          />
          <label htmlFor={`${props.idPrefix}-kept-${file.id}`}>
            {t("attachments.keptItem", {
              name: file.name,
              size: t("attachments.size", { kb: Math.max(1, Math.round(file.size / 1024)) }),
            })}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
