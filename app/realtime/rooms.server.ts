// Who may listen where: resolves a room name to what it is about and asks THE policy
// (app/auth/policy.ts canJoinRoom, canViewSpace). A room about something that does not exist answers
// exactly like one the viewer may not see, so room names reveal nothing.
import { canJoinRoom, canViewIdea, type RoomTarget, type SpaceRef, type Viewer } from "~/auth/policy.ts";
import { pool } from "~/lib/db.server.ts";
import { exactCountsAt } from "~/models/counters.server.ts";
import { parseRoom, SYNC_LIMIT, type IdeaSnapshot, type JoinResult, type SyncResult } from "./events.ts";

// Which space a room is about, cached briefly: after a restart or a network blip thousands of sockets
// re-join the same few rooms within seconds. Only the facts are cached (an idea never changes space;
// a space's audience changes only through a migration); the policy is asked on every join, with the
// socket's current viewer. Lookups in flight are shared.
const FACTS_TTL_MS = 30_000;
const FACTS_MAX = 50_000;
const facts = new Map<string, { space: Promise<SpaceRef | null>; until: number }>();

function remembered(key: string, load: () => Promise<SpaceRef | null>): Promise<SpaceRef | null> {
  const hit = facts.get(key);
  if (hit && hit.until > Date.now()) return hit.space;
  if (facts.size >= FACTS_MAX) facts.clear();
  const space = load().then((found) => {
    if (!found) facts.delete(key); // unknown ids are not remembered
    return found;
  });
  space.catch(() => facts.delete(key));
  facts.set(key, { space, until: Date.now() + FACTS_TTL_MS });
  return space;
}

function spaceById(spaceId: string): Promise<SpaceRef | null> {
  return remembered(`space:${spaceId}`, async () => {
    const { rows } = await pool.query<SpaceRef>("select id, audience from spaces where id = $1", [spaceId]);
    return rows[0] ?? null;
  });
}

function spaceOfIdea(ideaId: string): Promise<SpaceRef | null> {
  return remembered(`idea:${ideaId}`, async () => {
    const { rows } = await pool.query<SpaceRef>(
      "select s.id, s.audience from ideas i join spaces s on s.id = i.space_id where i.id = $1",
      [ideaId],
    );
    return rows[0] ?? null;
  });
}

async function targetOf(room: { kind: string; id: string }): Promise<RoomTarget | null> {
  switch (room.kind) {
    case "space":
    case "queue":
    case "moderation": {
      const space = await spaceById(room.id);
      return space && { kind: room.kind, space };
    }
    case "idea": {
      const space = await spaceOfIdea(room.id);
      return space && { kind: "idea", space };
    }
    case "user":
      return { kind: "user", userId: room.id };
    default:
      return null;
  }
}

export async function authorizeJoin(viewer: Viewer, room: unknown): Promise<JoinResult> {
  const parsed = parseRoom(room);
  if (!parsed) return { ok: false, error: "invalid" };
  const target = await targetOf(parsed);
  if (!target || !canJoinRoom(viewer, target)) return { ok: false, error: "forbidden" };
  return { ok: true };
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Current exact values of the ideas among `ideaIds` the viewer may see (the others are left out): a
 * hidden idea only for its author and its space's moderators, like every realtime payload about it
 * (app/auth/policy.ts canViewIdea, docs/decisions/0008-moderation.md).
 */
export async function syncIdeas(viewer: Viewer, ideaIds: unknown): Promise<SyncResult> {
  const ids = Array.isArray(ideaIds)
    ? [...new Set(ideaIds.filter((id): id is string => typeof id === "string" && ID_PATTERN.test(id)))].slice(
        0,
        SYNC_LIMIT,
      )
    : [];
  const { at, ideas } = await exactCountsAt(ids);
  const visible: IdeaSnapshot[] = [];
  for (const [ideaId, values] of ideas) {
    const idea = {
      authorId: values.authorId,
      hiddenAt: values.hidden ? "hidden" : null,
      space: { id: values.spaceId, audience: values.audience },
    };
    if (!canViewIdea(viewer, idea)) continue;
    visible.push({
      ideaId,
      supports: values.supports,
      comments: values.comments,
      stage: values.stage,
      updatedAt: values.updatedAt,
    });
  }
  return { at, ideas: visible };
}
