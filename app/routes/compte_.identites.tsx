// Unlinking one of my sign-in identities (docs/decisions/0023-openid-connect.md); the list is on /compte.
// No loader: Remix runs loaders after an action, and a refusal must stay on its own 400 page.
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { isDomainError } from "~/models/errors.ts";
import { unlinkMyIdentity } from "~/models/identity.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("identity.title"));

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const identityId = form.get("identityId");
  if (form.get("intent") !== "unlink" || typeof identityId !== "string" || !/^[a-z2-7]{1,64}$/.test(identityId))
    badRequest("Unknown intent or identity");
  try {
    await unlinkMyIdentity({ user, identityId });
  } catch (error) {
    // The last way in: said on a page of its own, with the way back.
    if (isDomainError(error) && error.kind === "rule-broken") return data({ message: error.key }, { status: 400 });
    throw error;
  }
  return redirectWithFlash("/compte", { key: "identity.unlinked" });
}

export default function UnlinkRefused() {
  const refused = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("identity.title")}</h1>
      <p role="alert">{t(refused?.message ?? "identity.intro")}</p>
      <p>
        <Link to="/compte">{t("account.title")}</Link>
      </p>
    </section>
  );
}
