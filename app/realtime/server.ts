// The realtime room: owns the socket.io server. Attached to the same HTTP server (and port) as the
// app. Rooms, authentication and events arrive with the real-time issue; until then no event is
// emitted and no socket joins any room, so nothing can leak.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";

export function attachRealtime(httpServer: HttpServer): Server {
  return new Server(httpServer, {
    serveClient: false,
    // Same-origin only; the handshake check against the session arrives with the realtime issue.
    cors: { origin: false },
  });
}
