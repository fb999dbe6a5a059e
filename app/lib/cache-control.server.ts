// Which pages a reverse proxy may keep (docs/decisions/0032-weight-and-statements-per-request.md): the
// space list and the idea page, for a visitor without a session, when the answer sets no cookie — for
// a few seconds (s-maxage), served stale while it refreshes. A signed-in page is never stored.
import type { EntryContext } from "@remix-run/node";
import { readCookie } from "./cookies.server.ts";

const SHARED_PAGES = new Set(["routes/espaces.$slug", "routes/idees.$id"]);
const SESSION_COOKIES = ["__Host-idees_session", "idees_session"];

export const SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";
/** The language comes from the cookie or Accept-Language; the body's encoding from Accept-Encoding. */
export const SHARED_VARY = "Cookie, Accept-Language, Accept-Encoding";

export function setDocumentCaching(
  request: Request,
  status: number,
  headers: Headers,
  context: Pick<EntryContext, "staticHandlerContext">,
): void {
  const cookies = request.headers.get("Cookie");
  const hasSession = SESSION_COOKIES.some((name) => readCookie(cookies, name) !== null);
  const root = context.staticHandlerContext.loaderData["root"] as { user?: unknown } | undefined;
  if (hasSession || root?.user) {
    headers.set("Cache-Control", "private, no-store");
    return;
  }
  const route = context.staticHandlerContext.matches.at(-1)?.route.id ?? "";
  if (request.method === "GET" && status === 200 && SHARED_PAGES.has(route) && !headers.has("Set-Cookie")) {
    headers.set("Cache-Control", SHARED_CACHE_CONTROL);
    headers.set("Vary", SHARED_VARY);
  }
}
