import { Form } from "@remix-run/react";
import { formatDateTime } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { IdentityView } from "~/models/identity.server.ts";

/** /compte: the external accounts (OpenID identities) the person signs in with, each of which can be unlinked. */
export function AccountIdentities({ identities, agency }: { identities: IdentityView[]; agency: string | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="identities-title" data-testid="account-identities">
      <h2 id="identities-title">{t("identity.title")}</h2>
      <p>{t("identity.intro")}</p>
      {agency ? (
        <p>
          {t("identity.agency")} <strong>{agency}</strong>
        </p>
      ) : null}
      {identities.length === 0 ? (
        <p>{t("identity.none")}</p>
      ) : (
        <ul className="stack">
          {identities.map((identity) => (
            <li key={identity.id}>
              <strong>{t(identity.kind === "staff" ? "identity.staff" : "identity.public")}</strong>
              {identity.email ? ` — ${identity.email}` : ""} (
              {t("identity.linkedOn", { date: formatDateTime(locale, identity.linkedAt) })})
              <Form method="post" action="/compte/identites" className="inline">
                <input type="hidden" name="intent" value="unlink" />
                <input type="hidden" name="identityId" value={identity.id} />
                <button type="submit">{t("identity.unlink")}</button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
