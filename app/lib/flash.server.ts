// One-shot messages shown after a redirect ("Your idea is published."), carried by a short cookie
// that the root loader reads and clears.
import type { MessageKey, Params } from "./i18n.ts";

export type Flash = { key: MessageKey; params?: Params; kind?: "success" | "error" };
const NAME = "idees_flash";

export function flashCookie(flash: Flash): string {
  const value = Buffer.from(JSON.stringify(flash)).toString("base64url");
  return `${NAME}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`;
}

export function readFlash(cookieHeader: string | null): { flash: Flash | null; clear: string | null } {
  const raw = cookieHeader
    ?.split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${NAME}=`))
    ?.slice(NAME.length + 1);
  if (!raw) return { flash: null, clear: null };
  const clear = `${NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Flash;
    return { flash: typeof parsed?.key === "string" ? parsed : null, clear };
  } catch {
    return { flash: null, clear };
  }
}

/** A redirect that shows `flash` on the next page. */
export function redirectWithFlash(to: string, flash: Flash, extraHeaders: HeadersInit = {}): Response {
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", flashCookie(flash));
  headers.set("Location", to);
  return new Response(null, { status: 302, headers });
}
