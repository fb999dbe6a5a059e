import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie, getSession, invalidateSession } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await getSession(request);
  if (current) await invalidateSession(current.session.id);
  return redirectWithFlash("/", { key: "auth.signedOut" }, { "Set-Cookie": clearSessionCookie(request) });
}
