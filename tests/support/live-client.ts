// A socket.io client as a browser tab would be, for tests that talk to a real running app: it sends
// the page's Origin and the session cookie, records every event it receives, and joins rooms.
import { io, type Socket } from "socket.io-client";
import type { ClientEvents, JoinResult, Room, ServerEvents, SyncResult } from "~/realtime/events.ts";

export type Received = { name: string; payload: Record<string, unknown>; at: number };

export type LiveClient = {
  socket: Socket<ServerEvents, ClientEvents>;
  events: Received[];
  /** Set when the server ended the connection, with its reason. */
  disconnected: string | null;
  join: (room: string) => Promise<JoinResult>;
  sync: (ideaIds: string[]) => Promise<SyncResult>;
  /** Events whose payload mentions `id` (an idea or space id). */
  about: (id: string) => Received[];
  close: () => void;
};

export async function connectLive(
  baseUrl: string,
  options: { cookie?: string; origin?: string | null; transports?: ("websocket" | "polling")[] } = {},
): Promise<LiveClient> {
  const origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin;
  const socket: Socket<ServerEvents, ClientEvents> = io(baseUrl, {
    transports: options.transports ?? ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    extraHeaders: { ...(origin ? { Origin: origin } : {}), ...(options.cookie ? { Cookie: options.cookie } : {}) },
  });
  const client: LiveClient = {
    socket,
    events: [],
    disconnected: null,
    join: (room) => socket.timeout(5000).emitWithAck("join", room as Room),
    sync: (ideaIds) => socket.timeout(5000).emitWithAck("sync", ideaIds),
    about: (id) => client.events.filter((e) => JSON.stringify(e.payload).includes(id)),
    close: () => void socket.disconnect(),
  };
  socket.onAny((name: string, payload: Record<string, unknown>) =>
    client.events.push({ name, payload, at: Date.now() }),
  );
  socket.on("disconnect", (reason) => (client.disconnected = reason));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  return client;
}

/** Polls `check` until it is true; fails with `label` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, label: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
