import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSessionUrl } from "~/auth/oidc.server.ts";
import { clearSessionCookie, getSession, invalidateSession } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request); // no fields, but a body no form of ours sends is refused all the same
  const current = await getSession(request);
  let next = "/";
  if (current) {
    // A session opened through an OpenID provider ends there too (RP-initiated logout), which then
    // sends the browser back to the home page (docs/decisions/0023-openid-connect.md).
    const opened = await prisma.session.findUnique({
      where: { id: current.session.id },
      select: { identityProvider: true, idTokenHint: true },
    });
    if (opened) next = (await endSessionUrl(request, opened)) ?? "/";
    await invalidateSession(current.session.id);
  }
  return redirectWithFlash(next, { key: "auth.signedOut" }, { "Set-Cookie": clearSessionCookie(request) });
}
