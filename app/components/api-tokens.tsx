// Personal API tokens on /compte (docs/decisions/0026-read-api.md): the list, revoking one, creating one
// — whose secret shows once, in the answer to the form that created it.
import { Link, useActionData } from "@remix-run/react";
import { formatDateTime } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { CreateTokenSchema, TOKEN_LIFETIMES } from "~/models/api-token.ts";
import type { ApiTokenView } from "~/models/api-token.server.ts";
import { Field } from "./form.tsx";
import { SchemaForm, SelectField } from "./schema-form.tsx";
import { SecretOnce } from "./shown-once.tsx";
import { TableRegion } from "./table-region.tsx";
import { RowAction } from "./row-action.tsx";

export type CreatedToken = { formId: "token"; created: { name: string; token: string } };

const isCreated = (value: unknown): value is CreatedToken =>
  typeof value === "object" && value !== null && "created" in value;

export function ApiTokens({ tokens, now }: { tokens: ApiTokenView[]; now: string }) {
  const t = useT();
  const locale = useLocale();
  const answer = useActionData();
  const created = isCreated(answer) ? answer.created : null;
  return (
    <section aria-labelledby="jetons">
      <h2 id="jetons">{t("api.tokens.title")}</h2>
      <p>
        {t("api.tokens.intro")} <Link to="/api">{t("api.tokens.docs")}</Link>
      </p>
      {created ? (
        <SecretOnce
          title={t("api.tokens.newToken", { name: created.name })}
          note={t("api.tokens.copyNow")}
          secret={created.token}
          what={t("api.tokens.what")}
          testId="new-token"
        />
      ) : null}
      {tokens.length === 0 ? (
        <p>{t("api.tokens.none")}</p>
      ) : (
        <TableRegion label={t("api.tokens.list")}>
          <table data-testid="api-tokens">
            <caption className="visually-hidden">{t("api.tokens.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("api.tokens.name")}</th>
                <th scope="col">{t("api.tokens.created")}</th>
                <th scope="col">{t("api.tokens.expires")}</th>
                <th scope="col">{t("api.tokens.lastUsed")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDateTime(locale, token.createdAt)}</td>
                  <td>
                    {token.expiresAt <= now
                      ? t("api.tokens.expired", { date: formatDateTime(locale, token.expiresAt) })
                      : formatDateTime(locale, token.expiresAt)}
                  </td>
                  <td>{token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt) : t("api.tokens.never")}</td>
                  <td>
                    <RowAction
                      intent="revoke-token"
                      row={{ tokenId: token.id }}
                      label={t("api.tokens.revoke")}
                      context={` — ${token.name}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <SchemaForm
        formId="token"
        intent="create-token"
        schema={CreateTokenSchema}
        submitLabel={t("api.tokens.create")}
        defaultValue={{ lifetime: "90" }}
      >
        {(f) => (
          <>
            <Field field={f.name!} label={t("api.tokens.name")} hint={t("api.tokens.nameHint")} />
            <SelectField
              field={f.lifetime!}
              label={t("api.tokens.lifetime")}
              options={TOKEN_LIFETIMES.map((days) => ({ value: days, label: t("api.tokens.days", { days }) }))}
            />
          </>
        )}
      </SchemaForm>
    </section>
  );
}
