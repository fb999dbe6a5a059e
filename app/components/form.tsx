import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { HONEYPOT_FIELD, IDEMPOTENCY_FIELD, parseMessage } from "~/lib/validation.ts";

/** Translates an error produced by a shared zod schema (an i18n key with optional parameters). */
export function useErrorText() {
  const t = useT();
  return (raw: string) => {
    const { key, params } = parseMessage(raw);
    const text = t(key, params);
    return text === key && !key.includes(".") ? raw : text;
  };
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.map((e) => errorText(e)).join(" ")}
    </p>
  );
}

type FieldProps = {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "date" | "datetime-local" | "url";
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  /** The language of the value when it is user content being edited (docs/decisions/0029). */
  lang?: string;
  children?: ReactNode;
};

/** A labelled input or textarea with its hint and its errors announced next to it. */
export function Field({ field, label, hint, type = "text", autoComplete, multiline, rows = 8, lang }: FieldProps) {
  const hintId = `${field.id}-hint`;
  const describedBy = [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ");
  const common = {
    "aria-describedby": describedBy || undefined,
    "aria-invalid": field.errors?.length ? true : undefined,
    lang,
  } as const;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...getTextareaProps(field, { ariaAttributes: false })} {...common} rows={rows} />
      ) : (
        <input {...getInputProps(field, { type, ariaAttributes: false })} {...common} autoComplete={autoComplete} />
      )}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{errorText(e)}</p>
      ))}
    </div>
  );
}

/** The honeypot field of a public form (HONEYPOT_FIELD): invisible to people, refused when filled. */
export function Honeypot({ idPrefix }: { idPrefix: string }) {
  const id = `${idPrefix}-${HONEYPOT_FIELD}`;
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor={id}>Website</label>
      <input id={id} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/**
 * The form's idempotency key (IDEMPOTENCY_FIELD), issued by the page's loader: the same form sent twice
 * stores one row. A fresh key comes with the next load of the page, i.e. after each success.
 */
export function IdempotencyKeyField({ value }: { value: string | undefined }) {
  return value ? <input type="hidden" name={IDEMPOTENCY_FIELD} value={value} /> : null;
}
