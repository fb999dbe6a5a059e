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
import { contentSecurityPolicy } from "./app/lib/csp.ts";
import { isAllowedOrigin } from "./app/lib/origin.server.ts";

const root = path.dirname(fileURLToPath(import.meta.url));

export type AppServer = {
  httpServer: HttpServer;
  url: string;
  realtime: import("./app/realtime/server.ts").Realtime;
  close: () => Promise<void>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ONE_CLICK_UNSUBSCRIBE = /^\/desabonnement\/[0-9a-f]{64}$/;

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
export function securityHeaders(options: { dev: boolean; production: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy({ nonce, dev: options.dev }));
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

export async function startAppServer(
  options: { port?: number; host?: string; dev?: boolean; smtpUrl?: string; appUrl?: string } = {},
): Promise<AppServer> {
  // Imported lazily so DATABASE_URL can be set (e.g. by scripts/start.ts) before env is parsed.
  const { env } = await import("./app/lib/env.server.ts");
  const { attachRealtime } = await import("./app/realtime/server.ts");
  const config = env();
  const dev = options.dev ?? config.NODE_ENV === "development";

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);
  app.use(securityHeaders({ dev, production: config.NODE_ENV === "production" }));
  app.use((req, _res, next) => {
    // Overwritten on every request so a client can never choose its own address.
    req.headers["x-idees-client-ip"] = req.ip ?? "unknown";
    next();
  });
  app.use(originCheck(config.TRUSTED_ORIGINS));
  app.use(bodyLimit());
  app.use(formBodiesOnly);

  // Models throw domain errors (app/models/errors.ts); every loader and action maps them to the page
  // answer here, in one place (docs/decisions/0017-domain-errors-and-rules-once.md).
  const { withDomainErrors } = await import("./app/lib/http.server.ts");
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite = async () => {};
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () =>
      (viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then(withDomainErrors);
    closeVite = () => viteServer.close();
  } else {
    const buildDir = path.join(root, "build");
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    build = withDomainErrors((await import(path.join(buildDir, "server/index.js"))) as ServerBuild);
  }
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce) }),
    }),
  );

  const httpServer = createServer(app);
  const realtime = await attachRealtime(httpServer, {
    trustedOrigins: config.TRUSTED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    redisUrl: config.REDIS_URL,
  });
  const { startCounterFolding } = await import("./app/models/counters.server.ts");
  const stopFolding = startCounterFolding();
  const { startRateLimitPurging } = await import("./app/models/rate-limit.server.ts");
  const stopPurging = startRateLimitPurging();

  const host = options.host ?? "0.0.0.0";
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? config.PORT, host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;

  // E-mail: queued in the transactions that notify, sent by this process's worker after commit.
  const { configureEmail, startEmailDelivery } = await import("./app/models/email.server.ts");
  const smtpUrl = options.smtpUrl ?? config.SMTP_URL;
  configureEmail(
    smtpUrl
      ? { smtpUrl, from: config.MAIL_FROM, appUrl: options.appUrl ?? config.APP_URL ?? `http://localhost:${port}` }
      : null,
  );
  const stopEmail = startEmailDelivery();
  return {
    httpServer,
    url: `http://localhost:${port}`,
    realtime,
    close: async () => {
      await stopEmail();
      configureEmail(null);
      await stopFolding();
      await stopPurging();
      await realtime.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await closeVite();
      const { disconnectDatabase } = await import("./app/lib/db.server.ts");
      await disconnectDatabase();
    },
  };
}

// `tsx server.ts`: serve with the existing build and database.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startAppServer();
  console.log(
    `Idées listening on ${server.url} (realtime fan-out between processes: ${server.realtime.adapter} adapter)`,
  );
  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
