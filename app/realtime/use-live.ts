// The client side of realtime (docs/decisions/0005-realtime.md): ONE socket.io connection per tab,
// created lazily by the first page that subscribes; pages join their rooms while mounted.
//   - Counts and stages update in place from a small store, ordered by the database clock `at`: a value
//     is shown only when it is newer than the loader's (`countsAt`), so a late event never overwrites
//     fresher data, and the next event repairs a lost one (every event carries the exact value).
//   - New content (comments, edits, stage changes) is fetched by revalidating the page's loaders, so
//     everything shown still passes the server's policy checks; payloads carry ids and numbers only.
//   - After each (re)connection the page re-joins its rooms and asks the server for the current values
//     of the ideas it shows (`sync`); after a REconnection it also revalidates, so nothing missed while
//     offline stays missing.
//   - Convergence (ADR 0005): the page also re-syncs when an event skips a position in one of its rooms
//     (gaps.ts), when the server says its process lost messages (`live:resync`), when a `sync` or a
//     `join` failed (the database was down: tried again, 2 s, 4 s… up to 30 s), and, as a safety net,
//     about once a minute while the tab is visible and when it becomes visible again.
// Without JavaScript none of this runs: pages are complete server-rendered documents that do not move.
import { useFetchers, useNavigation, useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import type {
  ClientEvents,
  JoinResult,
  Room,
  ServerEventName,
  ServerEvents,
  ServerPayload,
  StreamMark,
  SyncResult,
} from "./events.ts";
import { CATALOGUE_WANTED_EVENT } from "~/lib/i18n.ts";
import { RoomGaps } from "./gaps.ts";

type LiveSocket = Socket<ServerEvents, ClientEvents>;

type PageEventName = Exclude<ServerEventName, "live:resync">;
/** A server event as a page sees it; `fresh` is false when a newer value was already applied. */
export type LiveEvent = {
  [E in PageEventName]: { name: E; payload: ServerPayload<E>; fresh: boolean };
}[PageEventName];

type Subscriber = {
  ideaIds: () => readonly string[];
  onEvent: (event: LiveEvent) => void;
  onSync: (result: SyncResult) => void;
  onReconnect: () => void;
};

// --- live values, ordered by `at` ---------------------------------------------------------------

type Stamped<T> = { value: T; at: number };
type LiveValues = { supports?: Stamped<number>; comments?: Stamped<number>; stage?: Stamped<IdeaStage> };
type Key = keyof LiveValues;
type ValueOf<K extends Key> = NonNullable<LiveValues[K]>["value"];

const values = new Map<string, LiveValues>();
const storeListeners = new Set<() => void>();

/** Records a value if it is newer than the one known; returns whether it was. */
function apply<K extends Key>(ideaId: string, key: K, value: ValueOf<K>, at: number): boolean {
  const current = values.get(ideaId) ?? {};
  const known = current[key];
  if (known && known.at >= at) return false;
  values.set(ideaId, { ...current, [key]: { value, at } });
  for (const listener of storeListeners) listener();
  return true;
}

function subscribeStore(listener: () => void) {
  storeListeners.add(listener);
  return () => void storeListeners.delete(listener);
}

/**
 * Records a value this page learnt by itself, stamped with the database clock like an event (its own
 * vote's answer, docs/decisions/0056): shown where it is newer than the loader's and the live ones.
 */
export function recordLiveValue<K extends Key>(ideaId: string, key: K, value: ValueOf<K>, at: number) {
  apply(ideaId, key, value, at);
}

/**
 * The value to show: the live one when it is newer than the loader's data (`loaderAt`, the database
 * clock when the loader read it), otherwise the loader's. Without `loaderAt`, the loader's value.
 */
export function useLiveValue<K extends Key>(
  ideaId: string,
  key: K,
  loaderValue: ValueOf<K>,
  loaderAt: number | undefined,
): ValueOf<K> {
  const live = useSyncExternalStore(
    subscribeStore,
    () => values.get(ideaId)?.[key],
    () => undefined,
  ) as Stamped<ValueOf<K>> | undefined;
  return newer(live, loaderValue, loaderAt);
}

function newer<T>(live: Stamped<T> | undefined, loaderValue: T, loaderAt: number | undefined): T {
  return live && loaderAt !== undefined && live.at > loaderAt ? live.value : loaderValue;
}

type IdeaValues = { supports: number; comments: number; stage: IdeaStage };

/**
 * useLiveValue for an idea's three values through one store subscription: a list renders it once per
 * card instead of three hooks (docs/decisions/0060). The idea's entry is replaced on every change, so
 * the card re-renders when any of its values does, as with three hooks.
 */
export function useLiveValues(ideaId: string, loader: IdeaValues, loaderAt: number | undefined): IdeaValues {
  const live = useSyncExternalStore(
    subscribeStore,
    () => values.get(ideaId),
    () => undefined,
  );
  if (!live) return loader;
  return {
    supports: newer(live.supports, loader.supports, loaderAt),
    comments: newer(live.comments, loader.comments, loaderAt),
    stage: newer(live.stage, loader.stage, loaderAt),
  };
}

// --- the connection ---------------------------------------------------------------------------------

let socket: LiveSocket | null = null;
let connectedBefore = false;
/** The person the connection was opened for (the root loader's user), to notice sign-in and sign-out. */
let connectedAs: string | null | undefined;
/** Set while reopening for a sign-in or sign-out: the page that follows is freshly loaded already. */
let reopening = false;
const roomCounts = new Map<Room, number>();
const subscribers = new Set<Subscriber>();

const gaps = new RoomGaps();

function deliver(event: LiveEvent) {
  // A skipped position in one of the page's rooms: an event was lost on the way. Catch up.
  if (gaps.seen((event.payload as { stream?: StreamMark }).stream, (room) => roomCounts.has(room as Room)))
    scheduleResync(1000);
  for (const subscriber of subscribers) subscriber.onEvent(event);
}

// --- convergence: re-sync after a gap, a failure, a hint from the server, or a while ---------------------

const SYNC_TIMEOUT_MS = 10_000;
const SAFETY_NET_MS = 60_000;
let resyncTimer: ReturnType<typeof setTimeout> | null = null;
let resyncDue = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let failures = 0;
let lastSyncAt = 0;

/** Asks again for the values of every subscriber's ideas, at a random moment within `spreadMs`. */
function scheduleResync(spreadMs: number) {
  if (!socket) return;
  const delay = Math.random() * Math.max(0, spreadMs);
  if (resyncTimer && resyncDue <= Date.now() + delay) return; // one already planned, sooner
  if (resyncTimer) clearTimeout(resyncTimer);
  resyncDue = Date.now() + delay;
  resyncTimer = setTimeout(() => {
    resyncTimer = null;
    if (socket?.connected) for (const subscriber of subscribers) syncSubscriber(socket, subscriber);
  }, delay);
}

/** A `sync` or `join` the server could not answer (its database is down): all of it again, later. */
function retryLater(live: LiveSocket) {
  if (retryTimer) return;
  failures++;
  const delay = Math.min(30_000, 1000 * 2 ** failures) * (0.75 + Math.random() * 0.5);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (!live.connected) return; // the next connection joins and syncs everything
    void joinAll(live).then(() => {
      for (const subscriber of subscribers) syncSubscriber(live, subscriber);
    });
  }, delay);
}

function syncSubscriber(live: LiveSocket, subscriber: Subscriber) {
  const ids = subscriber.ideaIds();
  if (!ids.length) return;
  lastSyncAt = Date.now();
  live.timeout(SYNC_TIMEOUT_MS).emit("sync", [...ids], (error, result) => {
    if (error || !result?.at) {
      retryLater(live);
      return;
    }
    failures = 0;
    for (const idea of result.ideas) {
      apply(idea.ideaId, "supports", idea.supports, result.at);
      apply(idea.ideaId, "comments", idea.comments, result.at);
      apply(idea.ideaId, "stage", idea.stage, result.at);
    }
    subscriber.onSync(result);
  });
}

function joinRoom(live: LiveSocket, room: Room): Promise<void> {
  return new Promise((resolve) =>
    live.timeout(SYNC_TIMEOUT_MS).emit("join", room, (error: Error | null, result: JoinResult) => {
      if (error || (!result.ok && result.error === "unavailable")) retryLater(live);
      resolve();
    }),
  );
}

function joinAll(live: LiveSocket): Promise<unknown> {
  return Promise.all([...roomCounts.keys()].map((room) => joinRoom(live, room)));
}

/** The safety net: about once a minute while the tab is visible, and when it becomes visible again. */
function startSafetyNet() {
  const tick = () => {
    setTimeout(tick, SAFETY_NET_MS * (0.75 + Math.random() * 0.5));
    if (document.visibilityState === "visible") scheduleResync(0);
  };
  setTimeout(tick, SAFETY_NET_MS * (0.75 + Math.random() * 0.5));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && Date.now() - lastSyncAt > SAFETY_NET_MS / 2) scheduleResync(500);
  });
}

function getSocket(): LiveSocket {
  if (socket) return socket;
  // WebSocket first (no sticky sessions needed behind a load balancer), long-polling if it fails.
  const live: LiveSocket = io({ transports: ["websocket", "polling"], tryAllTransports: true });
  socket = live;
  startSafetyNet();
  live.on("connect", () => {
    gaps.reset();
    const reconnected = connectedBefore && !reopening;
    connectedBefore = true;
    reopening = false;
    void joinAll(live).then(() => {
      for (const subscriber of subscribers) {
        syncSubscriber(live, subscriber);
        if (reconnected) subscriber.onReconnect();
      }
    });
  });
  live.on("disconnect", (reason) => {
    // The server ends a connection when the person's access changed (sign-out, role, grant): connect
    // again, with whatever rights the cookie now carries. Other causes reconnect by themselves.
    if (reason === "io server disconnect") setTimeout(() => live.connect(), 500 + Math.random() * 1500);
  });
  live.on("connect_error", () => {
    // Refused by the server (not a network error, which retries by itself): try again later.
    if (!live.active) setTimeout(() => live.connect(), 5000 + Math.random() * 5000);
  });
  live.on("idea:support", (p) =>
    deliver({ name: "idea:support", payload: p, fresh: apply(p.ideaId, "supports", p.supports, p.at) }),
  );
  live.on("idea:comments", (p) =>
    deliver({ name: "idea:comments", payload: p, fresh: apply(p.ideaId, "comments", p.comments, p.at) }),
  );
  live.on("idea:stage", (p) =>
    deliver({ name: "idea:stage", payload: p, fresh: apply(p.ideaId, "stage", p.stage, p.at) }),
  );
  live.on("idea:updated", (p) => deliver({ name: "idea:updated", payload: p, fresh: true }));
  live.on("space:idea-created", (p) => deliver({ name: "space:idea-created", payload: p, fresh: true }));
  live.on("notification:new", (p) => deliver({ name: "notification:new", payload: p, fresh: true }));
  live.on("idea:moderated", (p) => deliver({ name: "idea:moderated", payload: p, fresh: true }));
  live.on("moderation:queue", (p) => deliver({ name: "moderation:queue", payload: p, fresh: true }));
  live.on("hackathon:changed", (p) => deliver({ name: "hackathon:changed", payload: p, fresh: true }));
  live.on("live:resync", (p) => scheduleResync(Math.min(30_000, Number(p?.spreadMs) || 0)));
  return live;
}

/** Counts the page in for `rooms`; resolves once the rooms it is the first to need are joined. */
function retain(live: LiveSocket, rooms: readonly Room[]): Promise<unknown> {
  const joins: Promise<unknown>[] = [];
  for (const room of rooms) {
    const count = roomCounts.get(room) ?? 0;
    roomCounts.set(room, count + 1);
    if (count === 0 && live.connected) joins.push(joinRoom(live, room));
  }
  return Promise.all(joins);
}

function release(live: LiveSocket, rooms: readonly Room[]) {
  for (const room of rooms) {
    const count = roomCounts.get(room) ?? 0;
    if (count <= 1) {
      roomCounts.delete(room);
      gaps.forgetRoom(room);
      if (live.connected) live.emit("leave", room);
    } else roomCounts.set(room, count - 1);
  }
}

// --- the hook -----------------------------------------------------------------------------------------

const REVALIDATE_DEBOUNCE_MS = 250;

/**
 * Subscribes the page to `rooms` while it is mounted. `ideaIds` are the ideas it shows (caught up after
 * each connection). `onEvent` sees every event of those rooms; returns a debounced `revalidate`.
 */
export function useLive(options: {
  rooms: readonly Room[];
  ideaIds?: readonly string[];
  onEvent?: (event: LiveEvent, tools: { revalidate: () => void }) => void;
  onSync?: (result: SyncResult, tools: { revalidate: () => void }) => void;
}): { revalidate: () => void } {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  // While the person's own submission or navigation is under way, a revalidation started now could
  // load data read before their write committed, and Remix lets such a revalidation win over a
  // fetcher's redirect: wait until they are done (their own revalidation then brings fresh data, and
  // ours, right after, whatever else changed).
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const userId = (useRouteLoaderData("root") as { user?: { id: string } | null } | undefined)?.user?.id ?? null;
  const latest = useRef({ options, revalidator, busy });
  latest.current = { options, revalidator, busy };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const revalidate = useRef(() => {
    if (timer.current) return;
    // What arrives live may use messages the first render did not (an item new to the page): the page
    // carries only those (docs/decisions/0046), so the language's catalogue starts loading now, during
    // the debounce, instead of once the new data renders with a missing key (app/entry.client.tsx).
    dispatchEvent(new Event(CATALOGUE_WANTED_EVENT));
    const attempt = () => {
      if (latest.current.busy) {
        timer.current = setTimeout(attempt, REVALIDATE_DEBOUNCE_MS);
        return;
      }
      timer.current = null;
      latest.current.revalidator.revalidate();
    };
    timer.current = setTimeout(attempt, REVALIDATE_DEBOUNCE_MS);
  }).current;

  // Keyed by the rooms only: when the page's ideas change (a revalidation, the next page of a list),
  // its loader data is fresh and the rooms stay joined, so there is nothing to catch up.
  const roomsKey = options.rooms.join(" ");
  useEffect(() => {
    const live = getSocket();
    const rooms = roomsKey ? (roomsKey.split(" ") as Room[]) : [];
    const subscriber: Subscriber = {
      ideaIds: () => latest.current.options.ideaIds ?? [],
      onEvent: (event) => latest.current.options.onEvent?.(event, { revalidate }),
      onSync: (result) => latest.current.options.onSync?.(result, { revalidate }),
      onReconnect: revalidate,
    };
    subscribers.add(subscriber);
    const joined = retain(live, rooms);
    // Already connected: catch up on what happened since the server rendered the page. (Otherwise the
    // "connect" handler joins and catches up every subscriber.)
    if (live.connected) void joined.then(() => subscribers.has(subscriber) && syncSubscriber(live, subscriber));
    return () => {
      subscribers.delete(subscriber);
      release(live, rooms);
    };
  }, [roomsKey, revalidate]);

  // Signing in or out happens without a page load: the connection must be opened again with the new
  // cookie, or it would keep listening as the person it was opened for (the server disconnects a
  // signed-out session itself; a sign-in it cannot know about).
  useEffect(() => {
    const live = getSocket();
    if (connectedAs !== undefined && connectedAs !== userId) {
      reopening = true;
      live.disconnect();
      live.connect();
    }
    connectedAs = userId;
  }, [userId]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { revalidate };
}
