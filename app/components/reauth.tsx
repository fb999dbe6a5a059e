import type { FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FieldErrors } from "~/components/form.tsx";
import { formatDateTime } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { ProviderKind } from "~/models/identity.ts";

/** What a page needs to confirm a sensitive action: the password, or a recent re-authentication through a provider. */
export type ReauthView = { hasPassword: boolean; providers: ProviderKind[]; reauthenticatedAt: string | null };

/**
 * For an account without a password: "Confirmer avec <provider>" (a form of its own, before the
 * sensitive form), or the note that this session was just confirmed (docs/decisions/0023).
 */
export function ReauthWithProvider({ reauth, redirectTo }: { reauth: ReauthView; redirectTo: string }) {
  const t = useT();
  const locale = useLocale();
  if (reauth.hasPassword) return null;
  if (reauth.reauthenticatedAt)
    return (
      <p data-testid="reauthenticated">
        {t("identity.reauthDone", { date: formatDateTime(locale, reauth.reauthenticatedAt) })}
      </p>
    );
  return (
    <div data-testid="reauth">
      <p>{t("identity.reauthIntro")}</p>
      {reauth.providers.map((kind) => (
        <Form key={kind} method="post" action="/compte/reconfirmer" reloadDocument className="inline-form">
          <input type="hidden" name="provider" value={kind} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit">
            {t("identity.reauthSubmit", {
              provider: t(kind === "staff" ? "identity.staff" : "identity.public"),
            })}
          </button>
        </Form>
      ))}
    </div>
  );
}

/** Inside the sensitive form: the current password, or (no password) only the reason it was refused. */
export function CurrentPasswordField({
  field,
  reauth,
  label,
  hint,
}: {
  field: FieldMetadata<string | undefined>;
  reauth: ReauthView;
  label: string;
  hint?: string;
}) {
  if (!reauth.hasPassword) return <FieldErrors id={field.errorId} errors={field.errors} />;
  return <Field field={field} label={label} hint={hint} type="password" autoComplete="current-password" />;
}
