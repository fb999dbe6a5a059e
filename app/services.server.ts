// What an app process runs beside the request handler: the realtime server on the same HTTP server,
// the e-mail and webhook configuration, the job queue's worker and the periodic jobs. server.ts reaches this module through the server
// build (app/entry.server.tsx re-exports it), so the routes, the models, the realtime server and the
// jobs are ONE module graph: one database pool, one event sink, one e-mail configuration
// (docs/decisions/0018-module-graph-and-jobs.md).
import type { Server as HttpServer } from "node:http";
import { databaseReachable, disconnectDatabase } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { startJobs } from "~/jobs/index.server.ts";
import { configureWebhooks } from "~/jobs/webhooks.server.ts";
import { configureEmail } from "~/models/email.server.ts";
import { attachRealtime, type Realtime } from "~/realtime/server.ts";
import { publish } from "~/realtime/publish.server.ts";

export type ServicesOptions = {
  httpServer: HttpServer;
  /** The port the server listens on: the default APP_URL is http://localhost:<port>. */
  port: number;
  /** Overrides of SMTP_URL and APP_URL (tests). */
  smtpUrl?: string;
  appUrl?: string;
};

export type Services = {
  realtime: Realtime;
  /** The one way to send a realtime event once a write committed (app/realtime/publish.server.ts). */
  publish: typeof publish;
  /** Whether this process can serve: the database answers and the realtime event bus is connected. */
  readiness: () => Promise<Readiness>;
  /** Stops the jobs, the realtime server and the HTTP server, then closes the database pool. */
  close: () => Promise<void>;
};

export type Readiness = { ready: boolean; database: boolean; events: boolean };

export async function startServices(options: ServicesOptions): Promise<Services> {
  const config = env();
  const realtime = await attachRealtime(options.httpServer, {
    trustedOrigins: config.TRUSTED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    redisUrl: config.REDIS_URL,
    coalesceMs: config.REALTIME_COALESCE_MS,
  });
  // E-mail: queued in the transactions that notify, sent by this process's worker after commit.
  const smtpUrl = options.smtpUrl ?? config.SMTP_URL;
  const appUrl = options.appUrl ?? config.APP_URL ?? `http://localhost:${options.port}`;
  configureEmail(smtpUrl ? { smtpUrl, from: config.MAIL_FROM, appUrl } : null);
  configureWebhooks({ appUrl });
  // The job queue's worker (docs/decisions/0027-job-queue-and-webhooks.md), on the app's database.
  const stopJobs = startJobs({ connectionString: config.DATABASE_URL, concurrency: config.JOB_CONCURRENCY });
  return {
    realtime,
    publish,
    readiness: async () => {
      const database = await databaseReachable();
      const events = realtime.eventBusReady();
      return { ready: database && events, database, events };
    },
    close: async () => {
      await stopJobs();
      configureEmail(null);
      await realtime.close();
      // Requests in flight finish before the pool closes.
      await new Promise<void>((resolve) => options.httpServer.close(() => resolve()));
      await disconnectDatabase();
    },
  };
}
