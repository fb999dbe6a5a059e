// A proxy in front of the test app that can hold the BODY of a chosen response once its headers went out:
// the browser's fetch() has resolved and its reader waits for bytes. That is the window a loaded server
// or a slow network leaves open, and a click that aborts the request then cuts the body mid-read.
// Everything else, WebSocket upgrades included, passes through untouched.
import { createServer, request as forward, type IncomingMessage } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import type { Duplex } from "node:stream";

type Hold = { matches: (path: string) => boolean; headersSent: () => void; released: Promise<void> };

export async function startHoldingProxy(target: string) {
  const upstream = new URL(target);
  const holds: Hold[] = [];
  const open = new Set<Duplex>();
  const track = (stream: Duplex) => {
    open.add(stream);
    stream.on("close", () => open.delete(stream));
  };
  const server = createServer((request, response) => {
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer: IncomingMessage) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        const hold = holds.find((h) => h.matches(request.url ?? ""));
        if (!hold) return void answer.pipe(response);
        holds.splice(holds.indexOf(hold), 1);
        answer.pause();
        response.flushHeaders();
        hold.headersSent();
        void hold.released.then(() => (response.destroyed ? answer.destroy() : answer.pipe(response)));
      },
    );
    outgoing.on("error", () => response.destroy());
    response.on("close", () => outgoing.destroy());
    request.pipe(outgoing);
  });
  server.on("connection", (socket: Socket) => track(socket));
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pipe = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2)
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      pipe.write(`${lines.join("\r\n")}\r\n\r\n`);
      pipe.write(head);
      socket.pipe(pipe).pipe(socket);
    });
    track(pipe);
    pipe.on("error", () => socket.destroy());
    socket.on("error", () => pipe.destroy());
    socket.on("close", () => pipe.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    /**
     * Holds the body of the next response whose path (with its query) matches: `headersSent` resolves
     * once its status and headers were sent to the browser; `release()` lets the body follow.
     */
    holdBody(matches: (path: string) => boolean) {
      let headersSent = () => {};
      let release = () => {};
      const sent = new Promise<void>((resolve) => (headersSent = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ matches, headersSent, released });
      return { headersSent: sent, release };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of open) stream.destroy();
        server.close(() => resolve());
      }),
  };
}
