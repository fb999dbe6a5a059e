// The link of an invitation e-mail (docs/decisions/0024-invitations-terms-and-passwords.md). GET shows
// the form (a link scanner accepts nothing); POST with a name and a password makes the supplier's
// account and signs them in, then sends them to the supplier terms. A used, revoked or expired link is a 410.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { createSession, sessionCookie } from "~/auth/session.server.ts";
import { Field, FormErrors } from "~/components/form.tsx";
import { flashCookie } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { clientIp, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { AcceptInvitationSchema } from "~/models/credentials.ts";
import { acceptInvitation, findLiveInvitation } from "~/models/invitation.server.ts";
import { hitRateLimit, rateLimitRules, tooManyMessage } from "~/models/rate-limit.server.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("invite.acceptTitle"));

export const headers = retryAfterHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const inv = await findLiveInvitation(params.token ?? "");
  return data(inv ? { company: inv.company, email: inv.email } : { company: null, email: null }, {
    status: inv ? 200 : 410,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: AcceptInvitationSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const perIp = await hitRateLimit(`signup:ip:${clientIp(request)}`, rateLimitRules().signUpPerIp);
  if (!perIp.allowed) {
    return data(submission.reply({ formErrors: [tooManyMessage(perIp.retryAfterSeconds)], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(perIp.retryAfterSeconds) },
    });
  }
  const result = await attempt(() => acceptInvitation({ token: params.token ?? "", ...submission.value }));
  if (!result.ok) {
    const status = result.error.key === "invite.invalidLink" ? 410 : 400;
    return data(submission.reply({ ...ruleReply(result.error), hideFields: ["password"] }), { status });
  }
  const user = result.value;
  const { token, expiresAt } = await createSession(user.id, {
    userAgent: request.headers.get("User-Agent"),
    ip: clientIp(request),
  });
  const headers = new Headers({ Location: "/conditions-fournisseurs" });
  headers.append("Set-Cookie", sessionCookie(request, token, expiresAt));
  headers.append("Set-Cookie", flashCookie({ key: "auth.welcome", params: { name: user.displayName } }));
  return new Response(null, { status: 302, headers });
}

export default function AcceptInvitation() {
  const loaded = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(AcceptInvitationSchema, { lastResult });
  return (
    <section className="narrow">
      <h1>{t("invite.acceptTitle")}</h1>
      {loaded.company !== null ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <p>{t("invite.acceptText", { company: loaded.company, email: loaded.email ?? "" })}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field field={fields.displayName} label={t("auth.displayName")} hint={t("auth.displayNameHint")} />
          <Field
            field={fields.password}
            label={t("auth.password")}
            hint={t("auth.passwordHint")}
            type="password"
            autoComplete="new-password"
          />
          <div className="actions">
            <button type="submit">{t("invite.acceptSubmit")}</button>
          </div>
        </Form>
      ) : (
        <p role="alert">{t("invite.invalidLink")}</p>
      )}
    </section>
  );
}
