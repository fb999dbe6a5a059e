// The one place that emits realtime events (docs/decisions/0005-realtime.md). It receives the domain
// events that models publish after commit (publish.server.ts), and:
//   - coalesces: events are batched per process and flushed at most once per `windowMs` (the first
//     one after a quiet period goes out at once), so an idea gets at most a few broadcasts per second
//     whatever the vote rate;
//   - reads, at flush, the EXACT counts of every idea in the batch and the database clock in one
//     statement — an event always carries the current number, so a late or lost event is repaired by
//     the next one, and clients order events by `at`;
//   - emits to rooms only (never a global broadcast): idea:<id>, space:<spaceId>, queue:<spaceId>,
//     moderation:<spaceId>, user:<id>; about an idea hidden by moderation, the news that it was, and
//     its page's events only to the sockets of its author and its space's moderators;
//     locally, and to the other processes as ONE adapter message per flush (serverSideEmit), which each
//     of them emits to its own sockets — rather than one NOTIFY per event: at hundreds of votes per
//     second on different ideas, that would be one more database round trip per vote;
//   - turns access changes into disconnections on every process (through the adapter);
//   - never drops a batch: while the database does not answer it keeps the batch (newer events merged
//     in) and tries again every few seconds, so open pages get the exact values once it is back;
//   - numbers what it sends (per room for the pages, per message for the other processes) and sends a
//     beat every few seconds, so a page or a process that missed something notices (gaps.ts).
import { randomBytes } from "node:crypto";
import type { Server } from "socket.io";
import { canSeeHidden, type SpaceRef } from "~/auth/policy.ts";
import { exactCountsAt } from "~/models/counters.server.ts";
import {
  parseRoom,
  SERVER_EVENT_NAMES,
  roomOf,
  type ClientEvents,
  type DomainEvent,
  type Room,
  type ServerEvents,
  type StreamMark,
} from "./events.ts";

/**
 * Hidden content reaches only its author and its space's moderators (app/auth/policy.ts canSeeHidden):
 * an event about a hidden idea names them, and each process emits it only to those of the room's
 * sockets whose viewer the policy lets see it.
 */
export type HiddenAudience = { authorId: string; space: SpaceRef };

/** One event for some rooms, as a flush produces it. */
export type Outgoing = {
  [E in keyof ServerEvents]: {
    rooms: Room[];
    name: E;
    payload: Parameters<ServerEvents[E]>[0];
    onlyFor?: HiddenAudience;
  };
}[keyof ServerEvents];

/** A message's place in its process's stream of messages to the others: `from` names the process's run. */
export type PeerMark = { from: string; seq: number };

/**
 * Between app processes, through the adapter: a flush's events, for each process to emit to its own
 * sockets, numbered; and the beat that says how many were sent (app/realtime/gaps.ts PeerStreams).
 */
export type InterServerEvents = {
  "realtime:batch": (batch: Outgoing[], mark?: PeerMark) => void;
  "realtime:beat": (mark: PeerMark) => void;
};

export type RealtimeServer = Server<ClientEvents, ServerEvents, InterServerEvents, SocketData>;
export type SocketData = {
  viewer: import("~/auth/policy.ts").Viewer;
  sessionId: string | null;
};

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

type Discrete = Exclude<
  DomainEvent,
  { type: "idea:support" | "idea:comments" | "session:revoked" | "user:access-changed" }
>;
type Dirty = { spaceId: string; supports: boolean; comments: boolean };

/** Failed reads are retried after 1 s, 2 s, then every 3 s until the database answers. */
const MAX_RETRY_DELAY_MS = 3000;
/** Rooms numbered per run; past this many, a new run starts (pages then take a new baseline). */
const MAX_NUMBERED_ROOMS = 100_000;
/** Keeps each adapter message under PostgreSQL NOTIFY's 8,000-byte payload limit (no attachment table round trip). */
const MAX_BATCH_BYTES = 6000;
const SERVER_EVENTS: ReadonlySet<string> = new Set(SERVER_EVENT_NAMES);

export class Emitter {
  private dirty = new Map<string, Dirty>();
  private discrete = new Map<string, Discrete>(); // keyed so a repeated event in one batch goes out once
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastFlushAt = 0;
  private failures = 0;
  private closed = false;
  /** This run's name, and each room's last position in it (StreamMark). */
  private run = randomBytes(6).toString("base64url");
  private roomSeq = new Map<string, number>();
  /** Messages sent to the other processes so far (PeerMark). */
  private sent = 0;
  readonly from = randomBytes(6).toString("base64url");

  constructor(
    private readonly io: RealtimeServer,
    private readonly windowMs = 250,
  ) {}

  accept(event: DomainEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case "idea:support":
      case "idea:comments": {
        const entry = this.dirty.get(event.ideaId) ?? { spaceId: event.spaceId, supports: false, comments: false };
        if (event.type === "idea:support") entry.supports = true;
        else entry.comments = true;
        this.dirty.set(event.ideaId, entry);
        break;
      }
      case "session:revoked":
        this.io.in(sessionRoom(event.sessionId)).disconnectSockets(true);
        return;
      case "user:access-changed":
        this.io.in(roomOf.user(event.userId)).disconnectSockets(true);
        return;
      case "idea:updated":
      case "idea:stage":
      case "space:idea-created":
        this.discrete.set(`${event.type}|${event.ideaId}`, event);
        break;
      case "notification:new":
        this.discrete.set(`${event.type}|${event.userId}`, event);
        break;
      case "idea:moderated":
        // A later decision in the same batch replaces an earlier one.
        this.discrete.set(`${event.type}|${event.ideaId}`, event);
        break;
      case "moderation:queue":
        this.discrete.set(`${event.type}|${event.spaceId}`, event);
        break;
      case "hackathon:changed":
        this.discrete.set(`${event.type}|${event.hackathonId}`, event);
        break;
      default:
        event satisfies never;
        return;
    }
    this.schedule();
  }

  private schedule(delay = Math.max(0, this.lastFlushAt + this.windowMs - Date.now())): void {
    if (this.timer || this.flushing || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.dirty.size || this.discrete.size)
          this.schedule(this.failures ? Math.min(1000 * this.failures, MAX_RETRY_DELAY_MS) : undefined);
      });
    }, delay);
    this.timer.unref();
  }

  /** Reads exact values for the batch and emits it. Never throws: a failed read is retried until it succeeds. */
  private async flush(): Promise<void> {
    if (!this.dirty.size && !this.discrete.size) return;
    this.lastFlushAt = Date.now();
    const dirty = this.dirty;
    const discrete = this.discrete;
    this.dirty = new Map();
    this.discrete = new Map();
    let read: Awaited<ReturnType<typeof exactCountsAt>>;
    try {
      // Discrete events' ideas too: nothing is emitted about an idea that is hidden at flush time.
      const ideaIds = new Set(dirty.keys());
      for (const event of discrete.values()) if ("ideaId" in event) ideaIds.add(event.ideaId);
      read = await exactCountsAt([...ideaIds]);
      if (this.failures) console.warn(`[realtime] reading counts works again, after ${this.failures} failures.`);
      this.failures = 0;
    } catch (error) {
      this.failures++;
      // Put the batch back (newer events that arrived meanwhile take precedence): it goes out with the
      // exact values once the database answers again. Its size is bounded by the ideas concerned.
      for (const [id, entry] of dirty) {
        const newer = this.dirty.get(id);
        this.dirty.set(
          id,
          newer
            ? { ...newer, supports: newer.supports || entry.supports, comments: newer.comments || entry.comments }
            : entry,
        );
      }
      for (const [key, event] of discrete) if (!this.discrete.has(key)) this.discrete.set(key, event);
      if (this.failures === 1 || this.failures % 20 === 0)
        console.warn(
          `[realtime] reading counts failed (attempt ${this.failures}), retrying until it works:`,
          (error as Error).message,
        );
      return;
    }
    const { at } = read;
    const batch: Outgoing[] = [];
    /**
     * About a hidden idea: its page's room only, and there only the sockets of those who may see it
     * (its author, its space's moderators); lists, queues and everyone else hear nothing.
     */
    const hiddenAudience = (ideaId: string): HiddenAudience | null => {
      const values = read.ideas.get(ideaId);
      return values?.hidden
        ? { authorId: values.authorId, space: { id: values.spaceId, audience: values.audience } }
        : null;
    };
    const push = (ideaId: string, event: Outgoing) => {
      const onlyFor = hiddenAudience(ideaId);
      if (!onlyFor) batch.push(event);
      else batch.push({ ...event, rooms: [roomOf.idea(ideaId)], onlyFor });
    };
    for (const [ideaId, entry] of dirty) {
      const values = read.ideas.get(ideaId);
      if (!values) continue; // deleted meanwhile
      const rooms = [roomOf.idea(ideaId), roomOf.space(values.spaceId)];
      if (entry.supports)
        push(ideaId, {
          rooms,
          name: "idea:support",
          payload: { ideaId, spaceId: values.spaceId, supports: values.supports, at },
        });
      if (entry.comments)
        push(ideaId, {
          rooms,
          name: "idea:comments",
          payload: { ideaId, spaceId: values.spaceId, comments: values.comments, at },
        });
    }
    for (const event of discrete.values()) {
      // The news that an idea was hidden or restored goes to everyone concerned (ids only, no content).
      if (event.type === "idea:moderated") {
        batch.push({
          rooms: [
            roomOf.idea(event.ideaId),
            roomOf.space(event.spaceId),
            roomOf.queue(event.spaceId),
            roomOf.moderation(event.spaceId),
          ],
          name: "idea:moderated",
          payload: { ideaId: event.ideaId, spaceId: event.spaceId, hidden: event.hidden, at },
        });
        continue;
      }
      // Nothing about a hidden idea reaches lists (a new idea is never hidden; this is for safety).
      if (event.type === "space:idea-created" && hiddenAudience(event.ideaId)) continue;
      switch (event.type) {
        case "idea:updated":
          push(event.ideaId, {
            rooms: [roomOf.idea(event.ideaId), roomOf.space(event.spaceId)],
            name: "idea:updated",
            payload: { ideaId: event.ideaId, spaceId: event.spaceId, at },
          });
          break;
        case "idea:stage":
          push(event.ideaId, {
            rooms: [roomOf.idea(event.ideaId), roomOf.space(event.spaceId), roomOf.queue(event.spaceId)],
            name: "idea:stage",
            payload: { ideaId: event.ideaId, spaceId: event.spaceId, stage: event.stage, at },
          });
          break;
        case "space:idea-created":
          batch.push({
            rooms: [roomOf.space(event.spaceId), roomOf.queue(event.spaceId)],
            name: "space:idea-created",
            payload: { ideaId: event.ideaId, spaceId: event.spaceId, challengeId: event.challengeId, at },
          });
          break;
        case "notification:new":
          batch.push({ rooms: [roomOf.user(event.userId)], name: "notification:new", payload: { at } });
          break;
        case "moderation:queue":
          batch.push({
            rooms: [roomOf.moderation(event.spaceId)],
            name: "moderation:queue",
            payload: { spaceId: event.spaceId, at },
          });
          break;
        case "hackathon:changed":
          batch.push({
            rooms: [roomOf.space(event.spaceId)],
            name: "hackathon:changed",
            payload: { hackathonId: event.hackathonId, spaceId: event.spaceId, at },
          });
          break;
      }
    }
    this.number(batch);
    this.emitLocally(batch);
    // The other processes, in messages that each fit in one NOTIFY.
    let chunk: Outgoing[] = [];
    let bytes = 0;
    for (const event of batch) {
      const size = JSON.stringify(event).length + 1;
      if (chunk.length && bytes + size > MAX_BATCH_BYTES) {
        this.sendToPeers(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(event);
      bytes += size;
    }
    if (chunk.length) this.sendToPeers(chunk);
  }

  /** Gives each event its position in each of its rooms (not events about hidden content: see StreamMark). */
  private number(batch: Outgoing[]): void {
    if (this.roomSeq.size > MAX_NUMBERED_ROOMS) {
      this.roomSeq.clear();
      this.run = randomBytes(6).toString("base64url");
    }
    for (const event of batch) {
      if (event.onlyFor) continue;
      const n: Record<string, number> = {};
      for (const room of event.rooms) {
        const seq = (this.roomSeq.get(room) ?? 0) + 1;
        this.roomSeq.set(room, seq);
        n[room] = seq;
      }
      (event.payload as { stream?: StreamMark }).stream = { p: this.run, n };
    }
  }

  /** Numbered even when the bus fails to carry it: the others then see the gap at the next beat. */
  private sendToPeers(chunk: Outgoing[]): void {
    const mark = { from: this.from, seq: ++this.sent };
    try {
      this.io.serverSideEmit("realtime:batch", chunk, mark);
    } catch (error) {
      console.warn("[realtime] sending to the other processes failed:", (error as Error).message);
    }
  }

  /** Tells the other processes how many messages this one sent (called every few seconds). */
  beat(): void {
    if (this.closed) return;
    try {
      this.io.serverSideEmit("realtime:beat", { from: this.from, seq: this.sent });
    } catch (error) {
      console.warn("[realtime] beat failed:", (error as Error).message);
    }
  }

  /** Emits to this process's sockets in the events' rooms (a socket in several of them gets it once). */
  emitLocally(batch: unknown): void {
    if (!Array.isArray(batch)) return;
    for (const event of batch as Outgoing[]) {
      // From the adapter's channel too: emit only well-formed events, to room names only.
      // (An empty room list would mean every socket: never.)
      if (!event || !SERVER_EVENTS.has(event.name) || !Array.isArray(event.rooms) || event.rooms.length === 0) continue;
      if (!event.rooms.every((room) => parseRoom(room) !== null)) continue;
      if (event.onlyFor !== undefined) {
        this.emitToThoseWhoSeeHidden(event);
        continue;
      }
      (this.io.local.to(event.rooms) as { emit: (name: string, payload: unknown) => boolean }).emit(
        event.name,
        event.payload,
      );
    }
  }

  /** An event about hidden content: to this process's sockets in its rooms whose viewer may see it. */
  private emitToThoseWhoSeeHidden(event: Outgoing): void {
    const audience = event.onlyFor;
    if (
      !audience ||
      typeof audience.authorId !== "string" ||
      typeof audience.space?.id !== "string" ||
      (audience.space.audience !== "PUBLIC" && audience.space.audience !== "INTERNAL")
    )
      return;
    const namespace = this.io.of("/");
    const sent = new Set<string>();
    for (const room of event.rooms) {
      for (const socketId of namespace.adapter.rooms.get(room) ?? []) {
        const socket = namespace.sockets.get(socketId);
        if (!socket || sent.has(socketId) || !canSeeHidden(socket.data.viewer, audience)) continue;
        sent.add(socketId);
        (socket as unknown as { emit: (name: string, payload: unknown) => boolean }).emit(event.name, event.payload);
      }
    }
  }

  /** Sends what is pending, then accepts nothing more. */
  async close(): Promise<void> {
    this.closed = true; // accepts and schedules nothing more; one last attempt below
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.flushing;
    await this.flush();
  }
}
