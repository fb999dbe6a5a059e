// Moderation UI pieces (docs/decisions/0008-moderation.md): the "Signaler" forms of the idea page.
import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { FLAG_REASONS, FlagSchema } from "~/models/moderation.ts";
import { Field } from "./form.tsx";
import { OnDemandForm, useOnDemandForm, type OnDemandLinks } from "./on-demand.tsx";
import { SchemaForm, SelectField, useFormReply } from "./schema-form.tsx";

/**
 * "Signaler" for the idea: folded; it opens again by itself when the server refused the report, to show
 * why. Works without JavaScript (a plain form post answered by a redirect, or a 400 page with the field's
 * message).
 */
export function FlagDisclosure(props: { formId: string; summary: string }) {
  const refused = useFormReply(props.formId) !== undefined;
  return (
    <details className="flag" open={refused || undefined}>
      <summary>{props.summary}</summary>
      <FlagForm formId={props.formId} />
    </details>
  );
}

/**
 * "Signaler ce commentaire": a link per comment, the form only where it is asked for
 * (`?signaler=<id>`, or in place once hydrated; docs/decisions/0049), open again with its answer when
 * the server refused the report.
 */
export function FlagCommentControl(props: { commentId: string; asked: boolean; links: OnDemandLinks }) {
  const t = useT();
  const formId = `flag-${props.commentId}`;
  const refused = useFormReply(formId) !== undefined;
  return (
    <OnDemandForm
      links={props.links}
      className="flag"
      label={t("moderation.flagComment")}
      asked={props.asked || refused}
      cancelLabel={t("moderation.cancelFlag")}
    >
      <FlagForm formId={formId} commentId={props.commentId} />
    </OnDemandForm>
  );
}

/** The report form; inside an OnDemandForm it carries its "Annuler" (none in the idea's disclosure). */
function FlagForm(props: { formId: string; commentId?: string }) {
  const t = useT();
  const { cancel } = useOnDemandForm();
  return (
    <SchemaForm
      formId={props.formId}
      intent="flag"
      schema={FlagSchema}
      submitLabel={t("moderation.submitFlag")}
      hidden={props.commentId ? { commentId: props.commentId } : undefined}
      submitClassName="button--secondary"
      cancel={cancel}
    >
      {(fields) => (
        <>
          <SelectField
            field={fields.reason!}
            label={t("moderation.reason")}
            placeholder={t("moderation.chooseReasonOption")}
            options={FLAG_REASONS.map((reason) => ({ value: reason, label: t(`moderation.reason.${reason}`) }))}
          />
          <Field field={fields.note!} label={t("moderation.note")} hint={t("moderation.noteHint")} multiline rows={3} />
        </>
      )}
    </SchemaForm>
  );
}

/** A one-button moderation decision on an idea or a comment, posted to the queue's action. */
export function ModerationButton(props: {
  intent: "restore" | "dismiss";
  target: "idea" | "comment";
  targetId: string;
  label: string;
  className?: string;
}) {
  return (
    <Form method="post" action="/moderation" className={props.className}>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="target" value={props.target} />
      <input type="hidden" name="targetId" value={props.targetId} />
      <button type="submit" className="button--secondary">
        {props.label}
      </button>
    </Form>
  );
}

/** For moderators, next to hidden content: bring it back (the queue no longer lists what they decided). */
export function RestoreButton(props: { target: "idea" | "comment"; targetId: string }) {
  const t = useT();
  return <ModerationButton intent="restore" {...props} label={t("moderation.restore")} className="inline-form" />;
}

/**
 * "You have already reported this". `takeFocus`: it has just replaced the report control on this page
 * (the person sent the report); that control held the focus and is gone, so the line takes it rather
 * than leave it on the page's body. It never takes the focus from anything else.
 */
export function ReportedNote({ takeFocus }: { takeFocus: boolean }) {
  const t = useT();
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (takeFocus && (active === null || active === document.body)) note.current?.focus();
  }, [takeFocus]);
  return (
    <p ref={note} tabIndex={takeFocus ? -1 : undefined} className="flag muted">
      {t("moderation.alreadyFlagged")}
    </p>
  );
}
