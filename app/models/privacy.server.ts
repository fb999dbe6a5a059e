// GDPR self-service: "download my data" (articles 15 and 20) and "delete my account" (article 17).
// What is erased, kept or re-attributed, and why: docs/decisions/0009-anti-abuse-and-account-deletion.md.
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { DELETED_USER_ID, DELETED_USER_NAME, type ContributionChoice } from "./account.ts";
import { requireCurrentPassword } from "./account.server.ts";
import { removeStoredFiles } from "./attachment.server.ts";
import { recordAudit } from "./audit.server.ts";
import { removeAvatarFiles } from "./avatar.server.ts";
import { personalRateLimitKeys } from "./rate-limit.server.ts";
import { RuleBroken } from "./errors.ts";
import { eraseMentionsOf, exportSocialData } from "./social-privacy.server.ts";
import { exportHackathonData, releaseHackathonPlaces } from "./hackathon-privacy.server.ts";
import { announceNotifications } from "./notification.server.ts";

type Person = { id: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Everything stored about the person, as JSON-ready data: profile, ideas, comments, supports,
 * notifications, sessions (never the secret's hash, nor the session id that indexes the cookie),
 * space accesses, and the work staff members did (evaluations, official answers, stage moves).
 * The export itself is audited, in the same transaction as the reads.
 */
export async function exportMyData(options: { user: Person }) {
  const userId = options.user.id;
  return prisma.$transaction(async (tx) => {
    const [
      profile,
      ideas,
      comments,
      votes,
      notifications,
      sessions,
      spaceAccesses,
      evaluations,
      officialAnswers,
      stageMoves,
      emailPreferences,
      flags,
    ] = await Promise.all([
      tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: {
          id: true,
          email: true,
          displayName: true,
          role: true,
          locale: true,
          suspendedAt: true,
          suspendedReason: true,
          createdAt: true,
          updatedAt: true,
        },
      }),
      tx.idea.findMany({
        where: { authorId: userId },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          title: true,
          body: true,
          tags: true,
          stage: true,
          createdAt: true,
          updatedAt: true,
          space: { select: { slug: true } },
        },
      }),
      tx.comment.findMany({
        where: { authorId: userId },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          ideaId: true,
          parentId: true,
          body: true,
          createdAt: true,
          editedAt: true,
          deletedAt: true,
        },
      }),
      tx.vote.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { ideaId: true, createdAt: true } }),
      tx.notification.findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { id: true, type: true, ideaId: true, data: true, createdAt: true, readAt: true },
      }),
      tx.session.findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ip: true },
      }),
      tx.spaceAccess.findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, space: { select: { slug: true } } },
      }),
      tx.evaluation.findMany({
        where: { evaluatorId: userId },
        select: {
          ideaId: true,
          impact: true,
          feasibility: true,
          cost: true,
          alignment: true,
          comment: true,
          language: true,
          createdAt: true,
          updatedAt: true,
        },
      }),
      tx.officialAnswer.findMany({
        where: { authorId: userId },
        select: { ideaId: true, body: true, language: true, createdAt: true, updatedAt: true },
      }),
      tx.stageTransition.findMany({
        where: { actorId: userId },
        orderBy: { createdAt: "asc" },
        select: { ideaId: true, fromStage: true, toStage: true, note: true, language: true, createdAt: true },
      }),
      tx.notificationPreference.findMany({
        where: { userId },
        orderBy: { type: "asc" },
        select: { type: true, email: true },
      }),
      tx.flag.findMany({
        where: { reporterId: userId },
        orderBy: { createdAt: "asc" },
        select: { ideaId: true, commentId: true, reason: true, note: true, createdAt: true, resolvedAt: true },
      }),
    ]);
    const data = {
      exportedAt: new Date().toISOString(),
      profile: {
        ...profile,
        suspendedAt: iso(profile.suspendedAt),
        createdAt: iso(profile.createdAt),
        updatedAt: iso(profile.updatedAt),
      },
      ideas: ideas.map(({ space, ...i }) => ({
        ...i,
        space: space.slug,
        createdAt: iso(i.createdAt),
        updatedAt: iso(i.updatedAt),
      })),
      comments: comments.map((c) => ({
        ...c,
        createdAt: iso(c.createdAt),
        editedAt: iso(c.editedAt),
        deletedAt: iso(c.deletedAt),
      })),
      votes: votes.map((v) => ({ ideaId: v.ideaId, createdAt: iso(v.createdAt) })),
      notifications: notifications.map((n) => ({
        ...n,
        id: n.id.toString(),
        createdAt: iso(n.createdAt),
        readAt: iso(n.readAt),
      })),
      sessions: sessions.map((s) => ({
        ...s,
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
        expiresAt: iso(s.expiresAt),
      })),
      spaceAccesses: spaceAccesses.map((a) => ({ space: a.space.slug, createdAt: iso(a.createdAt) })),
      evaluations: evaluations.map((e) => ({ ...e, createdAt: iso(e.createdAt), updatedAt: iso(e.updatedAt) })),
      officialAnswers: officialAnswers.map((a) => ({ ...a, createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) })),
      stageMoves: stageMoves.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
      emailPreferences,
      flags: flags.map((f) => ({ ...f, createdAt: iso(f.createdAt), resolvedAt: iso(f.resolvedAt) })),
      // Which supplier terms the person accepted, and when (docs/decisions/0024).
      supplierTermsAcceptances: (
        await tx.supplierTermsAcceptance.findMany({
          where: { userId },
          orderBy: { version: "asc" },
          select: { version: true, acceptedAt: true },
        })
      ).map((a) => ({ version: a.version, acceptedAt: iso(a.acceptedAt) })),
      // The files they attached (docs/decisions/0030): each one downloads from its link while signed in.
      attachments: (
        await tx.attachment.findMany({
          where: { uploaderId: userId },
          orderBy: { createdAt: "asc" },
          select: { id: true, ideaId: true, name: true, mime: true, size: true, confidential: true, createdAt: true },
        })
      ).map((a) => ({ ...a, url: `/pieces-jointes/${a.id}`, createdAt: iso(a.createdAt) })),
      // Files kept from a form not sent yet (a preview, a refused field): gone after a day (docs/decisions/0030).
      pendingUploads: (
        await tx.pendingUpload.findMany({
          where: { uploaderId: userId },
          orderBy: { createdAt: "asc" },
          select: { name: true, mime: true, size: true, createdAt: true },
        })
      ).map((u) => ({ ...u, createdAt: iso(u.createdAt) })),
      // Bio and profile setting, follows, mentions of the person (docs/decisions/0031).
      ...(await exportSocialData(tx, userId)),
      // Hackathon registrations, teams, co-authorships, jury seats and scores (docs/decisions/0035).
      ...(await exportHackathonData(tx, userId)),
    };
    await recordAudit(tx, {
      actorId: userId,
      action: "user.export",
      target: { type: "user", id: userId },
      after: {
        ideas: ideas.length,
        comments: comments.length,
        votes: votes.length,
        notifications: notifications.length,
      },
    });
    return data;
  });
}

/** Stages in which an idea is the agency's work too (a pilot, a production): kept even on "remove". */
const TAKEN_UP: IdeaStage[] = ["SELECTED", "PILOT", "PRODUCTION"];

async function ensureDeletedUser(tx: Tx) {
  // Its "e-mail" is no address (no form accepts it, so nobody can take it first) and its password
  // hash is one no verifier accepts: the account is never listed and can never sign in.
  await tx.$executeRaw`insert into users (id, email, display_name, password_hash, role, updated_at)
    values (${DELETED_USER_ID}, ${DELETED_USER_ID}, ${DELETED_USER_NAME}, '!', 'PUBLIC', now())
    on conflict (id) do nothing`;
}

/**
 * In the audit entries that concern the person (they acted, they are the target, or their id or e-mail
 * is in the snapshots), every JSON string *value* equal to their id, e-mail or — in those entries only —
 * display name becomes the placeholder. Keys are never touched, and another person who happens to share
 * a display name keeps it elsewhere.
 */
async function scrubAuditEntries(tx: Tx, person: { id: string; email: string; displayName: string }) {
  const rows = await tx.$queryRaw<{ id: bigint; before: unknown; after: unknown }[]>`
    select id, before, after from audit_log
     where actor_id = ${person.id} or (target_type = 'user' and target_id = ${person.id})
        or strpos(coalesce(before::text, '') || coalesce(after::text, ''), to_json(${person.id}::text)::text) > 0
        or strpos(coalesce(before::text, '') || coalesce(after::text, ''), to_json(${person.email}::text)::text) > 0`;
  const personal = new Set([person.id, person.email, person.displayName]);
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") return personal.has(value) ? DELETED_USER_ID : value;
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  for (const row of rows) {
    const before = row.before === null ? null : JSON.stringify(scrub(row.before));
    const after = row.after === null ? null : JSON.stringify(scrub(row.after));
    await tx.$executeRaw`update audit_log set before = ${before}::jsonb, after = ${after}::jsonb where id = ${row.id}`;
  }
}

/**
 * Deletes the account after checking the password. Personal data is erased (e-mail, name, password
 * hash, sessions, notifications, supports, space accesses, evaluations, rate-limit counters); ideas
 * and comments are either kept, attributed to the one "Utilisateur supprimé" account, or removed
 * (ideas the agency took up are kept; a comment with replies is blanked so the thread stays). Audit
 * entries stay, with the person replaced by that account. One transaction: all of it, or nothing.
 */
export async function deleteMyAccount(options: {
  user: Person & { sessionId: string };
  currentPassword?: string;
  contributions: ContributionChoice;
}) {
  const { user, contributions } = options;
  const row = await prisma.user.findUnique({
    where: { id: user.id },
    select: { id: true, email: true, displayName: true, avatarId: true },
  });
  if (!row || row.id === DELETED_USER_ID) throw new RuleBroken("account.wrongPassword", { field: "currentPassword" });
  // The password, or for an account without one a recent re-authentication through its provider.
  await requireCurrentPassword(user, options.currentPassword);
  const promotedAfterCommit: string[] = [];
  let removedFiles: { storageKey: string; thumbKey: string | null }[] = [];
  const summary = await prisma.$transaction(async (tx) => {
    // Locks the person's row: a comment or vote being written right now (it holds a key-share lock
    // on this row) commits first and is handled below; one that starts later waits, then fails.
    await tx.$queryRaw`select id from users where id = ${user.id} for update`;
    await ensureDeletedUser(tx);
    const votes = await tx.vote.deleteMany({ where: { userId: user.id } });
    let ideasRemoved = 0;
    let commentsRemoved = 0;
    if (contributions === "remove") {
      // An idea other ideas were merged into carries their supporters and comments: it is kept (as
      // the deleted user's) like an idea taken up, or removing it would take other people's work along.
      const doomed = (
        await tx.idea.findMany({
          where: { authorId: user.id, stage: { notIn: TAKEN_UP }, mergesAsTarget: { none: { undoneAt: null } } },
          select: { id: true },
        })
      ).map((i) => i.id);
      if (doomed.length) {
        // Their attachments' rows go with them (cascade); their bytes once this commits.
        removedFiles = await tx.attachment.findMany({
          where: { ideaId: { in: doomed } },
          select: { storageKey: true, thumbKey: true },
        });
        // Replies first: a comment cannot go while replies point at it.
        await tx.comment.deleteMany({ where: { ideaId: { in: doomed }, parentId: { not: null } } });
        await tx.comment.deleteMany({ where: { ideaId: { in: doomed } } });
        ideasRemoved = (await tx.idea.deleteMany({ where: { id: { in: doomed } } })).count;
      }
      // Their comments' images go with the comments, blanked ones included (bytes once this commits).
      const commentImages = { comment: { authorId: user.id } };
      removedFiles.push(
        ...(await tx.attachment.findMany({ where: commentImages, select: { storageKey: true, thumbKey: true } })),
      );
      await tx.attachment.deleteMany({ where: commentImages });
      commentsRemoved += (await tx.comment.deleteMany({ where: { authorId: user.id, parentId: { not: null } } })).count;
      commentsRemoved += (await tx.comment.deleteMany({ where: { authorId: user.id, replies: { none: {} } } })).count;
      // What is left has replies from other people: blank it, keep its place in the thread.
      const blanked = await tx.comment.updateMany({
        where: { authorId: user.id },
        data: { body: "", deletedAt: new Date(), authorId: DELETED_USER_ID },
      });
      commentsRemoved += blanked.count;
    }
    await tx.idea.updateMany({ where: { authorId: user.id }, data: { authorId: DELETED_USER_ID } });
    await tx.comment.updateMany({ where: { authorId: user.id }, data: { authorId: DELETED_USER_ID } });
    await tx.attachment.updateMany({ where: { uploaderId: user.id }, data: { uploaderId: DELETED_USER_ID } });
    // Staff work stays the agency's record, no longer linked to the person.
    await tx.stageTransition.updateMany({ where: { actorId: user.id }, data: { actorId: DELETED_USER_ID } });
    await tx.officialAnswer.updateMany({ where: { authorId: user.id }, data: { authorId: DELETED_USER_ID } });
    await scrubAuditEntries(tx, row);
    await tx.auditLog.updateMany({ where: { actorId: user.id }, data: { actorId: DELETED_USER_ID } });
    await tx.auditLog.updateMany({
      where: { targetType: "user", targetId: user.id },
      data: { targetId: DELETED_USER_ID },
    });
    await tx.rateLimit.deleteMany({ where: { key: { in: personalRateLimitKeys(row) } } });
    await eraseMentionsOf(tx, user.id);
    // Seats and teams in hackathons pass on (waiting list, longest-standing member): docs/decisions/0035.
    const promoted = await releaseHackathonPlaces(tx, user.id);
    // Files kept from a form not sent yet: their rows go with the person's (cascade), their bytes once this commits.
    removedFiles.push(
      ...(await tx.pendingUpload.findMany({
        where: { uploaderId: user.id },
        select: { storageKey: true, thumbKey: true },
      })),
    );
    // Sessions, notifications, space accesses, evaluation assignments, follows and mentions go with the row (cascade);
    // pilots owned or decided and grants given lose the reference (set null).
    await tx.user.delete({ where: { id: user.id }, select: { id: true } });
    const result = { contributions, votesRemoved: votes.count, ideasRemoved, commentsRemoved };
    promotedAfterCommit.push(...promoted);
    await recordAudit(tx, {
      actorId: DELETED_USER_ID,
      action: "user.delete",
      target: { type: "user", id: DELETED_USER_ID },
      after: result,
    });
    return result;
  });
  await removeStoredFiles(removedFiles);
  if (row.avatarId) await removeAvatarFiles(row.avatarId);
  // The person's open sockets, on every process, are disconnected.
  publish({ type: "user:access-changed", userId: user.id });
  announceNotifications(promotedAfterCommit);
  return summary;
}
