// /api: the read API for people (docs/decisions/0026-read-api.md) — a French or English introduction,
// then every endpoint and parameter listed from the generated OpenAPI document itself, so this page
// cannot drift from the contract; their descriptions in the page's language (api.op.*, api.param.*).
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableRegion } from "~/components/table-region.tsx";
import { metaTitle, type MessageKey } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { API_BASE, openApiDocument } from "~/models/api/openapi.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("api.title"));

type Parameter = { name: string; in: string; required: boolean; description?: string };
type Operation = { operationId: string; parameters: Parameter[]; responses: Record<string, unknown> };

export function loader() {
  const doc = openApiDocument() as { paths: Record<string, { get: Operation }> };
  const endpoints = Object.entries(doc.paths).map(([path, { get }]) => ({
    path: `${API_BASE}${path}`,
    id: get.operationId,
    parameters: get.parameters.filter((p) => p.in !== "header"),
    statuses: Object.keys(get.responses),
  }));
  return { endpoints, documentUrl: `${API_BASE}/openapi.json` };
}

export default function ApiPage() {
  const { endpoints, documentUrl } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow api-page">
      <h1>{t("api.title")}</h1>
      <p>{t("api.intro")}</p>
      <p>
        {t("api.introContract")}
        <a href={documentUrl}>
          <code>{documentUrl}</code>
        </a>
      </p>
      <h2>{t("api.usage")}</h2>
      <ul>
        <li>
          {t("api.usageToken")} <Link to="/compte#jetons">{t("api.tokens.title")}</Link>
        </li>
        <li>{t("api.usageCache")}</li>
        <li>{t("api.usageLimits")}</li>
        <li>
          <Link to="/donnees-ouvertes">{t("api.openDataLink")}</Link>
        </li>
      </ul>
      <h2>{t("api.endpoints")}</h2>
      {endpoints.map((e) => (
        <article key={e.id} className="api-endpoint" aria-labelledby={`op-${e.id}`}>
          <h3 id={`op-${e.id}`} className="h3">
            <code>GET {e.path}</code>
          </h3>
          <p>{t(`api.op.${e.id}` as MessageKey)}</p>
          {e.parameters.length === 0 ? (
            <p>{t("api.noParameters")}</p>
          ) : (
            <TableRegion label={`${t("api.parameters")} — ${e.path}`}>
              <table>
                <caption className="visually-hidden">
                  {t("api.parameters")} — {e.path}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("api.parameter")}</th>
                    <th scope="col">{t("api.in")}</th>
                    <th scope="col">{t("api.description")}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.parameters.map((p) => (
                    <tr key={p.name}>
                      <th scope="row">
                        <code>{p.name}</code>
                        {p.required ? ` (${t("api.required")})` : ""}
                      </th>
                      <td>{t(p.in === "path" ? "api.in.path" : "api.in.query")}</td>
                      <td>{t(`api.param.${p.name}` as MessageKey)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <p>{t("api.responsesList", { list: e.statuses.join(", ") })}</p>
        </article>
      ))}
    </section>
  );
}
