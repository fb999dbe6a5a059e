// What server.ts hands to every loader, action and the document renderer (getLoadContext).
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce (server.ts securityHeaders). */
    cspNonce: string;
  }
}
export {};
