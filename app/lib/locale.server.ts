import { readCookie } from "~/auth/session.server.ts";
import { LOCALE_COOKIE, detectLocale, type Locale } from "./i18n.ts";
import { translator } from "./i18n.server.ts";

export function getLocale(request: Request): Locale {
  return detectLocale(readCookie(request.headers.get("Cookie"), LOCALE_COOKIE), request.headers.get("Accept-Language"));
}

export function getTranslator(request: Request) {
  return translator(getLocale(request));
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=${365 * 24 * 3600}`;
}
