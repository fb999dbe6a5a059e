// A real HTTP server in the test process that receives webhook deliveries (docs/decisions/0027): it
// records every request (path, headers, raw body) and answers 204, or as told — fail the next N
// requests to a path with a status, or always, or hold the next request without answering (a receiver that hangs).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };

export async function startWebhookReceiver() {
  const received: Received[] = [];
  const failures = new Map<string, { count: number; status: number }>();
  let holdNext = 0;
  const held: ServerResponse[] = [];
  const alwaysFailing = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (holdNext > 0) {
        holdNext--;
        held.push(response);
        return;
      }
      if (alwaysFailing.has(path)) return void response.writeHead(500).end("down");
      const failing = failures.get(path);
      if (failing && failing.count > 0) {
        failing.count--;
        return void response.writeHead(failing.status).end("not now");
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    /** The next `count` requests to `path` are answered `status`. */
    failNext: (path: string, count: number, status = 500) => void failures.set(path, { count, status }),
    /** The next `count` requests get no answer at all (until close). */
    holdNext: (count: number) => void (holdNext = count),
    alwaysFail: (path: string) => void alwaysFailing.add(path),
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
