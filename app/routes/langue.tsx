import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/session.server.ts";
import { isLocale } from "~/lib/i18n.ts";
import { rememberLocale } from "~/models/email.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { localeCookie } from "~/lib/locale.server.ts";
import { safeRedirect } from "~/lib/validation.ts";
import { readForm } from "~/lib/form.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const locale = formData.get("locale");
  if (!isLocale(locale)) badRequest("Unknown locale");
  const back = safeRedirect(formData.get("redirectTo"));
  // Signed in: e-mails follow the language chosen here.
  const user = await getUser(request);
  if (user) await rememberLocale(user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": localeCookie(request, locale) } });
}
