import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/lib/i18n.ts";
import { badRequest } from "~/lib/http.server.ts";
import { localeCookie } from "~/lib/locale.server.ts";
import { safeRedirect } from "~/lib/validation.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const locale = formData.get("locale");
  if (!isLocale(locale)) badRequest("Unknown locale");
  return redirect(safeRedirect(formData.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
}
