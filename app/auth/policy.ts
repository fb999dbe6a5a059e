// THE one place that says who may see or do what. Pure functions: the UI imports them to decide what
// to show, and every loader, action, query filter and (later) socket room asks them again on the server.
import type { Prisma } from "~/generated/prisma/client.ts";
import type { IdeaStage, Role, SpaceAudience } from "~/generated/prisma/enums.ts";

export type Viewer = {
  id: string;
  role: Role;
  /** INTERNAL spaces a SUPPLIER was granted by an admin. */
  grantedSpaceIds: readonly string[];
} | null;

export type SpaceRef = { id: string; audience: SpaceAudience };
export type IdeaRef = { authorId: string; stage: IdeaStage; space: SpaceRef };
export type CommentRef = { authorId: string; deletedAt: Date | string | null };

const STAFF_ROLES: readonly Role[] = ["EMPLOYEE", "MODERATOR", "MANAGER", "ADMIN"];

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
export const canComment = (viewer: Viewer, idea: IdeaRef) => canParticipate(viewer, idea.space);

const CLOSED_STAGES: readonly IdeaStage[] = ["REJECTED", "ARCHIVED"];

export function canVote(viewer: Viewer, idea: IdeaRef): boolean {
  return canParticipate(viewer, idea.space) && !CLOSED_STAGES.includes(idea.stage);
}

/** The author edits while the idea is still at the first stage. */
export function canEditIdea(viewer: Viewer, idea: IdeaRef): boolean {
  return viewer !== null && viewer.id === idea.authorId && idea.stage === "PROPOSED" && canViewSpace(viewer, idea.space);
}

export function canEditComment(viewer: Viewer, comment: CommentRef): boolean {
  return viewer !== null && viewer.id === comment.authorId && comment.deletedAt === null;
}

export const canDeleteComment = canEditComment;

export function canManageUsers(viewer: Viewer): boolean {
  return viewer?.role === "ADMIN";
}

export const ROLES = ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER", "ADMIN"] as const satisfies readonly Role[];
