// THE one place that says who may see or do what. Pure functions: the UI imports them to decide what
// to show, and every loader, action, query filter and (later) socket room asks them again on the server.
import type { Prisma } from "~/generated/prisma/client.ts";
import type { IdeaStage, Role, SpaceAudience } from "~/generated/prisma/enums.ts";
import { commentAccepts, commentState, ideaAccepts, ideaState } from "~/models/content-state.ts";
import { isAllowedMove } from "~/models/stages.ts";

export type Viewer = {
  id: string;
  role: Role;
  /** INTERNAL spaces a SUPPLIER was granted by an admin. */
  grantedSpaceIds: readonly string[];
} | null;

export type SpaceRef = { id: string; audience: SpaceAudience };
/**
 * `hiddenAt`: set while moderation hides the idea (docs/decisions/0008-moderation.md). `mergedIntoId`:
 * set while the idea is merged into another (docs/decisions/0014-merge-duplicates.md).
 */
export type IdeaRef = {
  authorId: string;
  stage: IdeaStage;
  space: SpaceRef;
  hiddenAt?: Date | string | null;
  mergedIntoId?: string | null;
  /** Its challenge's manager closed voting and comments (docs/decisions/0015-challenges.md). */
  participationClosed?: boolean;
};
export type CommentRef = { authorId: string; deletedAt: Date | string | null; hiddenAt?: Date | string | null };

const isHidden = (content: { hiddenAt?: Date | string | null }) =>
  content.hiddenAt !== undefined && content.hiddenAt !== null;
/**
 * Hidden and merged ideas are frozen: what each state still accepts is listed once, in
 * app/models/content-state.ts, and every rule below asks it (docs/decisions/0008-moderation.md).
 */
const accepts = ideaAccepts;

export const STAFF_ROLES: readonly Role[] = ["EMPLOYEE", "MODERATOR", "MANAGER", "ADMIN"];

// --- which ideas are listed -------------------------------------------------------------------------
// An idea appears in lists, counts of lists, search, suggestions, boards and the production page only
// while it is neither hidden by moderation nor merged into another idea — for everyone (moderators find
// hidden ideas in their queue, a merged idea lives on in its target). ONE rule, in the three forms the
// code needs; every query uses one of them (docs/decisions/0017-domain-errors-and-rules-once.md).

/** The rule on an idea in memory. */
export const isListedIdea = (idea: { hiddenAt?: Date | string | null; mergedIntoId?: string | null }): boolean => {
  const state = ideaState(idea);
  return !state.hidden && !state.merged;
};

/** The rule as a Prisma `where` fragment: `where: { ...listedIdeaWhere, spaceId }`. */
export const listedIdeaWhere = { hiddenAt: null, mergedIntoId: null } as const satisfies Prisma.IdeaWhereInput;

/** The rule as an SQL condition on the `ideas` table aliased `alias`, for raw statements. */
export const listedIdeaSql = (alias = "i") => `${alias}.hidden_at is null and ${alias}.merged_into_id is null`;

export function canViewSpace(viewer: Viewer, space: SpaceRef): boolean {
  if (space.audience === "PUBLIC") return true;
  if (!viewer) return false;
  if (STAFF_ROLES.includes(viewer.role)) return true;
  return viewer.role === "SUPPLIER" && viewer.grantedSpaceIds.includes(space.id);
}

/** For queries: which spaces' ideas may appear. Same rule as canViewSpace, expressed as a filter. */
export function visibleSpaceFilter(viewer: Viewer): Prisma.SpaceWhereInput {
  if (viewer && STAFF_ROLES.includes(viewer.role)) return {};
  if (viewer?.role === "SUPPLIER" && viewer.grantedSpaceIds.length > 0) {
    return { OR: [{ audience: "PUBLIC" }, { id: { in: [...viewer.grantedSpaceIds] } }] };
  }
  return { audience: "PUBLIC" };
}

export function canParticipate(viewer: Viewer, space: SpaceRef): viewer is NonNullable<Viewer> {
  return viewer !== null && canViewSpace(viewer, space);
}

export const canProposeIdea = canParticipate;
/** A hidden idea is frozen: nobody comments, votes or edits while it is hidden. */
export const canComment = (viewer: Viewer, idea: IdeaRef) =>
  canParticipate(viewer, idea.space) && accepts(ideaState(idea), "comment") && !idea.participationClosed;

const CLOSED_STAGES: readonly IdeaStage[] = ["REJECTED", "ARCHIVED"];

export function canVote(viewer: Viewer, idea: IdeaRef): boolean {
  return (
    canParticipate(viewer, idea.space) &&
    !CLOSED_STAGES.includes(idea.stage) &&
    accepts(ideaState(idea), "vote") &&
    !idea.participationClosed
  );
}

/** The author edits while the idea is still at the first stage. */
export function canEditIdea(viewer: Viewer, idea: IdeaRef): boolean {
  return (
    viewer !== null &&
    viewer.id === idea.authorId &&
    idea.stage === "PROPOSED" &&
    canViewSpace(viewer, idea.space) &&
    accepts(ideaState(idea), "edit")
  );
}

/** The author edits their comment while it is not deleted, nor hidden by moderation. */
export function canEditComment(viewer: Viewer, comment: CommentRef): boolean {
  return (
    viewer !== null &&
    viewer.id === comment.authorId &&
    comment.deletedAt === null &&
    commentAccepts(commentState(comment), "edit")
  );
}

/** Same rule as editing: a hidden comment is frozen for its author too (no erasing what a moderator acted on). */
export function canDeleteComment(viewer: Viewer, comment: CommentRef): boolean {
  return (
    viewer !== null &&
    viewer.id === comment.authorId &&
    comment.deletedAt === null &&
    commentAccepts(commentState(comment), "delete")
  );
}

/** Replying under a comment: on an idea that takes comments, under a comment that is not hidden. */
export function canReplyTo(viewer: Viewer, idea: IdeaRef, parent: { hiddenAt?: Date | string | null }): boolean {
  return canComment(viewer, idea) && commentAccepts(commentState(parent), "reply");
}

export function canManageUsers(viewer: Viewer): boolean {
  return viewer?.role === "ADMIN";
}

/** Webhooks (docs/decisions/0027-job-queue-and-webhooks.md): admins register endpoints and read their log. */
export function canManageWebhooks(viewer: Viewer): viewer is NonNullable<Viewer> {
  return viewer?.role === "ADMIN";
}

/** Ending sessions (OWASP ASVS V7): a person ends their own; an admin ends anyone's. */
export function canEndSessionsOf(viewer: Viewer, userId: string): boolean {
  return viewer !== null && (viewer.id === userId || viewer.role === "ADMIN");
}

// --- innovation pipeline (docs/decisions/0006-pipeline.md) -------------------------------------------
// The stage graph itself is a rule of the concept (app/models/pipeline.ts); who may act on it is here.

const PIPELINE_ROLES: readonly Role[] = ["MANAGER", "ADMIN"];

/** Innovation managers and admins run the pipeline of every space they can see. */
export function canManagePipeline(viewer: Viewer, space: SpaceRef): boolean {
  return viewer !== null && PIPELINE_ROLES.includes(viewer.role) && canViewSpace(viewer, space);
}

/** The manager board lists ideas across spaces; each idea is still filtered by visibleSpaceFilter. */
/** Challenges are run by the people who run the space's pipeline. */
export function canManageChallenges(viewer: Viewer, space: SpaceRef): viewer is NonNullable<Viewer> {
  return canManagePipeline(viewer, space);
}

export function canUseManagerBoard(viewer: Viewer): boolean {
  return viewer !== null && PIPELINE_ROLES.includes(viewer.role);
}

/**
 * Response-time commitments and roll-out (docs/decisions/0028): admins set a space's commitments and keep
 * the agencies' reference list; the commitments page itself follows canViewSpace.
 */
export const canSetCommitments = (viewer: Viewer, space: SpaceRef): viewer is NonNullable<Viewer> =>
  viewer?.role === "ADMIN" && canViewSpace(viewer, space);
export const canManageAgencies = (viewer: Viewer): viewer is NonNullable<Viewer> => viewer?.role === "ADMIN";

/**
 * The indicators page and its CSV exports (docs/decisions/0025-indicators-and-exports.md): the people who
 * run the pipeline. What they count and export is still filtered by visibleSpaceFilter and listedIdeaSql.
 */
export const canSeeIndicators = (viewer: Viewer): viewer is NonNullable<Viewer> => canUseManagerBoard(viewer);
export const canExportIndicators = canSeeIndicators;

export function canMoveIdea(viewer: Viewer, idea: IdeaRef, to: IdeaStage): boolean {
  return canManagePipeline(viewer, idea.space) && isAllowedMove(idea.stage, to) && accepts(ideaState(idea), "move");
}

/**
 * Merging duplicates: managers of the space (both ideas are of one space, app/models/merge.ts), on
 * ideas that are not frozen. What may be merged into what is a rule of the concept.
 */
export const canMergeIdeas = (viewer: Viewer, idea: IdeaRef): boolean =>
  canManagePipeline(viewer, idea.space) && accepts(ideaState(idea), "merge");

/** Undoing a merge: managers of the space, while neither idea is hidden. */
export const canUnmergeIdeas = (viewer: Viewer, idea: IdeaRef): boolean =>
  canManagePipeline(viewer, idea.space) && accepts(ideaState(idea), "unmerge");

/** Pilot details and KPIs are edited while the idea is in its pilot. */
export function canEditPilot(viewer: Viewer, idea: IdeaRef): boolean {
  return canManagePipeline(viewer, idea.space) && idea.stage === "PILOT" && accepts(ideaState(idea), "pilot");
}

export function canEditRollout(viewer: Viewer, idea: IdeaRef): boolean {
  return canManagePipeline(viewer, idea.space) && idea.stage === "PRODUCTION" && accepts(ideaState(idea), "rollout");
}

export const canAnswerOfficially = (viewer: Viewer, idea: IdeaRef): boolean =>
  canManagePipeline(viewer, idea.space) && accepts(ideaState(idea), "answer");

/** Evaluator scores, comments and the list of evaluators: managers only — never authors or the public. */
export const canSeeEvaluations = (viewer: Viewer, idea: IdeaRef): boolean => canManagePipeline(viewer, idea.space);

export function canAssignEvaluators(viewer: Viewer, idea: IdeaRef): boolean {
  return (
    canManagePipeline(viewer, idea.space) &&
    idea.stage === "UNDER_REVIEW" &&
    accepts(ideaState(idea), "assignEvaluators")
  );
}

/** Evaluators and pilot owners are agency staff. */
export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** Someone a manager may ask to evaluate this idea: staff who can see it, and not its author. */
export function canBeEvaluator(person: { id: string; role: Role }, idea: IdeaRef): boolean {
  return isStaff(person.role) && person.id !== idea.authorId;
}

/** An assigned evaluator scores the idea while it is under review. */
export function canEvaluate(viewer: Viewer, idea: IdeaRef, assigned: boolean): boolean {
  return (
    viewer !== null &&
    assigned &&
    idea.stage === "UNDER_REVIEW" &&
    canViewSpace(viewer, idea.space) &&
    canBeEvaluator(viewer, idea) &&
    accepts(ideaState(idea), "evaluate")
  );
}

/** The audit trail: admins only. */
export function canReadAuditLog(viewer: Viewer): boolean {
  return viewer?.role === "ADMIN";
}

// --- moderation (docs/decisions/0008-moderation.md) ---------------------------------------------------
// Hidden content exists only for its author (who sees it marked hidden, with the moderator's reason)
// and for moderators of its space (who see it marked hidden). For everyone else it does not exist: a
// hidden idea's page is a 404, a hidden comment shows as "masqué par la modération" (or disappears
// when no reply hangs on it). Lists, counts of lists, search, sockets and sync never carry hidden ideas,
// for anyone: moderators find them in the moderation queue.
// A suspended account has no Viewer at all: session validation refuses it (app/auth/session.server.ts).

const MODERATION_ROLES: readonly Role[] = ["MODERATOR", "ADMIN"];

/** The moderation queue and its actions. */
export function canModerate(viewer: Viewer): boolean {
  return viewer !== null && MODERATION_ROLES.includes(viewer.role);
}

/** Moderators act on the content of the spaces they can see (staff roles see InnovAction). */
export function canModerateSpace(viewer: Viewer, space: SpaceRef): boolean {
  return canModerate(viewer) && canViewSpace(viewer, space);
}

/** Hidden content of this space by this author: the author and the space's moderators still see it. */
export function canSeeHidden(viewer: Viewer, content: { authorId: string; space: SpaceRef }): boolean {
  if (!viewer || !canViewSpace(viewer, content.space)) return false;
  return viewer.id === content.authorId || canModerateSpace(viewer, content.space);
}

/** An idea's page: its space's rule, and when hidden, only its author and moderators. */
export function canViewIdea(
  viewer: Viewer,
  idea: { authorId: string; space: SpaceRef; hiddenAt?: Date | string | null },
): boolean {
  if (!canViewSpace(viewer, idea.space)) return false;
  return !isHidden(idea) || canSeeHidden(viewer, idea);
}

/** A comment's text (on an idea the viewer may see): when hidden, only its author and moderators. */
export function canReadComment(
  viewer: Viewer,
  comment: { authorId: string; hiddenAt?: Date | string | null },
  space: SpaceRef,
): boolean {
  return !isHidden(comment) || canSeeHidden(viewer, { authorId: comment.authorId, space });
}

/**
 * Flagging: signed in, on content the viewer can see, not their own, not already hidden or deleted.
 * (A suspended account cannot be a viewer.)
 */
export function canFlag(
  viewer: Viewer,
  content: {
    authorId: string;
    space: SpaceRef;
    hiddenAt?: Date | string | null;
    deletedAt?: Date | string | null;
    /** Set for an idea merged into another. */
    mergedIntoId?: string | null;
  },
): viewer is NonNullable<Viewer> {
  return (
    viewer !== null &&
    viewer.id !== content.authorId &&
    canViewSpace(viewer, content.space) &&
    accepts(ideaState(content), "flag") &&
    commentAccepts(commentState(content), "flag") &&
    (content.deletedAt === undefined || content.deletedAt === null)
  );
}

/**
 * Reporting a comment: the comment is one the viewer may report (canFlag) and its idea is not frozen
 * (hidden or merged: its comments are out of reach with it). Not whether comments are open: abuse in a
 * closed challenge's thread must still reach the moderators. The page offers the link and the action
 * accepts the report by this one rule.
 */
export function canFlagComment(viewer: Viewer, idea: IdeaRef, comment: CommentRef): viewer is NonNullable<Viewer> {
  return canFlag(viewer, { ...comment, space: idea.space }) && accepts(ideaState(idea), "flag");
}

/** Suspending an account: moderators suspend participants; only admins suspend moderators; nobody suspends an admin or themself. */
export function canSuspend(viewer: Viewer, person: { id: string; role: Role }): boolean {
  if (!viewer || !canModerate(viewer) || viewer.id === person.id || person.role === "ADMIN") return false;
  return person.role !== "MODERATOR" || viewer.role === "ADMIN";
}

/**
 * Realtime rooms (app/realtime/server.ts): a socket listens only where its viewer may look — a space's
 * list and an idea page under the same rule as the pages, a space's pipeline queue like the manager
 * pages, a space's moderation queue for its moderators, and a person's own room only for that person.
 */
export type RoomTarget =
  | { kind: "space"; space: SpaceRef }
  | { kind: "idea"; space: SpaceRef }
  | { kind: "queue"; space: SpaceRef }
  | { kind: "moderation"; space: SpaceRef }
  | { kind: "user"; userId: string };

export function canJoinRoom(viewer: Viewer, target: RoomTarget): boolean {
  switch (target.kind) {
    case "space":
    case "idea":
      return canViewSpace(viewer, target.space);
    case "queue":
      return canManagePipeline(viewer, target.space);
    case "moderation":
      return canModerateSpace(viewer, target.space);
    case "user":
      return viewer !== null && viewer.id === target.userId;
  }
}

export const ROLES = [
  "PUBLIC",
  "EMPLOYEE",
  "SUPPLIER",
  "MODERATOR",
  "MANAGER",
  "ADMIN",
] as const satisfies readonly Role[];

// --- suppliers (docs/decisions/0024-invitations-terms-and-passwords.md) --------------------------------

/** Inviting suppliers, listing and revoking invitations, reading who accepted the terms: managers and admins. */
export function canInviteSuppliers(viewer: Viewer): viewer is NonNullable<Viewer> {
  return viewer !== null && PIPELINE_ROLES.includes(viewer.role);
}

/** Publishing a new version of the supplier terms: admins. */
export function canPublishSupplierTerms(viewer: Viewer): viewer is NonNullable<Viewer> {
  return viewer?.role === "ADMIN";
}

/** Who must have accepted the supplier terms in force before proposing an idea. */
export const mustAcceptSupplierTerms = (viewer: Viewer): boolean => viewer?.role === "SUPPLIER";
