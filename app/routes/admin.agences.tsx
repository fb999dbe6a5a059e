// The agencies' reference list (docs/decisions/0028): admins see it by region and import it from CSV.
// A file with any problem stores nothing and answers 400 with each row's problem.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { canManageAgencies } from "~/auth/policy.ts";
import { requireUser, toViewer } from "~/auth/session.server.ts";
import { TableRegion } from "~/components/table-region.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle, type MessageKey } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { importAgencies, listAgencyRegions } from "~/models/agency.server.ts";
import type { RowProblem } from "~/models/agency.ts";
import { forbidden } from "~/models/errors.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("agencies.title"));

async function requireAdmin(request: Request) {
  const viewer = toViewer(await requireUser(request));
  if (!canManageAgencies(viewer)) forbidden();
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  return { regions: await listAgencyRegions(viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "import") badRequest("Unknown intent");
  const file = formData.get("fichier");
  const csv = file instanceof File ? await file.text() : typeof file === "string" ? file : "";
  if (!csv.trim()) {
    const problems: RowProblem[] = [{ line: 0, field: "file", key: "agencies.fileMissing" }];
    return data({ problems }, { status: 400 });
  }
  const outcome = await importAgencies({ user, csv });
  if (!outcome.ok) return data({ problems: outcome.problems }, { status: 400 });
  const { created, updated, matched } = outcome;
  return redirectWithFlash("/admin/agences", { key: "agencies.imported", params: { created, updated, matched } });
}

export default function Agencies() {
  const { regions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const total = regions.reduce((n, r) => n + r.agencies, 0);
  const problems: RowProblem[] = answer?.problems ?? [];
  return (
    <section className="narrow">
      <h1>{t("agencies.title")}</h1>
      <p>{t("agencies.intro")}</p>
      <p data-testid="agencies-total">{t("agencies.total", { count: total })}</p>
      {regions.length ? (
        <TableRegion label={t("agencies.caption")}>
          <table>
            <caption>{t("agencies.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agencies.region")}</th>
                <th scope="col">{t("agencies.count")}</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.region}>
                  <th scope="row">{r.region}</th>
                  <td>{r.agencies}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      <h2>{t("agencies.import")}</h2>
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="import" />
        {problems.length ? (
          <div id="agencies-problems" className="field-error" role="alert">
            <p>{t("agencies.problems")}</p>
            <ul>
              {problems.map((p) => (
                <li key={`${p.line}-${p.field}`}>
                  {t("agencies.problem", { line: p.line, field: p.field, message: t(p.key as MessageKey) })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="agencies-file">{t("agencies.file")}</label>
          <p id="agencies-file-hint" className="hint">
            {t("agencies.fileHint")}
          </p>
          <input
            id="agencies-file"
            type="file"
            name="fichier"
            accept=".csv,text/csv"
            required
            aria-describedby={problems.length ? "agencies-file-hint agencies-problems" : "agencies-file-hint"}
            aria-invalid={problems.length ? true : undefined}
          />
        </div>
        <div className="actions">
          <button type="submit">{t("agencies.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
