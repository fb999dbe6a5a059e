// Profiles (docs/decisions/0031-mentions-following-profiles.md): a person's name for everyone; their
// role, bio and contributions unless they keep their profile private (canSeeProfileDetails); and of
// their contributions, only the ideas and comments the viewer may see (listed ideas of spaces the
// viewer may see; comments neither deleted nor hidden).
import { listedIdeaWhere, visibleSpaceFilter, type Viewer } from "~/auth/policy.ts";
import { canSeeProfileDetails } from "~/auth/policy-people.ts";
import { prisma } from "~/lib/db.server.ts";
import { isRecordId } from "~/lib/validation.ts";
import { visibleAvatarUrl } from "./avatar.ts";
import { notFound } from "./errors.ts";
import type { ProfileForm } from "./profile.ts";
import { DELETED_USER_ID } from "./user.ts";

export const PROFILE_PAGE_SIZE = 10;

export async function getProfile(options: { viewer: Viewer; personId: string; page: number }) {
  const { viewer, personId } = options;
  if (!isRecordId(personId) || personId === DELETED_USER_ID) notFound();
  const person = await prisma.user.findUnique({
    where: { id: personId },
    select: { id: true, displayName: true, role: true, bio: true, profilePrivate: true, avatarId: true },
  });
  if (!person) notFound();
  if (!canSeeProfileDetails(viewer, person)) {
    return { person: { id: person.id, displayName: person.displayName }, details: null };
  }
  const page = Math.min(Math.max(1, Math.floor(options.page) || 1), 100);
  const skip = (page - 1) * PROFILE_PAGE_SIZE;
  const visibleIdea = { ...listedIdeaWhere, space: visibleSpaceFilter(viewer) };
  const [ideas, comments] = await Promise.all([
    prisma.idea.findMany({
      where: { ...visibleIdea, authorId: person.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take: PROFILE_PAGE_SIZE + 1,
      select: { id: true, title: true, language: true, createdAt: true },
    }),
    prisma.comment.findMany({
      where: { authorId: person.id, deletedAt: null, hiddenAt: null, idea: visibleIdea },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take: PROFILE_PAGE_SIZE + 1,
      select: { id: true, createdAt: true, idea: { select: { id: true, title: true, language: true } } },
    }),
  ]);
  return {
    person: { id: person.id, displayName: person.displayName },
    details: {
      role: person.role,
      bio: person.bio,
      /** Their uploaded picture (docs/decisions/0039-avatars.md), or null: initials. */
      avatarUrl: visibleAvatarUrl(viewer, person, "large"),
      ideas: ideas.slice(0, PROFILE_PAGE_SIZE).map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
      comments: comments.slice(0, PROFILE_PAGE_SIZE).map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
      nextPage: ideas.length > PROFILE_PAGE_SIZE || comments.length > PROFILE_PAGE_SIZE ? page + 1 : null,
    },
  };
}

export async function getProfileSettings(user: NonNullable<Viewer>) {
  return prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { bio: true, profilePrivate: true, avatarId: true },
  });
}

export async function updateProfile(options: { user: NonNullable<Viewer>; input: ProfileForm }) {
  const { user, input } = options;
  await prisma.user.update({
    where: { id: user.id },
    data: { bio: input.bio ? input.bio : null, profilePrivate: input.profilePrivate },
    select: { id: true },
  });
}
