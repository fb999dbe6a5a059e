// The policy's rules about hackathons (docs/decisions/0035-hackathons.md). Part of the one policy
// (app/auth/policy.ts, which it builds on); kept apart so that each file stays readable. Pure. The
// time-bound half of each rule (is registration open now?) is app/models/hackathon.ts, asked at the
// database's clock; who may do it is here.
import type { Role } from "~/generated/prisma/enums.ts";
import {
  canEditIdea,
  canManageChallenges,
  canParticipate,
  canViewIdea,
  canViewSpace,
  isStaff,
  type IdeaRef,
  type SpaceRef,
  type Viewer,
} from "./policy.ts";

/** A hackathon is seen exactly where its space is: InnovAction hackathons do not exist for outsiders. */
export const canViewHackathon = (viewer: Viewer, space: SpaceRef): boolean => canViewSpace(viewer, space);

/** Managers of the space create, edit, name the jury and publish the results. */
export const canManageHackathon = (viewer: Viewer, space: SpaceRef): viewer is NonNullable<Viewer> =>
  canManageChallenges(viewer, space);

/** Signed-in people who may see the space register, form teams and submit. */
export const canTakePart = (viewer: Viewer, space: SpaceRef): viewer is NonNullable<Viewer> =>
  canParticipate(viewer, space);

/**
 * Someone a manager may name to the jury: staff who may see the space, and in no team of the
 * hackathon (a conflict of interest), requests to join included.
 */
export const canBeJuror = (person: { role: Role }, inTeam: boolean): boolean => isStaff(person.role) && !inTeam;

/** A juror scores projects while the jury sits, unless they joined a team since (refused again). */
export const canScore = (
  viewer: Viewer,
  space: SpaceRef,
  facts: { isJuror: boolean; inTeam: boolean },
): viewer is NonNullable<Viewer> =>
  viewer !== null && canViewSpace(viewer, space) && facts.isJuror && canBeJuror(viewer, facts.inTeam);

/**
 * The jury's scores: managers see them all, a juror sees their own; everyone who may see the hackathon
 * sees the averages once the results are published — never before.
 */
export function canSeeJuryScores(viewer: Viewer, space: SpaceRef, resultsPublished: boolean): boolean {
  return canManageHackathon(viewer, space) || (resultsPublished && canViewSpace(viewer, space));
}

/** Co-authors (accepted) and the author edit a submission together while submissions are open. */
export const canEditSubmission = (
  viewer: Viewer,
  space: SpaceRef,
  facts: { isTeamMember: boolean; submissionsOpen: boolean },
): viewer is NonNullable<Viewer> => canTakePart(viewer, space) && facts.isTeamMember && facts.submissionsOpen;

// --- co-authors of ideas (docs/decisions/0035-hackathons.md) ------------------------------------------
// A hackathon project is edited on its hackathon's page only (its deadline rules); any other idea's
// accepted co-authors edit it exactly when its author could.

export function canEditIdeaAsAuthor(
  viewer: Viewer,
  idea: IdeaRef,
  facts: { coauthorIds: readonly string[]; hackathonProject: boolean },
): boolean {
  if (facts.hackathonProject) return false;
  if (canEditIdea(viewer, idea)) return true;
  return (
    viewer !== null && facts.coauthorIds.includes(viewer.id) && canEditIdea(viewer, { ...idea, authorId: viewer.id })
  );
}

/** The author invites people who may see the idea, while it may be edited (not for hackathon projects: teams do). */
export const canInviteCoauthor = (
  viewer: Viewer,
  idea: IdeaRef,
  invitee: NonNullable<Viewer>,
  hackathonProject: boolean,
): boolean =>
  !hackathonProject && canEditIdea(viewer, idea) && invitee.id !== idea.authorId && canViewIdea(invitee, idea);
