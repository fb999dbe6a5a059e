// The one Origin rule (CSRF / cross-site WebSocket hijacking defence, docs/decisions/0004-sessions.md):
// a request that changes state — a form POST, or opening a realtime connection — must come from the
// app's own origin or one listed in TRUSTED_ORIGINS. server.ts applies it to every non-GET request,
// app/realtime/server.ts to every socket.io handshake.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

export function isAllowedOrigin(
  origin: string | undefined | null,
  ownOrigin: string,
  trusted: readonly string[],
): boolean {
  return !!origin && (origin === ownOrigin || trusted.includes(origin));
}

/**
 * The origin a raw Node request was addressed to, computed as Express does for `req.protocol` and the
 * Host header: HTTPS when the socket is TLS, or — only behind a trusted proxy — when X-Forwarded-Proto says so.
 */
export function ownOriginOf(request: IncomingMessage, trustProxy: boolean): string {
  let protocol = (request.socket as TLSSocket).encrypted ? "https" : "http";
  if (protocol === "http" && trustProxy) {
    const forwarded = request.headers["x-forwarded-proto"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) protocol = first;
  }
  return `${protocol}://${request.headers.host ?? ""}`;
}
