import { existsSync } from "node:fs";

/** Starts the real app (production build, Express + Remix + socket.io) in this process on a free port. */
export async function startTestApp(options: { smtpUrl?: string; appUrl?: string } = {}) {
  if (!existsSync("build/server/index.js"))
    throw new Error("No build: run the tests through `npm test`, which builds first.");
  const { startAppServer } = await import("../../server.ts");
  return startAppServer({ port: 0, host: "127.0.0.1", dev: false, ...options });
}
