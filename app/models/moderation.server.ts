// Moderation on the database (docs/decisions/0008-moderation.md): flags, the automatic hide once
// enough distinct people flagged something, moderators' decisions (hide, restore, dismiss) and their
// queue (account suspension: suspension.server.ts). Each change is ONE transaction holding the change, the flags it closes, its audit entry
// and the author's notification; realtime events go out only after commit.
import {
  canFlag,
  canFlagComment,
  canModerate,
  canModerateSpace,
  canSuspend,
  type SpaceRef,
  type Viewer,
} from "~/auth/policy.ts";
import type { FlagReason, FlagResolution, HiddenKind, Role } from "~/generated/prisma/enums.ts";
import { pool, prisma, type Tx } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { newId } from "~/lib/id.ts";
import { markdownExcerpt } from "~/lib/markdown.server.ts";
import { publish, recordDomainEvent } from "~/realtime/publish.server.ts";
import type { DomainEvent } from "~/realtime/events.ts";
import { recordAudit } from "./audit.server.ts";
import { requireVisibleIdea, type IdeaAccessRef } from "./idea.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";
import { reachesThreshold, type FlagInput, type ModerationTarget } from "./moderation.ts";
import { listVisibleSpaces } from "./space.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";

type Content = {
  target: ModerationTarget;
  id: string;
  authorId: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  idea: IdeaAccessRef;
};

/** The idea or comment as the viewer may reach it: 404 when the idea is not visible or the comment is not on it. */
async function requireContent(viewer: Viewer, ideaId: string, commentId: string | undefined): Promise<Content> {
  const idea = await requireVisibleIdea(viewer, ideaId);
  if (!commentId)
    return { target: "idea", id: idea.id, authorId: idea.authorId, deletedAt: null, hiddenAt: idea.hiddenAt, idea };
  const comment = await prisma.comment.findFirst({
    where: { id: commentId, ideaId },
    select: { id: true, authorId: true, deletedAt: true, hiddenAt: true },
  });
  if (!comment) notFound();
  return { target: "comment", ...comment, idea };
}

/** Locks the target row for the transaction and reads its current hidden state. */
async function lockTarget(tx: Tx, target: ModerationTarget, id: string) {
  const rows =
    target === "idea"
      ? await tx.$queryRaw<{ hidden_kind: HiddenKind | null; hidden_reason: string | null }[]>`
          select hidden_kind, hidden_reason from ideas where id = ${id} for no key update`
      : await tx.$queryRaw<{ hidden_kind: HiddenKind | null; hidden_reason: string | null }[]>`
          select hidden_kind, hidden_reason from comments where id = ${id} for no key update`;
  const row = rows[0];
  if (!row) notFound();
  return { kind: row.hidden_kind, reason: row.hidden_reason };
}

type HiddenState = { kind: HiddenKind; at: Date; reason: string | null; byId: string | null } | null;

async function setHidden(tx: Tx, target: ModerationTarget, id: string, state: HiddenState) {
  const data = {
    hiddenKind: state?.kind ?? null,
    hiddenAt: state?.at ?? null,
    hiddenReason: state?.reason ?? null,
    hiddenById: state?.byId ?? null,
  };
  if (target === "idea") {
    const idea = await tx.idea.update({ where: { id }, data, select: { spaceId: true } });
    // Webhooks: the event itself, ids only (docs/decisions/0027-job-queue-and-webhooks.md).
    await recordDomainEvent(tx, { type: state ? "idea.hidden" : "idea.restored", ideaId: id, spaceId: idea.spaceId });
  } else await tx.comment.update({ where: { id }, data, select: { id: true } });
}

async function resolveFlags(
  tx: Tx,
  targetId: string,
  resolution: FlagResolution,
  byId: string,
  now: Date,
): Promise<number> {
  const { count } = await tx.flag.updateMany({
    where: { targetId, resolvedAt: null },
    data: { resolvedAt: now, resolvedById: byId, resolution },
  });
  return count;
}

/** What open pages must hear once a target's visibility changed. */
function visibilityEvents(content: Content, hidden: boolean): DomainEvent[] {
  const spaceId = content.idea.space.id;
  const events: DomainEvent[] = [{ type: "moderation:queue", spaceId }];
  if (content.target === "idea") events.push({ type: "idea:moderated", ideaId: content.id, spaceId, hidden });
  // A comment's thread and count change (hidden comments do not count): the idea page reloads its comments.
  else events.push({ type: "idea:comments", ideaId: content.idea.id, spaceId });
  return events;
}

// --- flagging ------------------------------------------------------------------------------------------

/**
 * A person flags an idea (no commentId) or one of its comments. One open flag per person per target
 * (a second one is refused with 409; flagging again after a moderator closed the first reopens it).
 * When the distinct open flags reach FLAG_HIDE_THRESHOLD, the target is hidden pending review in the
 * same transaction, the author is told, and an audit entry (by nobody: the system) records it.
 */
export async function flagContent(options: { user: NonNullable<Viewer>; ideaId: string; input: FlagInput }) {
  const { user, ideaId, input } = options;
  const content = await requireContent(user, ideaId, input.commentId);
  const allowed =
    content.target === "idea"
      ? canFlag(user, { ...content, space: content.idea.space, mergedIntoId: content.idea.mergedIntoId })
      : canFlagComment(user, content.idea, content);
  if (!allowed) forbidden();
  const threshold = env().FLAG_HIDE_THRESHOLD;
  const now = new Date();
  const result = await prisma.$transaction(async (tx) => {
    const current = await lockTarget(tx, content.target, content.id);
    if (current.kind) throw new RuleBroken("moderation.alreadyHidden", { conflict: true });
    const existing = await tx.flag.findUnique({
      where: { targetId_reporterId: { targetId: content.id, reporterId: user.id } },
      select: { id: true, resolvedAt: true },
    });
    if (existing && existing.resolvedAt === null) throw new RuleBroken("moderation.alreadyFlagged", { conflict: true });
    const fields = { reason: input.reason, note: input.note ?? null, createdAt: now };
    if (existing) {
      await tx.flag.update({
        where: { id: existing.id },
        data: { ...fields, resolvedAt: null, resolvedById: null, resolution: null },
        select: { id: true },
      });
    } else {
      await tx.flag.create({
        data: {
          id: newId(),
          targetId: content.id,
          ideaId: content.idea.id,
          commentId: content.target === "comment" ? content.id : null,
          reporterId: user.id,
          ...fields,
        },
        select: { id: true },
      });
    }
    const open = await tx.flag.count({ where: { targetId: content.id, resolvedAt: null } });
    if (!reachesThreshold(open, threshold)) return { hidden: false, notified: [] as string[] };
    await setHidden(tx, content.target, content.id, { kind: "PENDING_REVIEW", at: now, reason: null, byId: null });
    await recordAudit(tx, {
      actorId: null,
      action: "moderation.autohide",
      target: { type: content.target, id: content.id },
      before: { hidden: null },
      after: { hidden: "PENDING_REVIEW", openFlags: open, threshold },
    });
    const notified = await notifyUser(tx, {
      userId: content.authorId,
      ideaId: content.idea.id,
      type: "moderation.hidden",
      data: { target: content.target, pending: true, reason: null },
    });
    return { hidden: true, notified };
  });
  if (result.hidden) for (const event of visibilityEvents(content, true)) publish(event);
  else publish({ type: "moderation:queue", spaceId: content.idea.space.id });
  announceNotifications(result.notified);
  return { hidden: result.hidden };
}

// --- moderators' decisions -------------------------------------------------------------------------------

async function requireModeratedContent(viewer: Viewer, target: ModerationTarget, targetId: string): Promise<Content> {
  if (!canModerate(viewer)) forbidden();
  let ideaId = targetId;
  if (target === "comment") {
    const comment = await prisma.comment.findUnique({ where: { id: targetId }, select: { ideaId: true } });
    if (!comment) notFound();
    ideaId = comment.ideaId;
  }
  const content = await requireContent(viewer, ideaId, target === "comment" ? targetId : undefined);
  if (!canModerateSpace(viewer, content.idea.space)) forbidden();
  return content;
}

const hiddenSnapshot = (state: { kind: HiddenKind | null; reason: string | null }) => ({
  hidden: state.kind,
  reason: state.reason,
});

/** A moderator hides an idea or a comment, with a reason shown to its author; its open flags are closed. */
export async function hideContent(options: {
  user: NonNullable<Viewer>;
  target: ModerationTarget;
  targetId: string;
  reason: string;
  /** The moderator's interface language, the reason's in the audit log (docs/decisions/0037). */
  language?: string;
}) {
  const { user, target, targetId, reason } = options;
  const content = await requireModeratedContent(user, target, targetId);
  const now = new Date();
  const notified = await prisma.$transaction(async (tx) => {
    const before = await lockTarget(tx, target, targetId);
    if (before.kind === "MODERATOR") throw new RuleBroken("moderation.alreadyHidden", { conflict: true });
    await setHidden(tx, target, targetId, { kind: "MODERATOR", at: now, reason, byId: user.id });
    const closed = await resolveFlags(tx, targetId, "HIDDEN", user.id, now);
    await recordAudit(tx, {
      actorId: user.id,
      action: "moderation.hide",
      target: { type: target, id: targetId },
      before: hiddenSnapshot(before),
      after: { hidden: "MODERATOR", reason, flagsClosed: closed },
      language: options.language,
    });
    return notifyUser(tx, {
      userId: content.authorId,
      ideaId: content.idea.id,
      type: "moderation.hidden",
      data: { target, pending: false, reason },
    });
  });
  for (const event of visibilityEvents(content, true)) publish(event);
  announceNotifications(notified);
}

/** A moderator brings hidden content back; its open flags are closed as resolved. */
export async function restoreContent(options: {
  user: NonNullable<Viewer>;
  target: ModerationTarget;
  targetId: string;
}) {
  const { user, target, targetId } = options;
  const content = await requireModeratedContent(user, target, targetId);
  const now = new Date();
  const notified = await prisma.$transaction(async (tx) => {
    const before = await lockTarget(tx, target, targetId);
    if (!before.kind) throw new RuleBroken("moderation.notHidden", { conflict: true });
    await setHidden(tx, target, targetId, null);
    const closed = await resolveFlags(tx, targetId, "RESTORED", user.id, now);
    await recordAudit(tx, {
      actorId: user.id,
      action: "moderation.restore",
      target: { type: target, id: targetId },
      before: hiddenSnapshot(before),
      after: { hidden: null, flagsClosed: closed },
    });
    return notifyUser(tx, {
      userId: content.authorId,
      ideaId: content.idea.id,
      type: "moderation.restored",
      data: { target },
    });
  });
  for (const event of visibilityEvents(content, false)) publish(event);
  announceNotifications(notified);
}

/**
 * A moderator finds the flags unfounded: they are closed, and content hidden only pending review comes
 * back (content a moderator hid stays hidden: that is undone by "restore").
 */
export async function dismissFlags(options: { user: NonNullable<Viewer>; target: ModerationTarget; targetId: string }) {
  const { user, target, targetId } = options;
  const content = await requireModeratedContent(user, target, targetId);
  const now = new Date();
  const { restored, notified } = await prisma.$transaction(async (tx) => {
    const before = await lockTarget(tx, target, targetId);
    const closed = await resolveFlags(tx, targetId, "DISMISSED", user.id, now);
    if (closed === 0) throw new RuleBroken("moderation.noOpenFlags", { conflict: true });
    const restored = before.kind === "PENDING_REVIEW";
    if (restored) await setHidden(tx, target, targetId, null);
    await recordAudit(tx, {
      actorId: user.id,
      action: "moderation.dismiss",
      target: { type: target, id: targetId },
      before: hiddenSnapshot(before),
      after: { ...(restored ? { hidden: null } : hiddenSnapshot(before)), flagsClosed: closed },
    });
    const notified = restored
      ? await notifyUser(tx, {
          userId: content.authorId,
          ideaId: content.idea.id,
          type: "moderation.restored",
          data: { target },
        })
      : [];
    return { restored, notified };
  });
  if (restored) for (const event of visibilityEvents(content, false)) publish(event);
  else publish({ type: "moderation:queue", spaceId: content.idea.space.id });
  announceNotifications(notified);
}

// --- the queue ---------------------------------------------------------------------------------------------

export const QUEUE_SIZE = 100;

export type QueueItem = {
  target: ModerationTarget;
  targetId: string;
  idea: {
    id: string;
    title: string;
    language: string;
    space: { id: string; slug: string; nameFr: string; nameEn: string };
  };
  excerpt: string;
  /** The language the excerpt was written in: the comment's or the idea's (docs/decisions/0029). */
  language: string;
  author: { id: string; displayName: string; role: Role; suspended: boolean; canSuspend: boolean };
  hidden: { kind: HiddenKind; reason: string | null } | null;
  flagCount: number;
  firstFlaggedAt: string;
  flags: { reason: FlagReason; note: string | null; createdAt: string }[];
};

/**
 * Open flagged items of the spaces the moderator can see: most flagged first, then oldest first.
 * Reporters are not shown (a flag is not a public accusation); their reasons and notes are.
 */
export async function listModerationQueue(viewer: Viewer): Promise<{ items: QueueItem[]; spaces: SpaceRef[] }> {
  if (!canModerate(viewer)) forbidden();
  const spaces = (await listVisibleSpaces(viewer)).filter((s) => canModerateSpace(viewer, s));
  const { rows } = await pool.query<{
    target_id: string;
    idea_id: string;
    comment_id: string | null;
    flags: number;
    first_at: Date;
  }>(
    `select f.target_id, f.idea_id, f.comment_id, count(*)::int as flags, min(f.created_at) as first_at
       from flags f join ideas i on i.id = f.idea_id
      where f.resolved_at is null and i.space_id = any($1::text[])
      group by f.target_id, f.idea_id, f.comment_id
      order by flags desc, first_at asc, f.target_id
      limit $2`,
    [spaces.map((s) => s.id), QUEUE_SIZE],
  );
  if (rows.length === 0) return { items: [], spaces };
  const authorSelect = { select: { id: true, displayName: true, role: true, suspendedAt: true } } as const;
  const hiddenSelect = { hiddenKind: true, hiddenReason: true } as const;
  const [ideas, comments, flags] = await Promise.all([
    prisma.idea.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.idea_id))] } },
      select: {
        id: true,
        title: true,
        language: true,
        summary: true,
        ...hiddenSelect,
        author: authorSelect,
        space: { select: { id: true, slug: true, nameFr: true, nameEn: true } },
      },
    }),
    prisma.comment.findMany({
      where: { id: { in: rows.flatMap((r) => (r.comment_id ? [r.comment_id] : [])) } },
      select: { id: true, body: true, language: true, ...hiddenSelect, author: authorSelect },
    }),
    prisma.flag.findMany({
      where: { targetId: { in: rows.map((r) => r.target_id) }, resolvedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { targetId: true, reason: true, note: true, createdAt: true },
    }),
  ]);
  const ideaById = new Map(ideas.map((i) => [i.id, i]));
  const commentById = new Map(comments.map((c) => [c.id, c]));
  const items: QueueItem[] = [];
  for (const row of rows) {
    const idea = ideaById.get(row.idea_id);
    const comment = row.comment_id ? commentById.get(row.comment_id) : undefined;
    if (!idea || (row.comment_id && !comment)) continue;
    const source = comment ?? idea;
    items.push({
      target: comment ? "comment" : "idea",
      targetId: row.target_id,
      idea: { id: idea.id, title: idea.title, language: idea.language, space: idea.space },
      excerpt: comment ? markdownExcerpt(comment.body, 220) : idea.summary,
      language: source.language,
      author: {
        id: source.author.id,
        displayName: source.author.displayName,
        role: source.author.role,
        suspended: source.author.suspendedAt !== null,
        canSuspend: canSuspend(viewer, source.author),
      },
      hidden: source.hiddenKind ? { kind: source.hiddenKind, reason: source.hiddenReason } : null,
      flagCount: row.flags,
      firstFlaggedAt: row.first_at.toISOString(),
      flags: flags
        .filter((f) => f.targetId === row.target_id)
        .map((f) => ({ reason: f.reason, note: f.note, createdAt: f.createdAt.toISOString() })),
    });
  }
  return { items, spaces };
}
