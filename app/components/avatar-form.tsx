// The avatar's settings on /compte/profil (docs/decisions/0039-avatars.md): the current picture (or the
// initials), a plain multipart form with one labelled file input — it works without JavaScript — and,
// when there is a picture, a button that removes it. A refusal shows next to the input.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import { useT } from "~/lib/i18n-react.ts";
import { AVATAR_ACCEPT, AVATAR_FIELD } from "~/models/avatar.ts";
import { Avatar } from "./avatar.tsx";
import { FieldErrors, FormErrors } from "./form.tsx";

type ActionResult = { formId?: string; result?: SubmissionResult<string[]> } | undefined;

export function AvatarForm(props: {
  name: string;
  avatarUrl: string | null;
  profilePrivate: boolean;
  maxMegabytes: number;
}) {
  const t = useT();
  const actionData = useActionData<ActionResult>();
  const result = actionData?.formId === "avatar" ? actionData.result : undefined;
  const errors = result?.error?.[AVATAR_FIELD] ?? undefined;
  const id = "avatar-file";
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="avatar-title" className="avatar-settings" data-testid="avatar-settings">
      <h2 id="avatar-title">{t("avatar.title")}</h2>
      <div className="avatar-settings__current">
        <Avatar name={props.name} avatarUrl={props.avatarUrl} size="large" />
        <p>
          {props.avatarUrl ? null : t("avatar.none")} {props.profilePrivate ? t("avatar.privateNote") : null}
        </p>
      </div>
      <Form method="post" encType="multipart/form-data" className="stack" id="avatar">
        <input type="hidden" name="intent" value="avatar" />
        <FormErrors id="avatar-errors" errors={result?.error?.[""] ?? undefined} />
        <div className="field">
          <label htmlFor={id}>{t("avatar.label")}</label>
          <p id={`${id}-hint`} className="hint">
            {t("avatar.hint", { max: props.maxMegabytes })}
          </p>
          <input
            type="file"
            id={id}
            name={AVATAR_FIELD}
            accept={AVATAR_ACCEPT}
            required
            aria-describedby={describedBy}
            aria-invalid={errors?.length ? true : undefined}
          />
          <FieldErrors id={`${id}-error`} errors={errors} />
        </div>
        <div className="actions">
          <button type="submit">{t("avatar.upload")}</button>
        </div>
      </Form>
      {props.avatarUrl ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="remove-avatar" />
          <button type="submit" className="button--secondary">
            {t("avatar.remove")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
