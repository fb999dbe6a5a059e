import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { setDocumentCaching } from "~/lib/cache-control.server.ts";
import { NonceContext } from "~/lib/csp.ts";
import { env } from "~/lib/env.server.ts";
import { DEFAULT_LOCALE, isLocale } from "~/lib/i18n.ts";
import { inlineMessagesScript } from "~/lib/i18n-inline.server.ts";
import "~/load-context.ts";
// Both catalogues, for translator() during rendering (the browser loads only its own language).
import "~/lib/i18n.server.ts";

// What server.ts takes from the server build (as `build.entry.module`), so that it runs the SAME copy
// of the app's modules as the routes: the environment, parsed once, and the process's services
// (docs/decisions/0018-module-graph-and-jobs.md).
export { env } from "~/lib/env.server.ts";
export { withDomainErrors } from "~/lib/http.server.ts";
export { startServices } from "~/services.server.ts";
export { newRequestScope, runInRequestScope } from "~/lib/request-scope.server.ts";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Every inline script of the document carries the response's CSP nonce: RemixServer's data stream,
  // Scripts and ScrollRestoration (through NonceContext), React's own (the `nonce` option).
  const nonce = loadContext.cspNonce;
  // The pages have no deferred data, so the whole document is rendered, then sent in one write:
  // streaming it in many small chunks cost more (one syscall each) than it saved.
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      // No "close" event once finished: React's pipe() hears it as "the destination stream closed early"
      // and aborts the finished render, building two Errors (stack traces) per request for nothing.
      emitClose: false,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(abortTimer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        setDocumentCaching(request, responseStatusCode, responseHeaders, remixContext);
        // The error page of an unavailable database says when to try again (docs/decisions/0022-failure-model.md).
        if (responseStatusCode === 503 && !responseHeaders.has("Retry-After"))
          responseHeaders.set("Retry-After", String(env().UNAVAILABLE_RETRY_AFTER_S));
        resolve(
          new Response(withInlineMessages(chunks, remixContext, nonce), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    // The backstop for a render that never ends, cleared as soon as it ends (React calls back on a later
    // turn): a timer left to run its 5 s kept each finished render reachable, thousands at a time under
    // load (docs/decisions/0045-list-page-render-cost.md).
    const abortTimer = setTimeout(abort, ABORT_DELAY).unref();
  });
}

const BODY_END = Buffer.from("</body>");

/** The document with the messages it was rendered with, before `</body>` (app/lib/i18n-inline.server.ts). */
function withInlineMessages(chunks: Buffer[], remixContext: EntryContext, nonce: string): Buffer<ArrayBuffer> {
  const html = Buffer.concat(chunks);
  const root = remixContext.staticHandlerContext.loaderData.root as { locale?: unknown } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  const at = html.lastIndexOf(BODY_END);
  if (at === -1) return html;
  return Buffer.concat([html.subarray(0, at), Buffer.from(inlineMessagesScript(locale, nonce)), html.subarray(at)]);
}

/** Expected outcomes (404s, 403s, bad requests, clients that went away) are not server errors. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && (error.status < 500 || error.status === 503)) return;
  console.error(error);
};
