import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie, getSession, invalidateSession } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request); // no fields, but a body no form of ours sends is refused all the same
  const current = await getSession(request);
  if (current) await invalidateSession(current.session.id);
  return redirectWithFlash("/", { key: "auth.signedOut" }, { "Set-Cookie": clearSessionCookie(request) });
}
