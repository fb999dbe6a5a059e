// "Confirmer avec <provider>": an account without a password proves who it is again through the
// provider of one of its identities (`prompt=login`, `max_age=0`) before a sensitive action; the
// callback marks this session re-authenticated and comes back (docs/decisions/0023-openid-connect.md).
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { limitOidc, oidcFailureAnswer } from "~/auth/oidc-http.server.ts";
import { providerSettings, startSignIn } from "~/auth/oidc.server.ts";
import { getSession, requireUser } from "~/auth/session.server.ts";
import { SignInFailure } from "~/components/sign-in-failure.tsx";
import { readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { safeRedirect } from "~/lib/validation.ts";
import { isProviderKind } from "~/models/identity.ts";
import { listMyIdentities } from "~/models/identity.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("identity.failedTitle"));

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const current = (await getSession(request))!;
  const form = await readForm(request);
  const kind = form.get("provider");
  const settings = isProviderKind(kind) ? providerSettings(kind) : null;
  // Only through a provider this account is linked to.
  if (!settings || !(await listMyIdentities(user)).some((i) => i.kind === kind)) badRequest("Unknown provider");
  const redirectTo = form.get("redirectTo");
  const back = safeRedirect(typeof redirectTo === "string" ? redirectTo : "/compte");
  try {
    await limitOidc(request, "start");
    const { url, cookie } = await startSignIn(request, settings, back, current.session.id);
    return new Response(null, { status: 302, headers: { Location: url.toString(), "Set-Cookie": cookie } });
  } catch (error) {
    return oidcFailureAnswer(request, error);
  }
}

export default function ReauthFailed() {
  const failure = useActionData<typeof action>();
  return <SignInFailure message={failure?.message ?? "identity.invalidCallback"} params={failure?.params} />;
}
