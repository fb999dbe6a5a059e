import { cookieHeader, isHttps, readCookie, type CookieRule } from "./cookies.server.ts";
import { LOCALE_COOKIE, detectLocale, isLocale, type Locale } from "./i18n.ts";
import { translator } from "./i18n.server.ts";

export function getLocale(request: Request): Locale {
  return detectLocale(readCookie(request.headers.get("Cookie"), LOCALE_COOKIE), request.headers.get("Accept-Language"));
}

export function getTranslator(request: Request) {
  return translator(getLocale(request));
}

/** The chosen language for a year; Secure over HTTPS, like the session cookie. */
export function localeCookie(request: Request, locale: Locale): string {
  return cookieHeader(LOCALE_COOKIE, locale, { httpOnly: false, secure: isHttps(request), maxAge: 365 * 24 * 3600 });
}

/** A language cookie that is not one of ours is ignored, then expired (root loader). */
export const LOCALE_COOKIE_RULE: CookieRule = { name: LOCALE_COOKIE, httpOnly: false, valid: isLocale };
