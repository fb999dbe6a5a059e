// Content-Security-Policy: one policy for every page, scripts only from our origin or carrying the
// per-response nonce (Remix's inline hydration scripts get it through NonceContext), no inline
// script or event handler, no plugin, no framing. Pure: server.ts builds the header from it.
import { createContext, useContext } from "react";

/**
 * `formOrigins`: other origins a form of ours may end up at — the OpenID providers, whose sign-in and
 * sign-out are redirects answering our own forms (browsers apply form-action to those redirects too).
 */
export type CspOptions = { nonce: string; dev: boolean; formOrigins?: readonly string[] };

export function contentSecurityPolicy({ nonce, dev, formOrigins = [] }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`],
    "script-src-attr": ["'none'"],
    // Development only: Vite injects the CSS it serves as inline <style> elements.
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // Markdown allows no images, so no outside image (no tracking pixel) is ever needed.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    // socket.io connects to our own origin ('self' covers ws/wss there); Vite's HMR socket in development.
    "connect-src": dev ? ["'self'", "ws:", "wss:"] : ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formOrigins],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/**
 * Stored files (attachments, docs/decisions/0030-attachments-and-editor.md; avatars, 0039) are served
 * under these paths with a policy of their own: no script, no style, no request, a sandbox — so that even
 * a file a browser chose to render could run nothing and reach nothing.
 */
export const FILES_PATH_PREFIXES = ["/pieces-jointes/", "/avatars/"] as const;
export const isStoredFilePath = (path: string) => FILES_PATH_PREFIXES.some((prefix) => path.startsWith(prefix));
export const FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

/** The nonce of the response being rendered (server only; the browser hides it once the page loads). */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
