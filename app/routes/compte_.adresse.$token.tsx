// The link e-mailed to a new address (docs/decisions/0024-invitations-terms-and-passwords.md): opened
// by the person who asked, signed in. GET shows the address and a button (a link scanner changes
// nothing); POST makes it the sign-in address and tells the old one. Another account's link is a 403,
// a used, replaced or expired one a 410.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { attempt } from "~/lib/rule-error.server.ts";
import { msg } from "~/lib/validation.ts";
import { confirmEmailChange, findEmailChange } from "~/models/account.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("account.emailChangeTitle"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const newEmail = await findEmailChange({ user, token: params.token ?? "" });
  return data({ newEmail }, { status: newEmail ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request);
  const result = await attempt(() => confirmEmailChange({ user, token: params.token ?? "" }));
  if (!result.ok) {
    const status = result.error.key === "account.emailChangeInvalidLink" ? 410 : 400;
    return data({ error: msg(result.error.key) }, { status });
  }
  return redirectWithFlash("/compte", { key: "account.emailChanged" });
}

export default function ConfirmEmailChange() {
  const { newEmail } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("account.emailChangeTitle")}</h1>
      {failed ? <p role="alert">{t("account.emailChangeFailed")}</p> : null}
      {newEmail ? (
        <Form method="post" className="stack">
          <p>{t("account.emailChangeConfirm", { email: newEmail })}</p>
          <div className="actions">
            <button type="submit">{t("account.emailChangeSubmit")}</button>
          </div>
        </Form>
      ) : (
        <p role="alert">
          {t("account.emailChangeInvalidLink")} <Link to="/compte">{t("account.title")}</Link>
        </p>
      )}
    </section>
  );
}
