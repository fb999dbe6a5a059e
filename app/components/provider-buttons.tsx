import { Form } from "@remix-run/react";
import type { ProviderKind } from "~/models/identity.ts";
import { useT } from "~/lib/i18n-react.ts";

/**
 * One button per configured OpenID provider (none when none is configured). A plain form post: the
 * answer is a redirect to the provider, which the browser itself must follow.
 */
export function ProviderButtons({ providers, redirectTo }: { providers: readonly ProviderKind[]; redirectTo: string }) {
  const t = useT();
  if (providers.length === 0) return null;
  return (
    <div className="stack provider-buttons">
      {providers.map((kind) => (
        <Form key={kind} method="post" action={`/connexion/oidc/${kind}`} reloadDocument>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className={`provider-button provider-${kind}`}>
            {t(kind === "staff" ? "identity.staffButton" : "identity.publicButton")}
          </button>
        </Form>
      ))}
      <p className="provider-or">{t("identity.or")}</p>
    </div>
  );
}
