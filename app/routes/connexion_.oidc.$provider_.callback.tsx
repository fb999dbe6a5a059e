// Where the OpenID provider sends the browser back (the redirect URI registered with it):
// APP_URL/connexion/oidc/staff/callback or …/public/callback (docs/decisions/0023-openid-connect.md).
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { limitOidc, oidcFailureAnswer, reauthenticatedAnswer, signedInAnswer } from "~/auth/oidc-http.server.ts";
import { completeSignIn, identityPolicy, providerSettings } from "~/auth/oidc.server.ts";
import { SignInFailure } from "~/components/sign-in-failure.tsx";
import { notFound } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { isProviderKind } from "~/models/identity.ts";
import { getSession } from "~/auth/session.server.ts";
import { forbidden } from "~/models/errors.ts";
import { recordReauthentication, signInWithIdentity } from "~/models/identity.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("identity.failedTitle"));

// A 429 keeps its Retry-After on the page.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.provider;
  const settings = isProviderKind(kind) ? providerSettings(kind) : null;
  if (!settings || !isProviderKind(kind)) notFound();
  try {
    await limitOidc(request, "callback");
    const { claims, idToken, redirectTo, reauth } = await completeSignIn(request, settings);
    if (reauth) {
      // A re-authentication: only in the signed-in session that asked for it, for its own identity.
      const current = await getSession(request);
      if (current?.session.id !== reauth.sessionId) forbidden("identity.reauthOtherIdentity");
      await recordReauthentication({ user: current.user, kind, claims, ...reauth });
      return reauthenticatedAnswer(request, redirectTo);
    }
    const user = await signInWithIdentity({ kind, claims, policy: identityPolicy() });
    return await signedInAnswer(request, { kind, user, idToken, redirectTo });
  } catch (error) {
    return oidcFailureAnswer(request, error);
  }
}

export default function CallbackFailed() {
  const { message, params } = useLoaderData<typeof loader>();
  return <SignInFailure message={message} params={params} />;
}
