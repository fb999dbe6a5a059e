// Starts a sign-in through an OpenID provider: the sign-in page's button posts here, and the answer
// sends the browser to the provider (docs/decisions/0023-openid-connect.md).
import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { limitOidc, oidcFailureAnswer } from "~/auth/oidc-http.server.ts";
import { providerSettings, startSignIn } from "~/auth/oidc.server.ts";
import { SignInFailure } from "~/components/sign-in-failure.tsx";
import { readForm } from "~/lib/form.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { safeRedirect } from "~/lib/validation.ts";
import { isProviderKind } from "~/models/identity.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("identity.failedTitle"));

export async function loader() {
  return redirect("/connexion");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const settings = isProviderKind(params.provider) ? providerSettings(params.provider) : null;
  if (!settings) notFound();
  await limitOidc(request, "start");
  const redirectTo = form.get("redirectTo");
  const back = safeRedirect(typeof redirectTo === "string" ? redirectTo : "/");
  try {
    const { url, cookie } = await startSignIn(request, settings, back);
    return new Response(null, { status: 302, headers: { Location: url.toString(), "Set-Cookie": cookie } });
  } catch (error) {
    return oidcFailureAnswer(request, error);
  }
}

export default function StartFailed() {
  const failure = useActionData<typeof action>();
  return <SignInFailure message={failure?.message ?? "identity.unavailable"} />;
}
