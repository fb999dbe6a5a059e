import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { getUser } from "~/auth/session.server.ts";
import { Field, FormErrors, Honeypot } from "~/components/form.tsx";
import { clientIp, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { hitRateLimit, rateLimitRules, tooManyMessage } from "~/models/rate-limit.server.ts";
import { getLocale } from "~/lib/locale.server.ts";
import { requestSignUp } from "~/models/user.server.ts";
import { SignUpSchema } from "~/models/user.ts";
import { readForm } from "~/lib/form.server.ts";
import { env } from "~/lib/env.server.ts";
import { msg } from "~/lib/validation.ts";
import { isStaffEmail } from "~/models/identity.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("auth.signUpTitle"));

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SignUpSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const perIp = await hitRateLimit(`signup:ip:${clientIp(request)}`, rateLimitRules().signUpPerIp);
  if (!perIp.allowed) {
    return data(submission.reply({ formErrors: [tooManyMessage(perIp.retryAfterSeconds)], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(perIp.retryAfterSeconds) },
    });
  }
  const { email, displayName, password } = submission.value;
  // Staff addresses get their account from the agency's provider (STAFF_EMAIL_DOMAINS).
  if (isStaffEmail(email, env().STAFF_EMAIL_DOMAINS)) {
    return data(submission.reply({ formErrors: [msg("identity.staffDomain")], hideFields: ["password"] }), {
      status: 400,
    });
  }
  // The same answer whether or not the address has an account (docs/decisions/0021-account-enumeration.md).
  // A common or breached password is refused before the address is looked at.
  const result = await attempt(() => requestSignUp({ email, displayName, password, locale: getLocale(request) }));
  if (!result.ok)
    return data(submission.reply({ ...ruleReply(result.error), hideFields: ["password"] }), { status: 400 });
  return redirect("/inscription/verifiez");
}

export default function SignUp() {
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(SignUpSchema, { lastResult });
  return (
    <section className="narrow">
      <h1>{t("auth.signUpTitle")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <Field
          field={fields.displayName}
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          autoComplete="nickname"
        />
        <Field
          field={fields.password}
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <Honeypot idPrefix={form.id} />
        <div className="actions">
          <button type="submit">{t("auth.signUpSubmit")}</button>
        </div>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/connexion">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
