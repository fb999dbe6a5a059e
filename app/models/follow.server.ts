// Following an idea, a challenge, a space or a tag (docs/decisions/0031-mentions-following-profiles.md).
// Who follows an idea is defined once, in SQL (app/models/follow-sql.server.ts); whether one may follow
// something is the policy's canFollow; the list of what a person follows is read through the policy.
import { canViewIdea, isListedIdea, visibleSpaceFilter, type Viewer } from "~/auth/policy.ts";
import { canFollow } from "~/auth/policy-people.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { FollowKind } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { readPart, type ReadPart } from "~/lib/read-together.server.ts";
import { requireVisibleChallenge } from "./challenge.server.ts";
import { notFound } from "./errors.ts";
import { followsIdeaSql, ideaFollowerCountSql, normalizeTag } from "./follow-sql.server.ts";
import type { FollowForm } from "./follow.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { requireVisibleSpace } from "./space.server.ts";

/** The idea's follower count, and whether the viewer follows it. */
export async function ideaFollowState(options: { viewer: Viewer; ideaId: string }) {
  const { viewer, ideaId } = options;
  const [row] = await prisma.$queryRaw<{ followers: number; following: boolean }[]>`
    select ${ideaFollowColumns({ viewer, ideaId })}`;
  return { followers: row?.followers ?? 0, following: row?.following ?? false };
}

/** ideaFollowState's two columns, `followers` and `following`, for a statement that reads them with others. */
export const ideaFollowColumns = (options: { viewer: Viewer; ideaId: string }) =>
  Prisma.sql`${ideaFollowerCountSql(options.ideaId)} as followers,
    ${options.viewer ? followsIdeaSql(options.ideaId, options.viewer.id) : Prisma.sql`false`} as following`;

type FollowTarget = { viewer: Viewer; kind: Exclude<FollowKind, "IDEA">; targetId: string };

/**
 * How many follow this space, challenge or tag (explicit follows only), and whether the viewer does. One
 * part (app/lib/read-together.server.ts), so the space page reads it with its list in one round trip
 * (docs/decisions/0055); nobody's name travels.
 */
export function followStatePart(options: FollowTarget): ReadPart<{ followers: number; following: boolean }> {
  const { viewer, kind } = options;
  const targetId = kind === "TAG" ? normalizeTag(options.targetId) : options.targetId;
  return {
    sql: (param) =>
      `(select json_build_object('followers', count(*)::int, 'following', coalesce(bool_or(user_id = ${param(viewer?.id ?? "")}), false))
          from follows where kind = ${param(kind)}::"FollowKind" and target_id = ${param(targetId)} and following)`,
    decode: (json) => {
      const row = json as { followers: number; following: boolean } | null;
      return { followers: row?.followers ?? 0, following: row?.following ?? false };
    },
  };
}

/** The follow line alone (its own statement): a tag's or a challenge's page. */
export async function followState(options: FollowTarget) {
  return readPart(followStatePart(options));
}

/** The stored key of what the form names, once the policy allowed following it (a 404 otherwise). */
async function followKey(viewer: NonNullable<Viewer>, input: FollowForm): Promise<string> {
  switch (input.kind) {
    case "IDEA": {
      const idea = await requireVisibleIdea(viewer, input.target);
      if (input.follow && !canFollow(viewer, { kind: "IDEA", idea })) notFound();
      return idea.id;
    }
    case "CHALLENGE": {
      const challenge = await requireVisibleChallenge(viewer, input.target);
      if (!canFollow(viewer, { kind: "CHALLENGE", space: challenge.space })) notFound();
      return challenge.id;
    }
    case "SPACE": {
      const space = await requireVisibleSpace(viewer, input.target);
      if (!canFollow(viewer, { kind: "SPACE", space })) notFound();
      return space.id;
    }
    case "TAG":
      return normalizeTag(input.target);
  }
}

/**
 * Follows or stops following. Stopping to follow an idea is remembered (`following = false`): it
 * overrides following it by default as its author, supporter or commenter.
 */
export async function setFollow(options: { user: NonNullable<Viewer>; input: FollowForm }): Promise<void> {
  const { user, input } = options;
  const targetId = await followKey(user, input);
  const key = { userId: user.id, kind: input.kind, targetId };
  if (!input.follow && input.kind !== "IDEA") {
    await prisma.follow.deleteMany({ where: key });
    return;
  }
  await prisma.follow.upsert({
    where: { userId_kind_targetId: key },
    create: { ...key, following: input.follow },
    update: { following: input.follow },
    select: { userId: true },
  });
}

const FOLLOWS_SHOWN = 200;

/**
 * What the person follows and may still see: ideas (chosen, or by default and not stopped), spaces,
 * challenges and tags. An idea hidden, merged or moved where they cannot see it is left out.
 */
export async function listFollows(viewer: NonNullable<Viewer>) {
  const explicit = await prisma.follow.findMany({
    where: { userId: viewer.id, following: true },
    orderBy: { createdAt: "desc" },
    take: FOLLOWS_SHOWN,
    select: { kind: true, targetId: true },
  });
  const ids = (kind: FollowKind) => explicit.filter((f) => f.kind === kind).map((f) => f.targetId);
  const byDefault = await prisma.$queryRaw<{ id: string }[]>`
    select i.id from ideas i
     where (i.author_id = ${viewer.id}
            or exists (select 1 from votes v where v.idea_id = i.id and v.user_id = ${viewer.id})
            or exists (select 1 from comments c where c.idea_id = i.id and c.author_id = ${viewer.id} and c.deleted_at is null))
       and not exists (select 1 from follows o where o.user_id = ${viewer.id} and o.kind = 'IDEA'
                                                and o.target_id = i.id and not o.following)
     order by i.created_at desc limit ${FOLLOWS_SHOWN}`;
  const chosen = new Set(ids("IDEA"));
  const ideaRows = await prisma.idea.findMany({
    where: { id: { in: [...chosen, ...byDefault.map((r) => r.id)] }, space: visibleSpaceFilter(viewer) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      language: true,
      authorId: true,
      hiddenAt: true,
      mergedIntoId: true,
      space: { select: { id: true, audience: true } },
    },
  });
  const [spaces, challenges] = await Promise.all([
    prisma.space.findMany({
      where: { AND: [{ id: { in: ids("SPACE") } }, visibleSpaceFilter(viewer)] },
      orderBy: { slug: "asc" },
      select: { id: true, slug: true, nameFr: true, nameEn: true },
    }),
    prisma.challenge.findMany({
      where: { id: { in: ids("CHALLENGE") }, space: visibleSpaceFilter(viewer) },
      orderBy: { closesAt: "desc" },
      select: { id: true, title: true, language: true },
    }),
  ]);
  return {
    ideas: ideaRows
      .filter((i) => canViewIdea(viewer, i) && isListedIdea(i))
      .map((i) => ({ id: i.id, title: i.title, language: i.language, byDefault: !chosen.has(i.id) })),
    spaces,
    challenges,
    tags: ids("TAG").sort(),
  };
}
