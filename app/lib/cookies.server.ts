// The app's cookies, read and written with the `cookie` package (docs/decisions/0019-cookies-and-time.md):
// no hand-written parser. A value that does not decode (`%E0`), or that its owner does not recognise,
// is treated as absent — never an error page — and the root loader expires it (malformedCookieClears).
import { parse, serialize } from "cookie";

/** The request came over HTTPS (directly, or through a proxy with TRUST_PROXY=1): cookies get Secure. */
export const isHttps = (request: Request) => new URL(request.url).protocol === "https:";

// A value that is not valid percent-encoding decodes to undefined (the package's own default would
// hand back the raw text, which no owner of a cookie should have to tell apart).
function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Every cookie of a Cookie header, by name; a value that does not decode is null. */
export function readCookies(header: string | null | undefined): Map<string, string | null> {
  const cookies = new Map<string, string | null>();
  if (!header) return cookies;
  for (const [name, value] of Object.entries(parse(header, { decode }))) cookies.set(name, value ?? null);
  return cookies;
}

/** One cookie's value, or null when it is absent or does not decode. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  return readCookies(header).get(name) ?? null;
}

/** `secure`: the request came over HTTPS (isHttps), as for the session and language cookies. */
type CookieOptions = { httpOnly: boolean; maxAge: number; secure: boolean };

/** Set-Cookie for one of the app's cookies: whole site, SameSite=Lax. */
export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  return serialize(name, value, {
    path: "/",
    sameSite: "lax",
    httpOnly: options.httpOnly,
    secure: options.secure,
    maxAge: Math.max(0, Math.floor(options.maxAge)),
  });
}

/** Set-Cookie that removes the cookie from the browser. */
export function expiredCookieHeader(name: string, options: { httpOnly: boolean; secure: boolean }): string {
  return cookieHeader(name, "", { ...options, maxAge: 0 });
}

/** What each owner of a cookie accepts as a value (the session token, a known locale, a flash). */
export type CookieRule = { name: string; httpOnly: boolean; valid: (value: string) => boolean };

/**
 * Set-Cookie headers that expire every cookie in `rules` whose value does not decode or is not valid:
 * it was ignored on this request, and the browser stops sending it.
 */
export function malformedCookieClears(request: Request, rules: readonly CookieRule[]): string[] {
  const cookies = readCookies(request.headers.get("Cookie"));
  return rules
    .filter((rule) => {
      if (!cookies.has(rule.name)) return false;
      const value = cookies.get(rule.name);
      return value === null || value === undefined || !rule.valid(value);
    })
    .map((rule) => expiredCookieHeader(rule.name, { httpOnly: rule.httpOnly, secure: isHttps(request) }));
}
