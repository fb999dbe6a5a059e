import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { configuredProviders } from "~/auth/oidc.server.ts";
import { ProviderButtons } from "~/components/provider-buttons.tsx";
import { env } from "~/lib/env.server.ts";
import { isStaffEmail } from "~/models/identity.ts";
import { createSession, getUser, sessionCookie } from "~/auth/session.server.ts";
import { Field, FormErrors } from "~/components/form.tsx";
import { flashCookie } from "~/lib/flash.server.ts";
import { clientIp, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { msg, safeRedirect } from "~/lib/validation.ts";
import { hitRateLimits, rateLimitRules, resetRateLimit, tooManyMessage } from "~/models/rate-limit.server.ts";
import { authenticate } from "~/models/user.server.ts";
import { SignInSchema } from "~/models/user.ts";
import { readForm } from "~/lib/form.server.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("auth.signInTitle"));

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return { providers: configuredProviders() };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password } = submission.value;
  // Staff addresses sign in through the agency's provider only (STAFF_EMAIL_DOMAINS).
  if (isStaffEmail(email, env().STAFF_EMAIL_DOMAINS)) {
    return data(submission.reply({ formErrors: [msg("identity.staffDomain")], hideFields: ["password"] }), {
      status: 400,
    });
  }
  // Checked (and percent-encoded) before anything is written: a session is created only when its
  // cookie can be sent (docs/decisions/0019-cookies-and-time.md).
  const back = safeRedirect(submission.value.redirectTo);
  // Throttle per IP and per account before doing any password work.
  const rules = rateLimitRules();
  const [perIp, perAccount] = await hitRateLimits([
    { key: `signin:ip:${clientIp(request)}`, rule: rules.signInPerIp },
    { key: `signin:account:${email}`, rule: rules.signInPerAccount },
  ]);
  if (!perIp.allowed || !perAccount.allowed) {
    const retryAfter = Math.max(
      perIp.allowed ? 0 : perIp.retryAfterSeconds,
      perAccount.allowed ? 0 : perAccount.retryAfterSeconds,
    );
    return data(submission.reply({ formErrors: [tooManyMessage(retryAfter)], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(retryAfter) },
    });
  }
  const user = await authenticate(email, password);
  if (!user) {
    return data(submission.reply({ formErrors: [msg("auth.invalid")], hideFields: ["password"] }), { status: 400 });
  }
  if (user === "access-ended") {
    return data(submission.reply({ formErrors: [msg("auth.accessEnded")], hideFields: ["password"] }), {
      status: 403,
    });
  }
  if (user === "suspended") {
    return data(submission.reply({ formErrors: [msg("auth.suspended")], hideFields: ["password"] }), { status: 403 });
  }
  await resetRateLimit(`signin:account:${email}`);
  const { token, expiresAt } = await createSession(user.id, {
    userAgent: request.headers.get("User-Agent"),
    ip: clientIp(request),
  });
  const headers = new Headers({ Location: back });
  headers.append("Set-Cookie", sessionCookie(request, token, expiresAt));
  headers.append("Set-Cookie", flashCookie({ key: "auth.welcome", params: { name: user.displayName } }));
  return new Response(null, { status: 302, headers });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const { providers } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useSchemaForm(SignInSchema, { lastResult });
  return (
    <section className="narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <ProviderButtons providers={providers} redirectTo={searchParams.get("redirectTo") ?? "/"} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field field={fields.email} label={t("auth.email")} type="email" autoComplete="username" />
        <Field field={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit">{t("auth.signInSubmit")}</button>
        </div>
      </Form>
      <p>
        <Link to="/mot-de-passe-oublie">{t("auth.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/inscription">{t("nav.signUp")}</Link>
      </p>
    </section>
  );
}
