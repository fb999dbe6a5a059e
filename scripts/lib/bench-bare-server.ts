// The baseline for scripts/bench.ts: a bare socket.io server (no app, no adapter, no database) on the
// same machine. Every socket joins one room on connection; GET /broadcast?supports=N emits to that room
// one event of the same name and payload shape (hence size) as the app's idea:support.
import { createServer } from "node:http";
import { Server } from "socket.io";

const ROOM = "idea:bench-live-2";
const httpServer = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname !== "/broadcast") {
    response.writeHead(404).end();
    return;
  }
  const supports = Number(url.searchParams.get("supports"));
  io.to(ROOM).emit("idea:support", {
    ideaId: "bench-live-2",
    spaceId: "space-emploi-store",
    supports,
    at: Date.now() + 0.123,
  });
  response.writeHead(204).end();
});
const io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
io.on("connection", (socket) => void socket.join(ROOM));
httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = httpServer.address();
  console.log(`bare socket.io listening on ${typeof address === "object" && address ? address.port : "?"}`);
});
process.once("SIGTERM", () => io.close(() => process.exit(0)));
