// The link of the sign-up e-mail (docs/decisions/0021-account-enumeration.md). GET shows a form, so a
// link scanner opening the link activates nothing; POST with the password chosen at sign-up activates
// the account and signs the person in.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createSession, sessionCookie } from "~/auth/session.server.ts";
import { Field, FormErrors } from "~/components/form.tsx";
import { flashCookie } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { clientIp, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { hitRateLimit, rateLimitRules, tooManyMessage } from "~/models/rate-limit.server.ts";
import { confirmSignUp, isSignUpLinkLive } from "~/models/user.server.ts";
import { ConfirmSignUpSchema } from "~/models/user.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("auth.confirmTitle"));

export const headers = retryAfterHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const live = await isSignUpLinkLive(params.token ?? "");
  // 410: the page explains that the link no longer works and what to do.
  return data({ live }, { status: live ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ConfirmSignUpSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  // The password is checked here: throttled like signing in.
  const perIp = await hitRateLimit(`signin:ip:${clientIp(request)}`, rateLimitRules().signInPerIp);
  if (!perIp.allowed) {
    return data(submission.reply({ formErrors: [tooManyMessage(perIp.retryAfterSeconds)], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(perIp.retryAfterSeconds) },
    });
  }
  const result = await attempt(() => confirmSignUp({ token: params.token ?? "", password: submission.value.password }));
  if (!result.ok) {
    const status = result.error.key === "auth.confirmInvalidLink" ? 410 : 400;
    return data(submission.reply({ ...ruleReply(result.error), hideFields: ["password"] }), { status });
  }
  const user = result.value;
  const { token, expiresAt } = await createSession(user.id, {
    userAgent: request.headers.get("User-Agent"),
    ip: clientIp(request),
  });
  const headers = new Headers({ Location: "/" });
  headers.append("Set-Cookie", sessionCookie(request, token, expiresAt));
  headers.append("Set-Cookie", flashCookie({ key: "auth.welcome", params: { name: user.displayName } }));
  return new Response(null, { status: 302, headers });
}

export default function ConfirmSignUp() {
  const { live } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(ConfirmSignUpSchema, { lastResult });
  return (
    <section className="narrow">
      <h1>{t("auth.confirmTitle")}</h1>
      {live ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <p>{t("auth.confirmText")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field field={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
          <div className="actions">
            <button type="submit">{t("auth.confirmSubmit")}</button>
          </div>
        </Form>
      ) : (
        <>
          <p role="alert">{t("auth.confirmInvalidLink")}</p>
          <p>
            <Link to="/inscription">{t("auth.signUpTitle")}</Link> · <Link to="/connexion">{t("nav.signIn")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
