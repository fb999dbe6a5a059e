// The managers' form to create or edit a hackathon (docs/decisions/0035-hackathons.md): one schema
// (app/models/hackathon.ts), Paris wall-clock dates as typed.
import { getInputProps } from "@conform-to/react";
import { Field, FieldErrors } from "~/components/form.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { useT } from "~/lib/i18n-react.ts";
import { HackathonFormSchema } from "~/models/hackathon.ts";

const DATES = [
  "registrationOpensAt",
  "registrationClosesAt",
  "startsAt",
  "endsAt",
  "submissionDeadline",
  "resultsAt",
] as const;

export function HackathonForm(props: {
  intent: string;
  submitLabel: string;
  defaultValue: Record<string, string | undefined>;
}) {
  const t = useT();
  return (
    <SchemaForm
      formId="hackathon"
      intent={props.intent}
      schema={HackathonFormSchema}
      submitLabel={props.submitLabel}
      defaultValue={props.defaultValue}
    >
      {(fields) => (
        <>
          <Field field={fields.title!} label={t("hackathonForm.title")} />
          <Field field={fields.cover!} label={t("hackathonForm.cover")} hint={t("challengeForm.coverHint")} />
          <Field
            field={fields.objective!}
            label={t("hackathonForm.objective")}
            hint={t("challengeForm.briefHint")}
            multiline
            rows={8}
          />
          <Field
            field={fields.resources!}
            label={t("hackathonForm.resources")}
            hint={t("hackathonForm.resourcesHint")}
            multiline
            rows={5}
          />
          <Field field={fields.place!} label={t("hackathonForm.place")} />
          <Field
            field={fields.onlineUrl!}
            label={t("hackathonForm.onlineUrl")}
            hint={t("hackathonForm.onlineUrlHint")}
            type="url"
          />
          <div className="field-row field-row--wrap">
            {DATES.map((key) => (
              <Field key={key} field={fields[key]!} label={t(`hackathon.date.${key}`)} type="datetime-local" />
            ))}
          </div>
          <div className="field-row">
            <Field field={fields.capacity!} label={t("hackathonForm.capacity")} />
            <Field field={fields.teamSizeMax!} label={t("hackathonForm.teamSizeMax")} />
          </div>
          <div className="field">
            <label className="checkbox">
              <input {...getInputProps(fields.mixedTeams!, { type: "checkbox", ariaAttributes: false })} />{" "}
              {t("hackathonForm.mixedTeams")}
            </label>
            <FieldErrors id={fields.mixedTeams!.errorId} errors={fields.mixedTeams!.errors} />
          </div>
          <Field
            field={fields.criteria!}
            label={t("hackathonForm.criteria")}
            hint={t("hackathonForm.criteriaHint")}
            multiline
            rows={4}
          />
        </>
      )}
    </SchemaForm>
  );
}
