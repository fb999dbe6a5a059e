// Forms driven by one shared zod schema (conform): the same schema validates as you type and on the
// server; the server's 400/409 answer carries `formId`, so a page with many forms (a board with one per
// card, a KPI list) shows the answer on the form that was sent.
import {
  getCollectionProps,
  getFormProps,
  getSelectProps,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { FieldErrors, FormErrors } from "./form.tsx";
import { type FormSchema, useSchemaForm } from "~/lib/use-schema-form.ts";

export type FormReply = { formId: string; result: SubmissionResult<string[]> } | undefined;

export function useFormReply(formId: string) {
  const reply = useActionData<FormReply>();
  return reply && typeof reply === "object" && "formId" in reply && reply.formId === formId ? reply.result : undefined;
}

// conform's field metadata, loosened: the schemas here are objects of string fields.
export type Fields = Record<string, FieldMetadata<string | undefined>>;

export function SchemaForm(props: {
  formId: string;
  intent: string;
  schema: FormSchema;
  submitLabel: string;
  defaultValue?: Record<string, string | undefined>;
  hidden?: Record<string, string>;
  className?: string;
  submitClassName?: string;
  /** Next to the submit button: a way to close the form without sending it. */
  cancel?: ReactNode;
  children: (fields: Fields) => ReactNode;
}) {
  const lastResult = useFormReply(props.formId);
  const [form, fields] = useSchemaForm(props.schema, {
    id: props.formId,
    lastResult,
    defaultValue: props.defaultValue,
  });
  return (
    <Form method="post" {...getFormProps(form)} className={props.className ?? "stack"} preventScrollReset>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="formId" value={props.formId} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={form.errorId} errors={form.errors} />
      {props.children(fields as unknown as Fields)}
      <div className="actions">
        <button type="submit" className={props.submitClassName}>
          {props.submitLabel}
        </button>
        {props.cancel}
      </div>
    </Form>
  );
}

function describedBy(field: FieldMetadata<string | undefined>, hintId?: string) {
  return [hintId ?? null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
}

export function SelectField(props: {
  field: FieldMetadata<string | undefined>;
  /** A node when it holds user content marked with its language (docs/decisions/0029). */
  label: ReactNode;
  /** `lang`: an option that is user content (a challenge's title) carries its language. */
  options: { value: string; label: string; lang?: string }[];
  hint?: string;
  placeholder?: string;
}) {
  const { field } = props;
  const hintId = props.hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{props.label}</label>
      {props.hint ? (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      ) : null}
      <select
        {...getSelectProps(field, { ariaAttributes: false })}
        // A tampered submission may repeat the field: show its first value rather than an array.
        defaultValue={[field.initialValue].flat()[0] ?? ""}
        aria-describedby={describedBy(field, hintId)}
        aria-invalid={field.errors?.length ? true : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A 1–5 score as a group of radio buttons (arrow keys move between them). */
export function ScoreField(props: { field: FieldMetadata<string | undefined>; legend: ReactNode }) {
  const { field } = props;
  const t = useT();
  const options = ["1", "2", "3", "4", "5"];
  return (
    <fieldset className="field score-field" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{props.legend}</legend>
      <div className="score-field__options">
        {getCollectionProps(field, { type: "radio", options, ariaAttributes: false }).map(({ key, ...input }) => (
          <label key={key} className="score-field__option">
            <input {...input} aria-invalid={field.errors?.length ? true : undefined} />
            <span>{t("evaluation.scoreOf", { score: input.value })}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
