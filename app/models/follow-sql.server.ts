// Who follows what, as SQL (docs/decisions/0031-mentions-following-profiles.md): ONE definition, used to
// send notifications (app/models/notification.server.ts), count followers and list what a person follows
// (app/models/follow.server.ts).
import { Prisma } from "~/generated/prisma/client.ts";

/**
 * The ids (column `user_id`) of the people who follow an idea: its author, its supporters and the
 * authors of its comments follow it by default (as before following existed), and anyone who chose to
 * follow it — minus those who stopped (a `following = false` row).
 */
export const ideaFollowersSql = (ideaId: string) => Prisma.sql`
  select f.user_id from (
    select author_id as user_id from ideas where id = ${ideaId}
    union select user_id from votes where idea_id = ${ideaId}
    union select author_id from comments where idea_id = ${ideaId} and deleted_at is null
    union select user_id from follows where kind = 'IDEA' and target_id = ${ideaId} and following
  ) f
  where not exists (select 1 from follows o
                     where o.user_id = f.user_id and o.kind = 'IDEA' and o.target_id = ${ideaId} and not o.following)`;

/** Whether `userId` follows the idea (same rule). */
export const followsIdeaSql = (ideaId: string, userId: string) =>
  Prisma.sql`exists (select 1 from (${ideaFollowersSql(ideaId)}) x where x.user_id = ${userId})`;

/** The people who follow the space, the challenge or one of the tags of a new idea. */
export const newIdeaFollowersSql = (options: { spaceId: string; challengeId: string | null; tags: string[] }) =>
  Prisma.sql`
  select distinct user_id from follows
   where following and (
         (kind = 'SPACE' and target_id = ${options.spaceId})
      or (kind = 'CHALLENGE' and target_id = ${options.challengeId ?? ""})
      or (kind = 'TAG' and target_id = any(${options.tags.map(normalizeTag)}::text[])))`;

/** Tags are followed case-insensitively. */
export const normalizeTag = (tag: string) => tag.trim().toLocaleLowerCase("fr");
