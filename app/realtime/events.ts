// The realtime contract, shared by the server (the one emitter) and the client (useLive).
// Payloads carry ids and numbers, never rendered content: a page that needs new content revalidates
// through its loader, so every byte shown still passes the policy checks of the loaders.
// docs/decisions/0005-realtime.md
import type { IdeaStage } from "~/generated/prisma/enums.ts";

/** Rooms a socket may ask to join; the server checks each against the policy (app/auth/policy.ts). */
export type Room =
  | `space:${string}` // a space's idea list
  | `idea:${string}` // an idea page
  | `queue:${string}` // a space's innovation-pipeline queue (managers)
  | `moderation:${string}` // a space's moderation queue (moderators)
  | `user:${string}`; // a person's own notifications (joined automatically on connection)

export const ROOM_KINDS = ["space", "idea", "queue", "moderation", "user"] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

const ROOM_PATTERN = /^(space|idea|queue|moderation|user):([A-Za-z0-9_-]{1,64})$/;

/** The kind and id of a well-formed room name, or null (the server answers "invalid"). */
export function parseRoom(room: unknown): { kind: RoomKind; id: string } | null {
  if (typeof room !== "string") return null;
  const match = ROOM_PATTERN.exec(room);
  return match ? { kind: match[1] as RoomKind, id: match[2]! } : null;
}

export const roomOf = {
  space: (spaceId: string): Room => `space:${spaceId}`,
  idea: (ideaId: string): Room => `idea:${ideaId}`,
  queue: (spaceId: string): Room => `queue:${spaceId}`,
  moderation: (spaceId: string): Room => `moderation:${spaceId}`,
  user: (userId: string): Room => `user:${userId}`,
};

/**
 * Where an event stands in the emitting process's stream (docs/decisions/0005-realtime.md,
 * "Convergence"): `p` names the process's run, `n` gives the event's position in that run's sequence for
 * each room it was sent to. A page that sees a position skipped in a room it is in missed an event, and
 * re-syncs (app/realtime/gaps.ts). Absent on events about hidden content, which only some of a room's
 * sockets receive (numbering them would make the others see gaps).
 */
export type StreamMark = { p: string; n: Record<string, number> };
type Marked = { stream?: StreamMark };

/**
 * `at` is the database clock (milliseconds since the epoch, microsecond fraction) when the values were
 * read, so events from several processes can be ordered: a client ignores an event older than the last
 * one it applied for the same idea and value, and a loader's data carries the same clock (`countsAt`).
 */
export type ServerEvents = {
  /** Exact support count of an idea (coalesced: a few per second per idea at most). */
  "idea:support": (payload: { ideaId: string; spaceId: string; supports: number; at: number } & Marked) => void;
  /** A comment was added, edited or deleted on an idea; `comments` is the exact count. */
  "idea:comments": (payload: { ideaId: string; spaceId: string; comments: number; at: number } & Marked) => void;
  /** The idea's text or tags changed. */
  "idea:updated": (payload: { ideaId: string; spaceId: string; at: number } & Marked) => void;
  /** The idea moved in the pipeline. */
  "idea:stage": (payload: { ideaId: string; spaceId: string; stage: IdeaStage; at: number } & Marked) => void;
  /** A new idea in a space. */
  "space:idea-created": (
    payload: { ideaId: string; spaceId: string; challengeId: string | null; at: number } & Marked,
  ) => void;
  /**
   * Moderation hid the idea, or brought it back: open lists and pages reload it (those who may not see
   * it drop it). Ids only. After this, a hidden idea's events reach only its page's sockets of its author and moderators.
   */
  "idea:moderated": (payload: { ideaId: string; spaceId: string; hidden: boolean; at: number } & Marked) => void;
  /** A hackathon's registrations, teams, projects or results changed (its page re-reads them). */
  "hackathon:changed": (payload: { hackathonId: string; spaceId: string; at: number } & Marked) => void;
  /** The moderation queue of a space changed (a new flag, a decision): sent to `moderation:<spaceId>` only. */
  "moderation:queue": (payload: { spaceId: string; at: number } & Marked) => void;
  /** The person has a new in-app notification (sent to `user:<id>` only; content is read through a loader). */
  "notification:new": (payload: { at: number } & Marked) => void;
  /**
   * Not an event about anything: this process lost messages of another one (an event-bus outage), so
   * the page asks `sync` again, at a random moment within `spreadMs` (thousands of pages do not all ask
   * at once). Carries nothing, so it goes to every socket of the process.
   */
  "live:resync": (payload: { spreadMs: number }) => void;
};

export type ServerEventName = keyof ServerEvents;

/** Every event name a process may relay to the others (what it accepts from a peer). */
export const SERVER_EVENT_NAMES: readonly ServerEventName[] = [
  "idea:support",
  "idea:comments",
  "idea:updated",
  "idea:stage",
  "space:idea-created",
  "notification:new",
  "idea:moderated",
  "moderation:queue",
  "hackathon:changed",
];
export type ServerPayload<E extends ServerEventName> = Parameters<ServerEvents[E]>[0];

/** "unavailable": the server could not answer (its database is down); the page tries again later. */
export type JoinResult = { ok: true } | { ok: false; error: "forbidden" | "invalid" | "unavailable" };

/** Current values of ideas the viewer may see, read in one snapshot at `at`. */
export type IdeaSnapshot = { ideaId: string; supports: number; comments: number; stage: IdeaStage; updatedAt: number };
export type SyncResult = { at: number; ideas: IdeaSnapshot[] };

/** At most this many ideas per `sync` request (a list page shows 20). */
export const SYNC_LIMIT = 50;

export type ClientEvents = {
  /** Joining a room the viewer may not see, or that does not exist, answers "forbidden" (no existence leak). */
  join: (room: Room, ack: (result: JoinResult) => void) => void;
  leave: (room: Room) => void;
  /** Catch-up for a page after (re)joining: exact values of the ideas it shows; invisible ones are left out. */
  sync: (ideaIds: string[], ack: (result: SyncResult) => void) => void;
};

/**
 * What models publish after their write committed (app/realtime/publish.server.ts). The realtime
 * module decides the rooms, reads exact values and the clock, and emits.
 */
export type DomainEvent =
  | { type: "idea:support"; ideaId: string; spaceId: string }
  | { type: "idea:comments"; ideaId: string; spaceId: string }
  | { type: "idea:updated"; ideaId: string; spaceId: string }
  | { type: "idea:stage"; ideaId: string; spaceId: string; stage: IdeaStage }
  | { type: "space:idea-created"; ideaId: string; spaceId: string; challengeId: string | null }
  | { type: "notification:new"; userId: string }
  | { type: "idea:moderated"; ideaId: string; spaceId: string; hidden: boolean }
  | { type: "moderation:queue"; spaceId: string }
  | { type: "hackathon:changed"; hackathonId: string; spaceId: string }
  // Access changes: the person's sockets are disconnected on every process, and reconnect (as
  // anonymous, or with the new rights) — so a revoked session or right stops receiving at once.
  | { type: "session:revoked"; sessionId: string }
  | { type: "user:access-changed"; userId: string };
