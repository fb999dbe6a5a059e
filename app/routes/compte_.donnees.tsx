import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { clearSessionCookie, getSession, requireUser } from "~/auth/session.server.ts";
import { CurrentPasswordField, ReauthWithProvider } from "~/components/reauth.tsx";
import { SchemaForm, SelectField } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, retryAfter, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { DeleteAccountSchema } from "~/models/account.ts";
import { reauthView } from "~/models/account.server.ts";
import { deleteMyAccount } from "~/models/privacy.server.ts";
import { checkReauthLimit, limitedMessage } from "~/models/rate-limit.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("data.title"));

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = (await getSession(request))!.session.id;
  return { reauth: await reauthView({ ...user, sessionId }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = (await getSession(request))!.session.id;
  const formData = await readForm(request);
  if (formData.get("intent") !== "delete-account") badRequest("Unknown intent");
  const limited = await checkReauthLimit(user);
  if (limited) {
    const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
    return data(
      {
        formId: "delete",
        result: submission.reply({ formErrors: [limitedMessage(limited)], hideFields: ["currentPassword"] }),
      },
      { status: 429, headers: retryAfter(limited) },
    );
  }
  return handleForm({
    formData,
    schema: DeleteAccountSchema,
    formId: "delete",
    run: async (input) => {
      await deleteMyAccount({ user: { ...user, sessionId }, ...input });
      return redirectWithFlash("/", { key: "data.deleted" }, { "Set-Cookie": clearSessionCookie(request) });
    },
  });
}

export default function MyData() {
  const t = useT();
  const { reauth } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("data.title")}</h1>
      <p>
        <Link to="/confidentialite">{t("data.privacyLink")}</Link>
      </p>

      <h2>{t("data.exportTitle")}</h2>
      <p>{t("data.exportIntro")}</p>
      {/* A document request, so that the browser saves the file it answers with. */}
      <Form method="post" action="/compte/donnees/export" reloadDocument>
        <button type="submit">{t("data.exportSubmit")}</button>
      </Form>

      <h2>{t("data.deleteTitle")}</h2>
      <p>{t("data.deleteIntro")}</p>
      <ReauthWithProvider reauth={reauth} redirectTo="/compte/donnees" />
      <SchemaForm
        formId="delete"
        intent="delete-account"
        schema={DeleteAccountSchema}
        submitLabel={t("data.deleteSubmit")}
        defaultValue={{ contributions: "keep" }}
        submitClassName="button--danger"
      >
        {(f) => (
          <>
            <SelectField
              field={f.contributions!}
              label={t("data.contributions")}
              hint={t("data.removeHint")}
              options={[
                { value: "keep", label: t("data.keep") },
                { value: "remove", label: t("data.remove") },
              ]}
            />
            <CurrentPasswordField field={f.currentPassword!} reauth={reauth} label={t("data.confirmPassword")} />
          </>
        )}
      </SchemaForm>
    </section>
  );
}
