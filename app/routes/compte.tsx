import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ZodType } from "zod";
import { clearSessionCookie, getSession, requireUser, sessionCookie, toViewer } from "~/auth/session.server.ts";
import { AccountIdentities } from "~/components/account-identities.tsx";
import { Field } from "~/components/form.tsx";
import { CurrentPasswordField, ReauthWithProvider } from "~/components/reauth.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { flashCookie, redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, clientIp, retryAfter, retryAfterHeaders } from "~/lib/http.server.ts";
import { formatDateTime, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import {
  requestEmailChange,
  changePassword,
  endAllSessions,
  endMySession,
  listMySessions,
  reauthView,
  type SessionView,
} from "~/models/account.server.ts";
import { ChangeEmailSchema, ChangePasswordSchema, EndSessionSchema } from "~/models/account.ts";
import { checkReauthLimit, limitedMessage } from "~/models/rate-limit.server.ts";
import { listMyIdentities, myAgency } from "~/models/identity.server.ts";
import { TableRegion } from "~/components/table-region.tsx";
import { ApiTokens, type CreatedToken } from "~/components/api-tokens.tsx";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server.ts";
import { CreateTokenSchema, RevokeTokenSchema } from "~/models/api-token.ts";
import { RowAction } from "~/components/row-action.tsx";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("account.title"));

export const headers = retryAfterHeaders;

async function requireSession(request: Request) {
  const user = await requireUser(request);
  const current = (await getSession(request))!;
  return { user, sessionId: current.session.id };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const [sessions, identities, agency, reauth, tokens] = await Promise.all([
    listMySessions({ user, currentSessionId: sessionId }),
    listMyIdentities(user),
    myAgency(user),
    reauthView({ ...user, sessionId }),
    listApiTokens({ user }),
  ]);
  const me = { displayName: user.displayName, email: user.email, role: user.role };
  return { user: me, sessions, identities, agency, reauth, tokens, now: new Date().toISOString() };
}

/** Re-authentication is limited per account like signing in: a stolen session cannot guess the password. */
async function reauthLimited(user: { id: string }, formData: FormData, formId: string, schema: ZodType) {
  const limited = await checkReauthLimit(user);
  if (!limited) return null;
  const submission = parseWithZod(formData, { schema });
  return data(
    {
      formId,
      result: submission.reply({
        formErrors: [limitedMessage(limited)],
        hideFields: ["currentPassword", "newPassword"],
      }),
    },
    { status: 429, headers: retryAfter(limited) },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "end-session": {
      const submission = parseWithZod(formData, { schema: EndSessionSchema });
      if (submission.status !== "success") badRequest();
      const { wasCurrent } = await endMySession({
        user,
        sessionId: submission.value.sessionId,
        currentSessionId: sessionId,
      });
      if (wasCurrent)
        return redirectWithFlash("/", { key: "auth.signedOut" }, { "Set-Cookie": clearSessionCookie(request) });
      return redirectWithFlash("/compte", { key: "account.sessionEnded" });
    }
    case "sign-out-everywhere": {
      await endAllSessions({ viewer: toViewer(user), userId: user.id });
      return redirectWithFlash("/", { key: "account.signedOutAll" }, { "Set-Cookie": clearSessionCookie(request) });
    }
    case "change-password":
      return (
        (await reauthLimited(user, formData, "password", ChangePasswordSchema)) ??
        handleForm({
          formData,
          schema: ChangePasswordSchema,
          formId: "password",
          run: async (input) => {
            const { token, expiresAt } = await changePassword({
              user: { ...user, sessionId },
              ...input,
              meta: { userAgent: request.headers.get("User-Agent"), ip: clientIp(request) },
            });
            const headers = new Headers({ Location: "/compte" });
            headers.append("Set-Cookie", sessionCookie(request, token, expiresAt));
            headers.append("Set-Cookie", flashCookie({ key: "account.passwordChanged" }));
            return new Response(null, { status: 302, headers });
          },
        })
      );
    case "change-email":
      return (
        (await reauthLimited(user, formData, "email", ChangeEmailSchema)) ??
        handleForm({
          formData,
          schema: ChangeEmailSchema,
          formId: "email",
          run: async (input) => {
            await requestEmailChange({ user: { ...user, sessionId }, ...input });
            return redirectWithFlash("/compte", { key: "account.emailChangeSent", params: { email: input.email } });
          },
        })
      );
    case "create-token":
      // The token is in this answer only (never a redirect, never stored readable): shown once.
      return handleForm({
        formData,
        schema: CreateTokenSchema,
        formId: "token",
        run: async (input) => {
          const { token, view } = await createApiToken({ user, input });
          const answer: CreatedToken = { formId: "token", created: { name: view.name, token } };
          return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
        },
      });
    case "revoke-token": {
      const submission = parseWithZod(formData, { schema: RevokeTokenSchema });
      if (submission.status !== "success") badRequest();
      await revokeApiToken({ user, tokenId: submission.value.tokenId });
      return redirectWithFlash("/compte#jetons", { key: "api.tokens.revoked" });
    }
    default:
      badRequest("Unknown intent");
  }
}

export default function Account() {
  const { user, sessions, identities, agency, reauth, tokens, now } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p className="account-links">
        <Link to="/compte/profil">{t("profile.settings")}</Link> · <Link to="/compte/suivis">{t("nav.follows")}</Link>
      </p>
      <dl className="facts">
        <dt>{t("auth.displayName")}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
      </dl>

      <AccountIdentities identities={identities} agency={agency} />

      <h2>{t("account.sessions")}</h2>
      <p>{t("account.sessionsIntro")}</p>
      <SessionTable sessions={sessions} />
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit">{t("account.signOutAll")}</button>
      </Form>

      <ReauthWithProvider reauth={reauth} redirectTo="/compte" />

      <h2>{t("account.passwordTitle")}</h2>
      <SchemaForm
        formId="password"
        intent="change-password"
        schema={ChangePasswordSchema}
        submitLabel={t("account.passwordSubmit")}
      >
        {(f) => (
          <>
            <CurrentPasswordField
              field={f.currentPassword!}
              reauth={reauth}
              label={t("account.currentPassword")}
              hint={t("account.currentPasswordHint")}
            />
            <Field
              field={f.newPassword!}
              label={t("account.newPassword")}
              hint={t("auth.passwordHint")}
              type="password"
              autoComplete="new-password"
            />
          </>
        )}
      </SchemaForm>

      <h2>{t("account.emailTitle")}</h2>
      <SchemaForm
        formId="email"
        intent="change-email"
        schema={ChangeEmailSchema}
        submitLabel={t("account.emailSubmit")}
      >
        {(f) => (
          <>
            <Field field={f.email!} label={t("account.newEmail")} type="email" autoComplete="email" />
            <CurrentPasswordField
              field={f.currentPassword!}
              reauth={reauth}
              label={t("account.currentPassword")}
              hint={t("account.currentPasswordHint")}
            />
          </>
        )}
      </SchemaForm>

      <ApiTokens tokens={tokens} now={now} />

      <h2>{t("data.title")}</h2>
      <p>
        <Link to="/compte/donnees">{t("account.dataLink")}</Link>
      </p>
    </section>
  );
}

function SessionTable({ sessions }: { sessions: SessionView[] }) {
  const t = useT();
  const locale = useLocale();
  const device = (s: SessionView) =>
    s.browser && s.os
      ? t("account.deviceOn", { browser: s.browser, os: s.os })
      : (s.browser ?? s.os ?? t("account.unknownDevice"));
  return (
    <TableRegion label={t("account.activeSessions")}>
      <table data-testid="sessions">
        <caption className="visually-hidden">{t("account.activeSessions")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("account.device")}</th>
            <th scope="col">{t("account.sessionCreated")}</th>
            <th scope="col">{t("account.sessionLastSeen")}</th>
            <th scope="col">{t("account.sessionIp")}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-current={s.current || undefined}>
              <th scope="row">
                {device(s)}
                {s.current ? <strong> ({t("account.thisDevice")})</strong> : null}
              </th>
              <td>{formatDateTime(locale, s.createdAt)}</td>
              <td>{formatDateTime(locale, s.lastSeenAt)}</td>
              <td>{s.ip ?? "—"}</td>
              <td>
                <RowAction
                  intent="end-session"
                  row={{ sessionId: s.id }}
                  label={t("account.endSession")}
                  context={` — ${device(s)}, ${formatDateTime(locale, s.createdAt)}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
