// "Mot de passe oublié" (docs/decisions/0024-invitations-terms-and-passwords.md): the same answer —
// a redirect to the sign-in page with "if an account exists, a link is on its way" — whether or not
// the address has an account. Validation, the honeypot and the rate limits come before the address is
// looked at; the per-address limit counts unknown addresses too.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormErrors, Honeypot } from "~/components/form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { clientIp, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { env } from "~/lib/env.server.ts";
import { ForgotPasswordSchema } from "~/models/credentials.ts";
import { isStaffEmail } from "~/models/identity.ts";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import { hitRateLimits, rateLimitRules, tooManyMessage } from "~/models/rate-limit.server.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("auth.forgotTitle"));

export const headers = retryAfterHeaders;

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { email } = submission.value;
  const rules = rateLimitRules();
  const [perIp, perAddress] = await hitRateLimits([
    { key: `reset:ip:${clientIp(request)}`, rule: rules.passwordResetPerIp },
    { key: `reset:address:${email}`, rule: rules.passwordResetPerAddress },
  ]);
  if (!perIp.allowed || !perAddress.allowed) {
    const retryAfter = Math.max(perIp.retryAfterSeconds, perAddress.retryAfterSeconds);
    return data(submission.reply({ formErrors: [tooManyMessage(retryAfter)] }), {
      status: 429,
      headers: { "Retry-After": String(retryAfter) },
    });
  }
  // Staff addresses have no password here (STAFF_EMAIL_DOMAINS, docs/decisions/0023): the same answer, nothing sent.
  if (!isStaffEmail(email, env().STAFF_EMAIL_DOMAINS)) await requestPasswordReset(email);
  return redirectWithFlash("/connexion", { key: "auth.resetRequested" });
}

export default function ForgotPassword() {
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(ForgotPasswordSchema, { lastResult });
  return (
    <section className="narrow">
      <h1>{t("auth.forgotTitle")}</h1>
      <p>{t("auth.forgotIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <Honeypot idPrefix={form.id} />
        <div className="actions">
          <button type="submit">{t("auth.forgotSubmit")}</button>
        </div>
      </Form>
      <p>
        <Link to="/connexion">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
