// A benchmark helper process (scripts/bench.ts): holds many socket.io client connections, as browser
// tabs would (WebSocket transport), and reports when each broadcast reached them. Driven over IPC:
//   { type: "connect", url, origin, count, rooms }  → { type: "connected", connected, failed, ms }
//   { type: "report" }                              → { type: "report", received: { [value]: { first, last, n } } }
//   { type: "close" }                               → disconnects everything and exits
// Times are wall-clock milliseconds (performance.timeOrigin + performance.now()), comparable between
// processes on one machine. A broadcast is identified by "<ideaId>:<supports>".
import { io, type Socket } from "socket.io-client";

type Command =
  | { type: "connect"; url: string; origin: string; count: number; rooms: string[] }
  | { type: "report" }
  | { type: "close" };

const sockets: Socket[] = [];
let received = new Map<string, { first: number; last: number; n: number }>();
const now = () => performance.timeOrigin + performance.now();
const send = (message: unknown) => process.send!(message);

function onSupport(payload: { ideaId: string; supports: number }) {
  const t = now();
  const key = `${payload.ideaId}:${payload.supports}`;
  const entry = received.get(key);
  if (!entry) received.set(key, { first: t, last: t, n: 1 });
  else {
    entry.last = Math.max(entry.last, t);
    entry.n++;
  }
}

function open(url: string, origin: string, rooms: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
      extraHeaders: { Origin: origin },
    });
    const fail = () => {
      socket.disconnect();
      resolve(false);
    };
    socket.once("connect_error", fail);
    socket.once("connect", () => {
      socket.on("idea:support", onSupport);
      sockets.push(socket);
      const joins = rooms.map(
        (room) =>
          new Promise<boolean>((done) =>
            socket
              .timeout(30_000)
              .emit("join", room, (error: Error | null, result: { ok: boolean }) => done(!error && result.ok)),
          ),
      );
      void Promise.all(joins).then((oks) => resolve(oks.every(Boolean)));
    });
  });
}

process.on("message", async (command: Command) => {
  switch (command.type) {
    case "connect": {
      const t0 = now();
      let connected = 0;
      let failed = 0;
      // In batches, as a crowd of tabs would arrive, without overflowing the server's accept backlog.
      for (let done = 0; done < command.count; done += 250) {
        const batch = Math.min(250, command.count - done);
        const results = await Promise.all(
          Array.from({ length: batch }, () => open(command.url, command.origin, command.rooms)),
        );
        for (const ok of results) {
          if (ok) connected++;
          else failed++;
        }
      }
      send({ type: "connected", connected, failed, ms: now() - t0 });
      break;
    }
    case "report":
      send({ type: "report", received: Object.fromEntries(received) });
      received = new Map();
      break;
    case "close":
      for (const socket of sockets) socket.disconnect();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
send({ type: "ready" });
