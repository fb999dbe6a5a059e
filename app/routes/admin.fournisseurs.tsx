// Suppliers (docs/decisions/0024-invitations-terms-and-passwords.md): managers and admins invite them,
// see every invitation's state and revoke it; admins publish a new version of the supplier terms;
// who accepted which version is exported as CSV.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { canInviteSuppliers, canPublishSupplierTerms } from "~/auth/policy.ts";
import { requireUser, toViewer } from "~/auth/session.server.ts";
import { Field, FormErrors } from "~/components/form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { formatDateTime, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { forbidden } from "~/models/errors.ts";
import { InvitationIdSchema, InviteSupplierSchema, SupplierTermsSchema } from "~/models/credentials.ts";
import { inviteSupplier, listInvitations, revokeInvitation } from "~/models/invitation.server.ts";
import { currentSupplierTerms, publishSupplierTerms } from "~/models/supplier-terms.server.ts";
import { TableRegion } from "~/components/table-region.tsx";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("invite.pageTitle"));

async function requireInviter(request: Request) {
  const viewer = toViewer(await requireUser(request));
  if (!canInviteSuppliers(viewer)) forbidden();
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireInviter(request);
  const [invitations, terms] = await Promise.all([listInvitations(viewer), currentSupplierTerms()]);
  return { invitations, terms, canPublish: canPublishSupplierTerms(viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireInviter(request);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "invite": {
      const submission = parseWithZod(formData, { schema: InviteSupplierSchema });
      if (submission.status !== "success") return data({ form: "invite", result: submission.reply() }, { status: 400 });
      const result = await attempt(() => inviteSupplier({ viewer, ...submission.value }));
      if (!result.ok)
        return data({ form: "invite", result: submission.reply(ruleReply(result.error)) }, { status: 400 });
      return redirectWithFlash("/admin/fournisseurs", {
        key: "invite.sent",
        params: { email: submission.value.email },
      });
    }
    case "revoke": {
      const submission = parseWithZod(formData, { schema: InvitationIdSchema });
      if (submission.status !== "success") badRequest("Invalid invitation");
      await revokeInvitation({ viewer, invitationId: submission.value.invitationId });
      return redirectWithFlash("/admin/fournisseurs", { key: "invite.revoked" });
    }
    case "publish-terms": {
      const submission = parseWithZod(formData, { schema: SupplierTermsSchema });
      if (submission.status !== "success") return data({ form: "terms", result: submission.reply() }, { status: 400 });
      const { version } = await publishSupplierTerms({ viewer, ...submission.value });
      return redirectWithFlash("/admin/fournisseurs", { key: "terms.published", params: { version } });
    }
    default:
      badRequest("Unknown intent");
  }
}

export default function AdminSuppliers() {
  const { invitations, terms, canPublish } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("invite.pageTitle")}</h1>
      <h2>{t("invite.formTitle")}</h2>
      <InviteForm />
      <h2>{t("invite.listTitle")}</h2>
      <TableRegion label={t("invite.listTitle")}>
        <table data-testid="invitations">
          <caption className="visually-hidden">{t("invite.listTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("auth.email")}</th>
              <th scope="col">{t("invite.company")}</th>
              <th scope="col">{t("invite.state")}</th>
              <th scope="col">{t("invite.accessEndsAt")}</th>
              <th scope="col">{t("invite.invitedBy")}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {invitations.map((inv) => (
              <tr key={inv.id} data-state={inv.state}>
                <th scope="row">{inv.email}</th>
                <td>{inv.company}</td>
                <td>{t(`invite.state.${inv.state}`)}</td>
                <td>{inv.accessEndsAt ? formatDateTime(locale, inv.accessEndsAt) : "—"}</td>
                <td>
                  {inv.invitedBy ?? "—"}, {formatDateTime(locale, inv.createdAt)}
                </td>
                <td>
                  {inv.state === "pending" || inv.state === "active" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <button type="submit" className="button--secondary">
                        {t("invite.revoke")}
                        <span className="visually-hidden"> — {inv.email}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t("terms.title")}</h2>
      <p>
        {terms
          ? t("terms.versionOf", { version: terms.version, date: formatDateTime(locale, terms.publishedAt) })
          : t("terms.none")}{" "}
        <a href="/admin/fournisseurs/acceptations.csv">{t("terms.exportCsv")}</a>
      </p>
      {canPublish ? <TermsForm defaults={terms ? { bodyFr: terms.bodyFr, bodyEn: terms.bodyEn } : undefined} /> : null}
    </section>
  );
}

function useFormResult(name: string) {
  const reply = useActionData<typeof action>();
  return reply && "form" in reply && reply.form === name ? reply.result : undefined;
}

function InviteForm() {
  const t = useT();
  const [form, fields] = useSchemaForm(InviteSupplierSchema, { id: "invite", lastResult: useFormResult("invite") });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="invite" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field field={fields.email} label={t("auth.email")} type="email" />
      <Field field={fields.company} label={t("invite.company")} />
      <Field
        field={fields.accessEndsAt}
        label={t("invite.accessEndsAt")}
        hint={t("invite.accessEndsAtHint")}
        type="date"
      />
      <div className="actions">
        <button type="submit">{t("invite.submit")}</button>
      </div>
    </Form>
  );
}

function TermsForm({ defaults }: { defaults?: { bodyFr: string; bodyEn: string } }) {
  const t = useT();
  const [form, fields] = useSchemaForm(SupplierTermsSchema, {
    id: "terms",
    lastResult: useFormResult("terms"),
    defaultValue: defaults,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="publish-terms" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field field={fields.bodyFr} label={t("terms.bodyFr")} multiline lang="fr" />
      <Field field={fields.bodyEn} label={t("terms.bodyEn")} multiline lang="en" />
      <div className="actions">
        <button type="submit">{t("terms.publish")}</button>
      </div>
    </Form>
  );
}
