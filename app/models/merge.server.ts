// Merging duplicate ideas on the database (docs/decisions/0014-merge-duplicates.md).
//
// A merge is ONE transaction: both idea rows are locked in a fixed order (so two merges cannot cross,
// and a vote or comment racing the merge waits for it: see the migration's idees_refuse_merged_idea),
// the rules are checked again under the locks, the source's supporters are recorded, their votes move
// to the target as INSERT … ON CONFLICT DO NOTHING + DELETE — so the counter triggers count every
// person once — its comments move, the source is marked merged, and the audit entry and the followers'
// notifications are written. Realtime events go out after commit.
import { canManagePipeline, canUnmergeIdeas, canViewIdea, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import type { Tx } from "~/lib/db.server.ts";
import { pool, prepared, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { recordDomainEvent, transactionWithEvents } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { ideaAccepts, ideaState } from "./content-state.ts";
import { requireVisibleIdea, type IdeaAccessRef } from "./idea.server.ts";
import { MERGE_PROBLEM_KEYS, mergeProblem, UNDO_PROBLEM_KEYS, undoProblem, type MergeSide } from "./merge.ts";
import { announceNotifications, notifyFollowers } from "./notification.server.ts";
import { forbidden, NotFound, notFound, RuleBroken } from "./errors.ts";

type Locked = {
  id: string;
  space_id: string;
  stage: IdeaStage;
  hidden_at: Date | null;
  merged_into_id: string | null;
  title: string;
};

/** Locks both ideas (FOR UPDATE, in id order: two transactions on the same pair never wait on each other crosswise). */
async function lockIdeas(tx: Tx, ids: [string, string]): Promise<Map<string, Locked>> {
  const rows = await tx.$queryRaw<Locked[]>`
    select id, space_id, stage, hidden_at, merged_into_id, title from ideas
     where id in (${ids[0]}, ${ids[1]}) order by id for update`;
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Runs a merge or an undo again when PostgreSQL broke a deadlock by aborting it. Locking both ideas in
 * id order rules out deadlocks between merges, but not with other work that locks several idea rows
 * in another order (the counter fold updates the ideas with pending deltas in no set order). The
 * aborted transaction rolled back entirely, so running it again is safe.
 */
async function retryingDeadlocks<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const text =
        error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? null)}` : "";
      if (attempt >= attempts || !/40P01|deadlock detected/i.test(text)) throw error;
    }
  }
}

async function requireTarget(user: NonNullable<Viewer>, targetId: string): Promise<IdeaAccessRef> {
  try {
    return await requireVisibleIdea(user, targetId);
  } catch (error) {
    // An idea the manager may not see does not exist for them: the field says so.
    if (error instanceof NotFound) throw new RuleBroken("merge.targetNotFound", { field: "target" });
    throw error;
  }
}

/**
 * A manager merges idea `sourceId` (B) into `targetId` (A). 404 when B is not visible, 403 for anyone
 * but a manager of its space, RuleBroken (on the `target` field) when the merge is refused.
 */
export async function mergeIdeas(options: {
  user: NonNullable<Viewer>;
  sourceId: string;
  targetId: string;
  note?: string | null;
  /** The manager's interface language: the note's in the audit log (docs/decisions/0037). */
  language?: string;
}) {
  const { user, sourceId, targetId } = options;
  const note = options.note?.trim() || null;
  const source = await requireVisibleIdea(user, sourceId);
  // Who: the policy (canMergeIdeas). The ideas' states (hidden, merged: app/models/content-state.ts)
  // are checked under the locks by mergeProblem, which names the side that refuses.
  if (!canManagePipeline(user, source.space)) forbidden();
  const target = await requireTarget(user, targetId);
  if (!canManagePipeline(user, target.space)) throw new RuleBroken("merge.targetNotFound", { field: "target" });

  const result = await retryingDeadlocks(() =>
    transactionWithEvents(async (tx, events) => {
      const locked = await lockIdeas(tx, sourceId < targetId ? [sourceId, targetId] : [targetId, sourceId]);
      const b = locked.get(sourceId);
      const a = locked.get(targetId);
      if (!a || !b) notFound();
      const absorbed = await tx.ideaMerge.groupBy({
        by: ["targetId"],
        where: { targetId: { in: [sourceId, targetId] }, undoneAt: null },
        _count: { _all: true },
      });
      const side = (row: Locked): MergeSide => ({
        id: row.id,
        spaceId: row.space_id,
        stage: row.stage,
        hiddenAt: row.hidden_at,
        mergedIntoId: row.merged_into_id,
        activeMergesHere: absorbed.find((g) => g.targetId === row.id)?._count._all ?? 0,
      });
      const problem = mergeProblem(side(b), side(a));
      if (problem) throw new RuleBroken(MERGE_PROBLEM_KEYS[problem], { field: "target" });

      const mergeId = newId();
      await tx.ideaMerge.create({
        data: { id: mergeId, sourceId, targetId, mergedById: user.id, note },
        select: { id: true },
      });
      // B's followers (its author, supporters and commenters) learn it before they move to A.
      const notified = await notifyFollowers(tx, {
        ideaId: sourceId,
        actorId: user.id,
        type: "idea.merged",
        data: { targetId },
      });
      // Who supported B, and whether they already supported A: undoing gives B back exactly these.
      const supporters = await tx.$executeRaw`
      insert into idea_merge_supporters (merge_id, user_id, moved, voted_at)
      select ${mergeId}, v.user_id,
             not exists (select 1 from votes a where a.idea_id = ${targetId} and a.user_id = v.user_id), v.created_at
        from votes v where v.idea_id = ${sourceId}`;
      // Every person counted once: a supporter of both keeps their vote on A. The triggers count.
      const moved = await tx.$executeRaw`
      insert into votes (idea_id, user_id, created_at, merge_id)
      select ${targetId}, user_id, created_at, ${mergeId} from votes where idea_id = ${sourceId}
      on conflict do nothing`;
      await tx.$executeRaw`delete from votes where idea_id = ${sourceId}`;
      // Comments (threads whole, deleted placeholders included) move with their flags.
      const comments = await tx.$queryRaw<{ id: string; deleted: boolean }[]>`
      update comments set idea_id = ${targetId}, merge_id = ${mergeId} where idea_id = ${sourceId}
      returning id, deleted_at is not null as deleted`;
      if (comments.length > 0) {
        await tx.$executeRaw`update flags set idea_id = ${targetId} where comment_id = any(${comments.map((c) => c.id)}::text[])`;
      }
      // Attachments move too (docs/decisions/0030), confidential ones staying confidential.
      await tx.$executeRaw`update attachments set idea_id = ${targetId}, merge_id = ${mergeId} where idea_id = ${sourceId}`;
      await tx.idea.update({ where: { id: sourceId }, data: { mergedIntoId: targetId }, select: { id: true } });
      const movedComments = comments.filter((c) => !c.deleted).length;
      await recordAudit(tx, {
        actorId: user.id,
        action: "idea.merge",
        target: { type: "idea", id: sourceId },
        before: { mergedIntoId: null, supporters },
        after: {
          mergedIntoId: targetId,
          mergeId,
          note,
          movedSupporters: moved,
          sharedSupporters: supporters - moved,
          movedComments,
        },
        language: options.language,
      });
      const spaceId = source.space.id;
      // B's open pages reload (and are sent on to A); A's counts move in place.
      events.publish({ type: "idea:updated", ideaId: sourceId, spaceId });
      events.publish({ type: "idea:updated", ideaId: targetId, spaceId });
      events.publish({ type: "idea:support", ideaId: targetId, spaceId });
      events.publish({ type: "idea:comments", ideaId: targetId, spaceId });
      await recordDomainEvent(tx, { type: "idea.merged", ideaId: sourceId, targetId, spaceId });
      return {
        mergeId,
        notified,
        source: { id: sourceId, title: b.title },
        target: { id: targetId, title: a.title },
        movedSupporters: moved,
        movedComments,
      };
    }),
  );
  announceNotifications(result.notified);
  const { notified: _, ...rest } = result;
  return rest;
}

/**
 * Undoes a merge while its target is still in review: B gets back its comments (with the replies
 * written on A under them since) and the supporters it had who still support A; A keeps only the
 * votes that were not carried over by this merge — a person who supported A on their own stays.
 */
export async function unmergeIdeas(options: { user: NonNullable<Viewer>; mergeId: string; targetId?: string }) {
  const { user, mergeId } = options;
  const merge = await prisma.ideaMerge.findUnique({
    where: { id: mergeId },
    select: { sourceId: true, targetId: true },
  });
  // Undone from the target's page: a merge into another idea is not found there.
  if (!merge || (options.targetId !== undefined && merge.targetId !== options.targetId)) notFound();
  const target = await requireVisibleIdea(user, merge.targetId);
  if (!canManagePipeline(user, target.space)) forbidden();
  const { sourceId, targetId } = merge;

  return retryingDeadlocks(() =>
    transactionWithEvents(async (tx, events) => {
      const locked = await lockIdeas(tx, sourceId < targetId ? [sourceId, targetId] : [targetId, sourceId]);
      const a = locked.get(targetId);
      const b = locked.get(sourceId);
      if (!a || !b) notFound();
      const [row] = await tx.$queryRaw<
        { undone_at: Date | null }[]
      >`select undone_at from idea_merges where id = ${mergeId} for update`;
      const problem = undoProblem({ undoneAt: row?.undone_at ?? null }, { stage: a.stage });
      if (problem) throw new RuleBroken(UNDO_PROBLEM_KEYS[problem], { conflict: true });
      // Hidden content is frozen (app/models/content-state.ts): no undo until a moderator restores it.
      const frozen = [a, b].some(
        (row) => !ideaAccepts(ideaState({ hiddenAt: row.hidden_at, mergedIntoId: row.merged_into_id }), "unmerge"),
      );
      if (frozen) throw new RuleBroken("merge.undoHidden", { conflict: true });

      // B is unfrozen first: the database refuses votes on a merged idea.
      await tx.idea.update({ where: { id: sourceId }, data: { mergedIntoId: null }, select: { id: true } });
      const restored = await tx.$executeRaw`
      insert into votes (idea_id, user_id, created_at)
      select ${sourceId}, s.user_id, s.voted_at from idea_merge_supporters s
       where s.merge_id = ${mergeId}
         and exists (select 1 from votes v where v.idea_id = ${targetId} and v.user_id = s.user_id)
      on conflict do nothing`;
      const removed = await tx.$executeRaw`delete from votes where idea_id = ${targetId} and merge_id = ${mergeId}`;
      const comments = await tx.$queryRaw<{ id: string }[]>`
      with recursive moved(id) as (
        select id from comments where merge_id = ${mergeId} and idea_id = ${targetId}
        union
        select c.id from comments c join moved m on c.parent_id = m.id where c.idea_id = ${targetId}
      )
      update comments set idea_id = ${sourceId}, merge_id = null where id in (select id from moved) returning id`;
      if (comments.length > 0) {
        await tx.$executeRaw`update flags set idea_id = ${sourceId} where comment_id = any(${comments.map((c) => c.id)}::text[])`;
      }
      // The merge's files go back, and so do the images of the comments that went back (a reply with an
      // image written on the target under a moved comment follows its comment).
      await tx.$executeRaw`update attachments set idea_id = ${sourceId}, merge_id = null
                            where idea_id = ${targetId}
                              and (merge_id = ${mergeId} or comment_id = any(${comments.map((c) => c.id)}::text[]))`;
      await tx.ideaMerge.update({
        where: { id: mergeId },
        data: { undoneAt: new Date(), undoneById: user.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "idea.unmerge",
        target: { type: "idea", id: sourceId },
        before: { mergedIntoId: targetId, mergeId },
        after: {
          mergedIntoId: null,
          restoredSupporters: restored,
          removedFromTarget: removed,
          movedBackComments: comments.length,
        },
      });
      const spaceId = target.space.id;
      for (const ideaId of [sourceId, targetId]) {
        events.publish({ type: "idea:updated", ideaId, spaceId });
        events.publish({ type: "idea:support", ideaId, spaceId });
        events.publish({ type: "idea:comments", ideaId, spaceId });
      }
      return { source: { id: sourceId, title: b.title }, target: { id: targetId, title: a.title } };
    }),
  );
}

/**
 * What the manager page shows: where this idea was merged (if it was) and the merges into it. An idea
 * hidden by moderation shows without its title to whoever may not see it (docs/decisions/0008-moderation.md).
 */
export async function getMergeManagement(
  viewer: NonNullable<Viewer>,
  idea: { id: string; stage: IdeaStage; space: IdeaAccessRef["space"] },
) {
  const ideaRef = { authorId: true, hiddenAt: true, mergedIntoId: true, stage: true } as const;
  const [self, merges] = await Promise.all([
    prisma.idea.findUniqueOrThrow({
      where: { id: idea.id },
      select: { ...ideaRef, mergedInto: { select: { id: true, title: true, language: true, ...ideaRef } } },
    }),
    prisma.ideaMerge.findMany({
      where: { targetId: idea.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        note: true,
        createdAt: true,
        undoneAt: true,
        source: { select: { id: true, title: true, language: true, ...ideaRef } },
        mergedBy: { select: { displayName: true } },
        _count: {
          select: { supporters: { where: { moved: true } }, comments: { where: { deletedAt: null, hiddenAt: null } } },
        },
      },
    }),
  ]);
  const seen = (other: { title: string; authorId: string; hiddenAt: Date | null }) =>
    canViewIdea(viewer, { ...other, space: idea.space }) ? other.title : null;
  const into = self.mergedInto;
  return {
    mergedInto: into ? { id: into.id, title: seen(into), language: into.language } : null,
    merges: merges.map((m) => {
      // Hidden content is frozen (app/models/content-state.ts): no undo while either idea is hidden.
      const frozen =
        !canUnmergeIdeas(viewer, { ...self, space: idea.space }) ||
        !canUnmergeIdeas(viewer, { ...m.source, space: idea.space });
      return {
        id: m.id,
        note: m.note,
        createdAt: m.createdAt.toISOString(),
        undoneAt: m.undoneAt?.toISOString() ?? null,
        source: { id: m.source.id, title: seen(m.source), language: m.source.language },
        mergedBy: m.mergedBy?.displayName ?? null,
        movedSupporters: m._count.supporters,
        movedComments: m._count.comments,
        canUndo: undoProblem(m, idea) === null && !frozen,
        /** Why it cannot be undone now, when it is not undone and the target is still in review. */
        undoFrozen: frozen,
      };
    }),
  };
}

/**
 * "Idées fusionnées ici" on an idea's page: the merges in force, for anyone who may see the idea. A
 * column (JSON) of a statement over `ideas i`: the idea page reads it in its own statement
 * (docs/decisions/0059), listMergedHere alone.
 */
export const MERGED_HERE_COLUMN = `(select coalesce(json_agg(json_build_object('id', m.id, 'note', m.note,
              'at', extract(epoch from m.created_at) * 1000, 'sourceId', src.id, 'sourceTitle', src.title,
              'movedComments', (select count(*)::int from comments c
                                 where c.merge_id = m.id and c.deleted_at is null and c.hidden_at is null))
              order by m.created_at, m.id), '[]'::json)
         from idea_merges m join ideas src on src.id = m.source_id
        where m.target_id = i.id and m.undone_at is null and src.hidden_at is null)`;

type MergedHereJson = {
  id: string;
  note: string | null;
  at: number;
  sourceId: string;
  sourceTitle: string;
  movedComments: number;
}[];

/** The merges, from MERGED_HERE_COLUMN. */
export const mergedHereFrom = (merges: MergedHereJson) =>
  merges.map((r) => ({
    id: r.id,
    note: r.note,
    createdAt: new Date(r.at).toISOString(),
    source: { id: r.sourceId, title: r.sourceTitle },
    movedComments: r.movedComments,
  }));

/** MERGED_HERE_COLUMN alone (one statement: Prisma read the sources in a second one, docs/decisions/0043). */
export async function listMergedHere(ideaId: string) {
  const { rows } = await pool.query<{ merges: MergedHereJson }>(
    prepared(`select ${MERGED_HERE_COLUMN} as merges from ideas i where i.id = $1`, [ideaId]),
  );
  return mergedHereFrom(rows[0]?.merges ?? []);
}
