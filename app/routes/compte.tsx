import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { clearSessionCookie, invalidateAllSessions, requireUser } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { useT } from "~/lib/i18n-react.ts";

export const meta: MetaFunction = () => [{ title: "Mon compte — Idées" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user: { displayName: user.displayName, email: user.email, role: user.role } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "sign-out-everywhere") badRequest("Unknown intent");
  await invalidateAllSessions(user.id);
  return redirectWithFlash("/", { key: "account.signedOutAll" }, { "Set-Cookie": clearSessionCookie(request) });
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <dt>{t("auth.displayName")}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
      </dl>
      <h2>{t("account.sessions")}</h2>
      <p>{t("account.sessionsIntro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit">{t("account.signOutAll")}</button>
      </Form>
    </section>
  );
}
