// What the bench's requests send as a browser would: Chromium accepts brotli, so the app answers its pages
// with brotli (quality 4); Node's fetch alone asks for gzip and deflate only, which the app would answer
// with gzip, another cost than the one a visitor's page pays. API clients keep Node's default.

/** Chromium's Accept-Encoding, without zstd, which the app does not offer. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br";

/** fetch() with the browser's Accept-Encoding (the answer is decoded as fetch always does). */
export function browserFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("accept-encoding")) headers.set("accept-encoding", BROWSER_ACCEPT_ENCODING);
  return fetch(url, { ...init, headers });
}
