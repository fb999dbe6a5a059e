// The policy's rules about people (docs/decisions/0031-mentions-following-profiles.md): who may be
// mentioned, followed, and whose profile details show. Part of the one policy (app/auth/policy.ts, which
// it builds on); kept apart so that each file stays readable.
import type { Prisma } from "~/generated/prisma/client.ts";
import {
  canViewIdea,
  canViewSpace,
  isListedIdea,
  STAFF_ROLES,
  type IdeaRef,
  type SpaceRef,
  type Viewer,
} from "./policy.ts";

/** A person as the policy needs them (a Viewer who is not necessarily the one asking). */
export type PersonRef = NonNullable<Viewer>;

/** Who may be suggested for, and notified by, a mention on an idea: people who may see it now. */
export const canBeMentioned = (person: PersonRef, idea: Parameters<typeof canViewIdea>[1]): boolean =>
  canViewIdea(person, idea);

/** For queries: the people who may see a space (canViewSpace from the person's side). */
export function peopleWhoMayViewSpace(space: SpaceRef): Prisma.UserWhereInput {
  if (space.audience === "PUBLIC") return {};
  return {
    OR: [{ role: { in: [...STAFF_ROLES] } }, { role: "SUPPLIER", spaceAccesses: { some: { spaceId: space.id } } }],
  };
}

/** What may be followed: an idea the viewer may see and that is listed, a challenge or space they may see, a tag. */
export type FollowTarget =
  { kind: "IDEA"; idea: IdeaRef } | { kind: "CHALLENGE" | "SPACE"; space: SpaceRef } | { kind: "TAG" };

export function canFollow(viewer: Viewer, target: FollowTarget): viewer is NonNullable<Viewer> {
  if (!viewer) return false;
  if (target.kind === "TAG") return true;
  if (target.kind === "IDEA") return canViewIdea(viewer, target.idea) && isListedIdea(target.idea);
  return canViewSpace(viewer, target.space);
}

/** A profile's name is public; role, bio and contributions (still filtered) unless kept private. */
export function canSeeProfileDetails(viewer: Viewer, person: { id: string; profilePrivate: boolean }): boolean {
  return !person.profilePrivate || (viewer !== null && (viewer.id === person.id || viewer.role === "ADMIN"));
}

/**
 * An uploaded picture goes wherever the person's name is shown (docs/decisions/0039-avatars.md), except
 * that a private profile shows the name only: others see no picture (themselves and admins still do).
 */
export const canSeeAvatar = (viewer: Viewer, person: { id: string; profilePrivate: boolean }): boolean =>
  canSeeProfileDetails(viewer, person);
