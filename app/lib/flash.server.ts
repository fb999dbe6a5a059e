// One-shot messages shown after a redirect ("Your idea is published."), carried by a short cookie
// that the root loader reads and clears.
import { cookieHeader, expiredCookieHeader, readCookie, type CookieRule } from "./cookies.server.ts";
import type { MessageKey, Params } from "./i18n.ts";

export type Flash = { key: MessageKey; params?: Params; kind?: "success" | "error" };
const NAME = "idees_flash";

// Not Secure: it lives a minute, says "Your idea is published." and nothing else.
export function flashCookie(flash: Flash): string {
  const value = Buffer.from(JSON.stringify(flash)).toString("base64url");
  return cookieHeader(NAME, value, { httpOnly: true, secure: false, maxAge: 60 });
}

function decodeFlash(raw: string): Flash | null {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Flash | null;
    return typeof parsed?.key === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** The flash of this request, if any, and the Set-Cookie that clears it once shown. */
export function readFlash(cookieHeader: string | null): { flash: Flash | null; clear: string | null } {
  const raw = readCookie(cookieHeader, NAME);
  if (raw === null) return { flash: null, clear: null };
  return { flash: decodeFlash(raw), clear: expiredCookieHeader(NAME, { httpOnly: true, secure: false }) };
}

/**
 * A flash cookie that does not even decode is ignored, then expired (root loader); one that decodes
 * is cleared by readFlash once read, whatever it holds.
 */
export const FLASH_COOKIE_RULE: CookieRule = { name: NAME, httpOnly: true, valid: () => true };

/** A redirect that shows `flash` on the next page. */
export function redirectWithFlash(to: string, flash: Flash, extraHeaders: HeadersInit = {}): Response {
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", flashCookie(flash));
  headers.set("Location", to);
  return new Response(null, { status: 302, headers });
}
