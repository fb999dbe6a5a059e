// Starts a sign-in through an OpenID provider: the sign-in page's button posts here, and the answer
// sends the browser to the provider (docs/decisions/0023-openid-connect.md).
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
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

// A 429 keeps its Retry-After on the page.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const settings = isProviderKind(params.provider) ? providerSettings(params.provider) : null;
  if (!settings) notFound();
  const redirectTo = form.get("redirectTo");
  const back = safeRedirect(typeof redirectTo === "string" ? redirectTo : "/");
  try {
    await limitOidc(request, "start");
    const { url, cookie } = await startSignIn(request, settings, back);
    return new Response(null, { status: 302, headers: { Location: url.toString(), "Set-Cookie": cookie } });
  } catch (error) {
    return oidcFailureAnswer(request, error);
  }
}

export default function StartFailed() {
  const failure = useActionData<typeof action>();
  // Without a post (the address typed in), there is nothing to start: the way back to the sign-in page.
  return <SignInFailure message={failure?.message ?? "identity.invalidCallback"} params={failure?.params} />;
}
