// The realtime room: owns the socket.io server, attached to the same HTTP server (and port) as the app.
// docs/decisions/0005-realtime.md
//   - handshake: the Origin must be ours (same rule as every form POST, app/lib/origin.server.ts), and
//     the session cookie makes the socket's viewer (or anonymous);
//   - rooms: a socket joins only what THE policy allows (rooms.server.ts); it is placed in its own
//     user:<id> and session:<id> rooms so that sign-out, sign-out-everywhere, a role change or a
//     revoked grant disconnects it on every process; sessions are re-checked every minute (expiry);
//   - emitting: only the Emitter (emitter.server.ts), fed by publish() after commit;
//   - several processes: the PostgreSQL adapter (LISTEN/NOTIFY on its own small pool, never inside an
//     app transaction), or the Redis adapter when REDIS_URL is set.
import { randomBytes } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import { createAdapter as createPostgresAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { Server } from "socket.io";
import type { Viewer } from "~/auth/policy.ts";
import {
  currentViewersOfSessions,
  sessionTokenFromCookies,
  toViewer,
  validateSessionToken,
} from "~/auth/session.server.ts";
import { guardPool, poolOptions } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { isAllowedOrigin, ownOriginOf } from "~/lib/origin.server.ts";
import { Emitter, sessionRoom, type RealtimeServer } from "./emitter.server.ts";
import { parseRoom, roomOf, type JoinResult, type SyncResult } from "./events.ts";
import { PeerStreams } from "./gaps.ts";
import { setEventSink } from "./publish.server.ts";
import { authorizeJoin, syncIdeas } from "./rooms.server.ts";

export type RealtimeOptions = {
  trustedOrigins: readonly string[];
  trustProxy: boolean;
  /** Redis adapter when set; PostgreSQL adapter (on DATABASE_URL) otherwise. */
  redisUrl?: string;
  /** Coalescing window of the emitter. */
  coalesceMs?: number;
  /** How often each socket's session is checked again (expiry, revocation missed by a crashed process). */
  sessionCheckMs?: number;
  /** How often this process tells the others how many messages it sent them (gap detection). */
  beatMs?: number;
};

export type Realtime = {
  io: RealtimeServer;
  /** What the adapter does with a batch flushed by another process (exposed for tests of its checks). */
  emitLocally: (batch: unknown) => void;
  adapter: "postgres" | "redis";
  /** Disconnects local sockets whose session ended or whose rights changed; returns how many. */
  checkSessions: () => Promise<number>;
  /** Whether events reach the other processes now: the LISTEN connection, or both Redis connections, are up. */
  eventBusReady: () => boolean;
  close: () => Promise<void>;
};

/** Rooms one socket may be in at once (a page needs one or two; this bounds a misbehaving client). */
const MAX_ROOMS_PER_SOCKET = 50;
/** A process asks its pages to re-sync at most this often (a flapping bus does not make them hammer `sync`). */
const RESYNC_MIN_INTERVAL_MS = 5000;

export async function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<Realtime> {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false, // the client comes with the app bundle (app/realtime/use-live.ts)
    cors: { origin: false }, // no cross-origin reads of polling responses
    maxHttpBufferSize: 16 * 1024, // clients send room names and a few ids
    allowRequest: (request, callback) => {
      // Browsers send Origin on every WebSocket handshake and every cross-origin request; they omit it
      // only on same-origin GETs (the polling handshake). A present Origin must be ours.
      const origin = request.headers.origin;
      const crossSite = request.headers["sec-fetch-site"] === "cross-site";
      const ok =
        origin === undefined
          ? !crossSite
          : isAllowedOrigin(origin, ownOriginOf(request, options.trustProxy), options.trustedOrigins);
      callback(ok ? null : "Forbidden origin", ok);
    },
  });

  const bus = await useAdapter(io, options.redisUrl);

  io.use(async (socket, next) => {
    try {
      const request = socket.request;
      const https = ownOriginOf(request, options.trustProxy).startsWith("https:");
      const token = sessionTokenFromCookies(request.headers.cookie, https);
      const result = token ? await validateSessionToken(token) : null;
      socket.data.viewer = toViewer(result?.user ?? null);
      socket.data.sessionId = result?.session.id ?? null;
      next();
    } catch (error) {
      console.warn("[realtime] handshake failed:", (error as Error).message);
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket) => {
    const { viewer, sessionId } = socket.data;
    if (viewer && sessionId) void socket.join([roomOf.user(viewer.id), sessionRoom(sessionId)]);

    socket.on("join", async (room, ack) => {
      if (typeof ack !== "function") return;
      let result: JoinResult;
      try {
        if (socket.rooms.size >= MAX_ROOMS_PER_SOCKET + 3) result = { ok: false, error: "invalid" };
        else result = await authorizeJoin(socket.data.viewer, room);
      } catch (error) {
        console.warn("[realtime] join failed:", (error as Error).message);
        result = { ok: false, error: "unavailable" };
      }
      // The socket may have been disconnected (access changed) while the policy was asked.
      if (result.ok && socket.connected) await socket.join(room);
      ack(result);
    });

    socket.on("leave", (room) => {
      const parsed = parseRoom(room);
      // Its own user room stays: that is how access changes reach the socket.
      if (parsed && parsed.kind !== "user") void socket.leave(room);
    });

    socket.on("sync", async (ideaIds, ack) => {
      if (typeof ack !== "function") return;
      let result: SyncResult;
      try {
        result = await syncIdeas(socket.data.viewer, ideaIds);
      } catch (error) {
        console.warn("[realtime] sync failed:", (error as Error).message);
        result = { at: 0, ideas: [] };
      }
      ack(result);
    });
  });

  const emitter = new Emitter(io, options.coalesceMs);
  const unplug = setEventSink(emitter);
  // Events flushed by the other processes, for this process's sockets; numbered, so that a message lost
  // by the bus (an outage, our listener reconnecting) is noticed at the sender's next beat and every
  // page of this process re-syncs (docs/decisions/0005-realtime.md, "Convergence").
  const peers = new PeerStreams();
  let lastResync = 0;
  const resyncLocalSockets = () => {
    const now = Date.now();
    if (now - lastResync < RESYNC_MIN_INTERVAL_MS) return;
    lastResync = now;
    const sockets = io.of("/").sockets.size;
    console.warn(`[realtime] messages from another process were lost; ${sockets} sockets re-sync.`);
    // About one `sync` per millisecond at most across the process's pages.
    io.local.emit("live:resync", { spreadMs: Math.min(30_000, Math.max(2000, sockets)) });
  };
  const validMark = (mark: unknown): mark is { from: string; seq: number } =>
    typeof mark === "object" &&
    mark !== null &&
    typeof (mark as { from?: unknown }).from === "string" &&
    Number.isSafeInteger((mark as { seq?: unknown }).seq);
  io.on("realtime:batch", (batch, mark) => {
    if (validMark(mark)) peers.received(mark.from, mark.seq);
    emitter.emitLocally(batch);
  });
  io.on("realtime:beat", (mark) => {
    if (validMark(mark) && mark.from !== emitter.from && peers.beat(mark.from, mark.seq)) resyncLocalSockets();
  });
  const beatTimer = setInterval(() => emitter.beat(), options.beatMs ?? 2000);
  beatTimer.unref();

  const checkSessions = async (): Promise<number> => {
    const sockets = [...io.of("/").sockets.values()].filter((s) => s.data.sessionId);
    if (!sockets.length) return 0;
    const current = await currentViewersOfSessions([...new Set(sockets.map((s) => s.data.sessionId!))]);
    let disconnected = 0;
    for (const socket of sockets) {
      const now = current.get(socket.data.sessionId!);
      if (!now || !sameRights(now, socket.data.viewer)) {
        socket.disconnect(true);
        disconnected++;
      }
    }
    return disconnected;
  };
  let checking: Promise<unknown> | null = null;
  const checkTimer = setInterval(() => {
    checking ??= checkSessions()
      .catch((error: unknown) => console.warn("[realtime] session check failed:", (error as Error).message))
      .finally(() => (checking = null));
  }, options.sessionCheckMs ?? 60_000);
  checkTimer.unref();

  return {
    io,
    emitLocally: (batch) => emitter.emitLocally(batch),
    adapter: options.redisUrl ? "redis" : "postgres",
    checkSessions,
    eventBusReady: bus.ready,
    close: async () => {
      clearInterval(checkTimer);
      clearInterval(beatTimer);
      await checking;
      await emitter.close();
      unplug();
      // Every socket's connection is closed without a "disconnect" packet, so the browser sees a transport
      // close and reconnects — to another process behind the load balancer (the reconnect hint).
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await bus.close();
    },
  };
}

function sameRights(a: NonNullable<Viewer>, b: Viewer): boolean {
  if (!b || a.id !== b.id || a.role !== b.role) return false;
  const granted = new Set(b.grantedSpaceIds);
  return a.grantedSpaceIds.length === granted.size && a.grantedSpaceIds.every((id) => granted.has(id));
}

type EventBus = { ready: () => boolean; close: () => Promise<void> };

/**
 * Installs the cross-process adapter; resolves once it receives messages, or at once when its server
 * does not answer (the process starts anyway and becomes ready when it does). Every connection
 * reconnects by itself after a failure (docs/decisions/0022-failure-model.md).
 */
async function useAdapter(io: RealtimeServer, redisUrl: string | undefined): Promise<EventBus> {
  const { DATABASE_URL } = env();
  const database = new URL(DATABASE_URL).pathname.slice(1) || "postgres";
  if (redisUrl) {
    const [{ createClient }, { createAdapter }] = await Promise.all([
      import("redis"),
      import("@socket.io/redis-adapter"),
    ]);
    // Reconnects with back-off (50 ms more per attempt, at most 2 s), forever.
    const pub = createClient({
      url: redisUrl,
      socket: { reconnectStrategy: (retries) => Math.min(retries * 50, 2000) },
    });
    const sub = pub.duplicate();
    for (const client of [pub, sub])
      client.on("error", (error: Error) => console.warn("[realtime] redis:", error.message));
    const connected = Promise.all([pub.connect(), sub.connect()]).catch((error: unknown) =>
      console.warn("[realtime] redis: not connected at start-up:", (error as Error).message),
    );
    await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    // One channel family per database: the processes that share data share events, nothing else does.
    io.adapter(createAdapter(pub, sub, { key: `idees#${database}` }));
    return {
      ready: () => pub.isReady && sub.isReady,
      close: async () => {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      },
    };
  }
  // Its own small pool: one connection stays in LISTEN, the others send NOTIFY after commits. It never
  // touches an application transaction.
  const applicationName = `idees-realtime-${randomBytes(4).toString("hex")}`;
  const pool = new pg.Pool(poolOptions(DATABASE_URL, 3, applicationName));
  guardPool(pool, "realtime adapter pool");
  const listening = new ListeningConnection(pool);
  io.adapter(
    createPostgresAdapter(listening.facade, {
      errorHandler: (error) => console.warn("[realtime] postgres adapter:", error.message),
    }),
  );
  await waitForListen(pool, applicationName);
  return {
    ready: () => listening.up,
    close: async () => {
      listening.close();
      await pool.end().catch(() => {});
    },
  };
}

/**
 * What the PostgreSQL adapter sees as its pool. The adapter checks one client out for LISTEN, re-LISTENs
 * on a new one ~1 s after that client's "end", and retries every ~1 s while it cannot connect; but it
 * gives the client no "error" listener (an error event without one ends the process: a database
 * restart, or pg_terminate_backend on that connection alone, killed every app process) and never
 * returns a dead client to the pool (three restarts would exhaust it). Here the client gets both: an
 * error is logged, and a client that ended is released as broken, so the pool drops it. A client that
 * the adapter replaces (it retried after a failed LISTEN) is released too, so one LISTEN runs at most.
 */
class ListeningConnection {
  private client: pg.PoolClient | null = null;
  private ended = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Whether a LISTEN connection is up now. */
  get up(): boolean {
    return this.client !== null;
  }

  readonly facade = {
    query: (text: string, values?: unknown[]) => this.pool.query(text, values),
    connect: async (): Promise<pg.PoolClient> => {
      if (this.ended) throw new Error("closed");
      const client = await this.pool.connect();
      if (this.ended) {
        releaseBroken(client);
        throw new Error("closed");
      }
      this.drop();
      client.on("error", (error: Error) => console.warn("[realtime] listening connection lost:", error.message));
      client.once("end", () => {
        if (this.client === client) this.client = null;
        releaseBroken(client);
      });
      this.client = client;
      return client;
    },
  } as unknown as pg.Pool;

  /** Releases the current client, without the adapter hearing of it (it has moved on to a new one). */
  private drop() {
    const old = this.client;
    if (!old) return;
    this.client = null;
    old.removeAllListeners("end");
    old.removeAllListeners("notification");
    releaseBroken(old);
  }

  close() {
    this.ended = true;
    this.client = null;
  }
}

function releaseBroken(client: pg.PoolClient) {
  try {
    client.release(new Error("the listening connection ended"));
  } catch {
    // Already released (the adapter closed it).
  }
}

/** The adapter starts listening asynchronously; "listening" should mean events from other processes arrive. */
async function waitForListen(pool: pg.Pool, applicationName: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const { rowCount } = await pool.query(
        "select 1 from pg_stat_activity where application_name = $1 and query ilike 'LISTEN%' and state = 'idle'",
        [applicationName],
      );
      if (rowCount) return;
    } catch (error) {
      console.warn(
        "[realtime] the database does not answer at start-up; events from other processes will flow once it does:",
        (error as Error).message,
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  console.warn(
    "[realtime] the PostgreSQL adapter is not listening yet; events from other processes may be missed until it is.",
  );
}
