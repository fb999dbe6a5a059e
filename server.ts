// One HTTP server: Express hosts the Remix request handler AND socket.io, on the same port.
// Production: `tsx server.ts` after `npm run build` and `npm run db:migrate`, with DATABASE_URL set.
// `npm start` (scripts/start.ts) does all of that for you, with an embedded database if needed.
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { contentSecurityPolicy, FILE_CONTENT_SECURITY_POLICY, isStoredFilePath } from "./app/lib/csp.ts";
import { isAllowedOrigin } from "./app/lib/origin.server.ts";
import { compressAnswers } from "./app/lib/compression.server.ts";
import { builtFiles } from "./app/lib/static-files.server.ts";
import { isUnavailableError } from "./app/lib/unavailable.ts";

const root = path.dirname(fileURLToPath(import.meta.url));

export type AppServer = {
  httpServer: HttpServer;
  url: string;
  /** The app's realtime server, jobs and publish(), from the build (app/services.server.ts). */
  services: import("./app/services.server.ts").Services;
  /**
   * Graceful shutdown (docs/decisions/0022-failure-model.md): /readyz answers 503 at once, no new
   * connection is accepted, the requests in flight finish (SHUTDOWN_TIMEOUT_MS at most), the realtime
   * sockets are closed with a transport close (browsers reconnect elsewhere), then jobs and pools stop.
   */
  close: () => Promise<void>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ONE_CLICK_UNSUBSCRIBE = /^\/desabonnement\/[0-9a-f]{64}$/;

/**
 * CORS preflight of the read API (docs/decisions/0036-leftovers-of-issues-15-and-17.md): a browser on
 * another site asks before an anonymous GET that carries a header outside the CORS safelist (e.g.
 * If-None-Match). The answer allows GET and HEAD with the headers an anonymous reader sends; it does not
 * list Authorization, so a personal token is never sent from another site's page (token answers carry no
 * Access-Control-Allow-Origin either, ADR 0026).
 */
export const API_PREFLIGHT_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
  "Access-Control-Max-Age": "86400",
} as const;

export function apiPreflight(req: Request, res: Response, next: NextFunction) {
  if (req.method !== "OPTIONS" || !(req.path === "/api/v1" || req.path.startsWith("/api/v1/"))) return next();
  res.set(API_PREFLIGHT_HEADERS).status(204).end();
}

/** CSRF defence (Lucia guide): every state-changing request must come from our own origin. */
export function originCheck(trusted: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // RFC 8058 one-click unsubscribe: mail providers POST from their servers, without Origin. The
    // secret token in the path is the authority, and all it can do is stop its owner's e-mails.
    if (ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
    if (isAllowedOrigin(req.get("origin"), `${req.protocol}://${req.get("host")}`, trusted)) return next();
    res
      .status(403)
      .type("text/plain")
      .send("Forbidden: cross-origin request refused (Origin header missing or foreign).");
  };
}

/**
 * The largest request body the app reads. Forms are small (an idea's 20,000-character body is at
 * most ~180 KB once percent-encoded); anything larger is refused before a route buffers it.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** 413 for a declared body over the limit; 411 for a body without a length (chunked uploads). */
export function bodyLimit(maxBytes = MAX_BODY_BYTES) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const declared = req.get("content-length");
    if (declared === undefined) {
      if (req.get("transfer-encoding")) {
        res.status(411).type("text/plain").send("Length Required: send the request body with a Content-Length.");
        return;
      }
      return next();
    }
    if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) {
      res.status(413).type("text/plain").send(`Payload Too Large: requests are limited to ${maxBytes} bytes.`);
      return;
    }
    next();
  };
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** Every state-changing request of the app is a form post; other bodies (JSON, text…) get a 415. */
export function formBodiesOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || FORM_TYPES.test(req.get("content-type") ?? "")) return next();
  res
    .status(415)
    .type("text/plain")
    .send("Unsupported Media Type: send the form as application/x-www-form-urlencoded or multipart/form-data.");
}

/**
 * Security headers on every response. The CSP nonce is fresh for each response (128 random bits) and
 * reaches Remix's inline scripts through the load context (app/entry.server.tsx).
 */
export function securityHeaders(options: { dev: boolean; production: boolean; formOrigins?: readonly string[] }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      isStoredFilePath(req.path)
        ? FILE_CONTENT_SECURITY_POLICY
        : contentSecurityPolicy({ nonce, dev: options.dev, formOrigins: options.formOrigins }),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY"); // for browsers without CSP frame-ancestors
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    // Browsers ignore HSTS over plain HTTP, so sending it in production is safe behind a TLS proxy.
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/**
 * Health endpoints for a load balancer or an orchestrator (docs/decisions/0022-failure-model.md):
 * /healthz — the process is alive and its event loop turns (a liveness probe: restart it if not);
 * /readyz — it can serve: the database answers and the realtime event bus is connected (a readiness
 * probe: send it traffic only while 200). Neither touches a session or writes a log line.
 */
export function healthEndpoints(options: {
  readiness: () => Promise<{ ready: boolean; database: boolean; events: boolean }>;
  draining: () => boolean;
  retryAfterSeconds: number;
}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== "/healthz" && req.path !== "/readyz") return next();
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.setHeader("Cache-Control", "no-store");
    if (req.path === "/healthz") {
      res.status(200).json({ status: "alive" });
      return;
    }
    if (options.draining()) {
      res.status(503).setHeader("Retry-After", String(options.retryAfterSeconds));
      res.json({ status: "draining", database: "unknown", events: "unknown" });
      return;
    }
    const state = await options.readiness();
    const word = (up: boolean) => (up ? "up" : "down");
    if (!state.ready) res.status(503).setHeader("Retry-After", String(options.retryAfterSeconds));
    res.json({
      status: state.ready ? "ready" : "unavailable",
      database: word(state.database),
      events: word(state.events),
    });
  };
}

/**
 * The request deadline: a request not answered after `timeoutMs` gets a 503 with Retry-After (a
 * problem document under /api/), and the late answer is dropped. A backstop: the database timeouts
 * (app/lib/db.server.ts) answer first in the usual failures.
 */
export function requestDeadline(timeoutMs: number, retryAfterSeconds: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.locals.timedOut = true;
      res.status(503).setHeader("Retry-After", String(retryAfterSeconds));
      res.setHeader("Connection", "close");
      if (req.path.startsWith("/api/"))
        res
          .type("application/problem+json")
          .send(JSON.stringify({ type: "/problems/unavailable", title: "Service Unavailable", status: 503 }));
      else res.type("text/plain").send("Service Unavailable: the request took too long. Try again in a moment.");
    }, timeoutMs);
    timer.unref();
    res.once("close", () => clearTimeout(timer));
    next();
  };
}

/** After a deadline answered a request, the handler's late attempt to answer is not an error. */
function lateAnswers(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.locals.timedOut) return;
  next(error);
}

/** What server.ts takes from the app's server build (app/entry.server.tsx). */
type AppEntry = {
  env: typeof import("./app/lib/env.server.ts").env;
  startServices: typeof import("./app/services.server.ts").startServices;
  withDomainErrors: typeof import("./app/lib/http.server.ts").withDomainErrors;
  newRequestScope: typeof import("./app/lib/request-scope.server.ts").newRequestScope;
  runInRequestScope: typeof import("./app/lib/request-scope.server.ts").runInRequestScope;
};

/** What one finished request cost (tests/statements.test.ts counts the statements per request type). */
export type FinishedRequest = { method: string; url: string; status: number; statements: number };
const entryOf = (build: ServerBuild) => build.entry.module as unknown as AppEntry;

export async function startAppServer(
  options: {
    port?: number;
    host?: string;
    dev?: boolean;
    smtpUrl?: string;
    appUrl?: string;
    onRequestFinished?: (request: FinishedRequest) => void;
  } = {},
): Promise<AppServer> {
  const dev = options.dev ?? process.env.NODE_ENV === "development";

  // The app's modules are loaded once, through the server build (Vite's in development), and
  // server.ts takes what it needs from the build's entry: one copy of each module, so one database
  // pool, one realtime event sink and one e-mail configuration (docs/decisions/0018-module-graph-and-jobs.md).
  // Imported lazily, so DATABASE_URL can be set (e.g. by scripts/start.ts) before env is parsed.
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let entry: AppEntry;
  let closeVite = async () => {};
  let serveFiles: ((app: express.Express) => void) | undefined;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ root, server: { middlewareMode: true } });
    const load = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    // Reloaded on every request, so that edits show; unchanged modules keep their single instance.
    build = () => load().then((fresh) => entryOf(fresh).withDomainErrors(fresh));
    entry = entryOf(await load());
    closeVite = () => viteServer.close();
    serveFiles = (app) => app.use(viteServer.middlewares);
  } else {
    const buildDir = path.join(root, "build");
    const built = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
    entry = entryOf(built);
    build = entry.withDomainErrors(built);
    // The files the build wrote, listed once: a page request costs no `stat`, an asset is sent
    // pre-compressed (docs/decisions/0032-weight-and-statements-per-request.md).
    serveFiles = (app) => app.use(builtFiles(path.join(buildDir, "client")));
  }
  const config = entry.env();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);
  // The OpenID providers' origins: signing in and out redirects our forms there (docs/decisions/0023).
  const formOrigins = [config.OIDC_STAFF_ISSUER, config.OIDC_PUBLIC_ISSUER].flatMap((issuer) =>
    issuer ? [new URL(issuer).origin] : [],
  );
  app.use(securityHeaders({ dev, production: config.NODE_ENV === "production", formOrigins }));
  let draining = false;
  // Set once the services run (they start right after the server listens); until then: not ready.
  const running: { services?: AppServer["services"] } = {};
  app.use(
    healthEndpoints({
      readiness: async () =>
        running.services ? running.services.readiness() : { ready: false, database: false, events: false },
      draining: () => draining,
      retryAfterSeconds: config.UNAVAILABLE_RETRY_AFTER_S,
    }),
  );
  // Requests in flight, awaited by a graceful shutdown.
  let inFlight = 0;
  let idle: (() => void) | null = null;
  app.use((_req, res, next) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    next();
  });
  // One scope per request (app/lib/request-scope.server.ts): the session read once for all its loaders,
  // and its database statements counted.
  app.use((req, res, next) => {
    const scope = entry.newRequestScope(req.method);
    const report = options.onRequestFinished;
    if (report)
      res.once("finish", () =>
        report({ method: req.method, url: req.originalUrl, status: res.statusCode, statements: scope.statements }),
      );
    entry.runInRequestScope(scope, next);
  });
  app.use(requestDeadline(config.REQUEST_TIMEOUT_MS, config.UNAVAILABLE_RETRY_AFTER_S));
  app.use((req, _res, next) => {
    // Overwritten on every request so a client can never choose its own address.
    req.headers["x-idees-client-ip"] = req.ip ?? "unknown";
    next();
  });
  app.use(apiPreflight);
  app.use(originCheck(config.TRUSTED_ORIGINS));
  app.use(bodyLimit());
  app.use(formBodiesOnly);
  serveFiles(app);
  // Pages and API answers compressed on the fly; files above are sent pre-compressed and left alone.
  app.use(compressAnswers());
  // Models throw domain errors (app/models/errors.ts); every loader and action of the build is wrapped
  // by the build's own withDomainErrors, which maps them to the page answer in one place
  // (docs/decisions/0017-domain-errors-and-rules-once.md).
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }),
    }),
  );
  app.use(lateAnswers);

  const httpServer = createServer(app);
  const host = options.host ?? "0.0.0.0";
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? config.PORT, host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const started = await entry.startServices({
    httpServer,
    port,
    smtpUrl: options.smtpUrl,
    appUrl: options.appUrl,
  });
  running.services = started;
  let closing: Promise<void> | undefined;
  return {
    httpServer,
    url: `http://localhost:${port}`,
    services: started,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        // Stop accepting: the listening socket closes, idle keep-alive connections too.
        httpServer.close();
        httpServer.closeIdleConnections();
        if (inFlight > 0)
          await new Promise<void>((resolve) => {
            idle = resolve;
            setTimeout(resolve, config.SHUTDOWN_TIMEOUT_MS).unref();
          });
        // What is left (keep-alive connections, requests past the deadline) is cut; the realtime sockets
        // (upgraded, so not among them) are closed by the services with a transport close, after which
        // the browser reconnects — to another process.
        httpServer.closeAllConnections();
        await started.close();
        await closeVite();
      })()),
  };
}

/**
 * For a process that serves (this file run directly, `npm start`): a query promise that a library
 * abandons when the database cuts its connection — seen with @prisma/adapter-pg inside a transaction
 * while PostgreSQL restarts (tests/resilience.test.ts) — must not end the process: whatever used that
 * connection has already failed and answered a 503 or will retry (docs/decisions/0022-failure-model.md).
 * Any other unhandled rejection still ends it, as Node does by default.
 */
export function surviveAbandonedQueries(): void {
  process.on("unhandledRejection", (reason) => {
    if (isUnavailableError(reason)) {
      console.warn("[db] a query abandoned after its connection was lost:", (reason as Error).message);
      return;
    }
    throw reason;
  });
}

// `tsx server.ts`: serve with the existing build and database.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  surviveAbandonedQueries();
  const server = await startAppServer();
  console.log(
    `Idées listening on ${server.url} (realtime fan-out between processes: ${server.services.realtime.adapter} adapter)`,
  );
  const shutdown = async () => {
    console.log("Idées: shutting down (finishing the requests in flight)…");
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
