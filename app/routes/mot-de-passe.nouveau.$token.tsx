// The link of the reset e-mail (docs/decisions/0024-invitations-terms-and-passwords.md). GET shows a
// form (a link scanner changes nothing); POST sets the new password, uses the link up and ends every
// session of the person, then sends them to sign in. A used, replaced, expired or malformed link is a 410.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { clientIp, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { ResetPasswordSchema } from "~/models/credentials.ts";
import { isResetLinkLive, resetPassword } from "~/models/password-reset.server.ts";
import { hitRateLimit, rateLimitRules, tooManyMessage } from "~/models/rate-limit.server.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("auth.resetTitle"));

export const headers = retryAfterHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const live = await isResetLinkLive(params.token ?? "");
  return data({ live }, { status: live ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const perIp = await hitRateLimit(`reset:ip:${clientIp(request)}`, rateLimitRules().passwordResetPerIp);
  if (!perIp.allowed) {
    return data(submission.reply({ formErrors: [tooManyMessage(perIp.retryAfterSeconds)], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(perIp.retryAfterSeconds) },
    });
  }
  const result = await attempt(() => resetPassword({ token: params.token ?? "", password: submission.value.password }));
  if (!result.ok) {
    const status = result.error.key === "auth.resetInvalidLink" ? 410 : 400;
    return data(submission.reply({ ...ruleReply(result.error), hideFields: ["password"] }), { status });
  }
  return redirectWithFlash("/connexion", { key: "auth.resetDone" });
}

export default function ResetPassword() {
  const { live } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(ResetPasswordSchema, { lastResult });
  return (
    <section className="narrow">
      <h1>{t("auth.resetTitle")}</h1>
      {live ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <p>{t("auth.resetText")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            field={fields.password}
            label={t("account.newPassword")}
            hint={t("auth.passwordHint")}
            type="password"
            autoComplete="new-password"
          />
          <div className="actions">
            <button type="submit">{t("auth.resetSubmit")}</button>
          </div>
        </Form>
      ) : (
        <>
          <p role="alert">{t("auth.resetInvalidLink")}</p>
          <p>
            <Link to="/mot-de-passe-oublie">{t("auth.forgotTitle")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
