// The supplier terms in force (docs/decisions/0024-invitations-terms-and-passwords.md): everyone may
// read them; a supplier accepts them here, before their first idea and after each new version.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getUser, requireUser, toViewer } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { formatDateTime, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { attempt } from "~/lib/rule-error.server.ts";
import { AcceptTermsSchema } from "~/models/credentials.ts";
import { acceptSupplierTerms, currentSupplierTerms, supplierTermsToAccept } from "~/models/supplier-terms.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("terms.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = toViewer(await getUser(request));
  const [terms, toAccept] = await Promise.all([currentSupplierTerms(), supplierTermsToAccept(viewer)]);
  return {
    terms: terms && { ...terms, publishedAt: terms.publishedAt.toISOString() },
    toAccept,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = toViewer(await requireUser(request));
  const submission = parseWithZod(await readForm(request), { schema: AcceptTermsSchema });
  if (submission.status !== "success") badRequest("Invalid version");
  const result = await attempt(() => acceptSupplierTerms({ viewer, version: submission.value.version }));
  // A new version was published since the page was read: the page shows it, to accept again.
  if (!result.ok) return data({ outdated: true }, { status: 409 });
  return redirectWithFlash("/espaces/innovaction", {
    key: "terms.accepted",
    params: { version: submission.value.version },
  });
}

export default function SupplierTerms() {
  const { terms, toAccept } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  if (!terms)
    return (
      <section className="narrow">
        <h1>{t("terms.title")}</h1>
        <p>{t("terms.none")}</p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t("terms.title")}</h1>
      <p>{t("terms.versionOf", { version: terms.version, date: formatDateTime(locale, terms.publishedAt) })}</p>
      <div className="terms-text" data-testid="terms-text" style={{ whiteSpace: "pre-wrap" }}>
        {locale === "fr" ? terms.bodyFr : terms.bodyEn}
      </div>
      {toAccept !== null ? (
        <Form method="post">
          <input type="hidden" name="version" value={toAccept} />
          <div className="actions">
            <button type="submit">{t("terms.accept", { version: toAccept })}</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
