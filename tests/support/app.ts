import type { FinishedRequest } from "../../server.ts";
import { existsSync } from "node:fs";
import { configureEmail } from "~/models/email.server.ts";
import { setEventSink } from "~/realtime/publish.server.ts";
import { env } from "~/lib/env.server.ts";

/**
 * Starts the real app (production build, Express + Remix + socket.io) in this process on a free port.
 *
 * The app runs from the build, while the tests import the models from source to arrange and inspect
 * (factories, direct calls): this process holds two copies of the app's modules, each with its own
 * database pool (closed by app.close() and by tests/support/setup.ts). A test that calls a model from
 * source stands for the app doing it, so its copy is connected to the running app: the realtime events
 * it publishes after commit go to the app's publish() (hence the app's emitter and sockets), and it
 * queues e-mails — and can deliver them — with the same SMTP server and links as the app.
 */
export async function startTestApp(
  options: { smtpUrl?: string; appUrl?: string; onRequestFinished?: (r: FinishedRequest) => void } = {},
) {
  if (!existsSync("build/server/index.js"))
    throw new Error("No build: run the tests through `npm test`, which builds first.");
  const { startAppServer } = await import("../../server.ts");
  const app = await startAppServer({ port: 0, host: "127.0.0.1", dev: false, ...options });
  const unplug = setEventSink({ accept: app.services.publish });
  const smtpUrl = options.smtpUrl ?? env().SMTP_URL;
  configureEmail(
    smtpUrl ? { smtpUrl, from: env().MAIL_FROM, appUrl: options.appUrl ?? env().APP_URL ?? app.url } : null,
  );
  return {
    ...app,
    realtime: app.services.realtime,
    close: async () => {
      unplug();
      configureEmail(null);
      await app.close();
    },
  };
}
