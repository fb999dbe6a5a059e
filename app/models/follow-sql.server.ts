// Who follows what, as SQL (docs/decisions/0031-mentions-following-profiles.md): ONE definition, used to
// send notifications (app/models/notification.server.ts), count followers and list what a person follows
// (app/models/follow.server.ts).
import { Prisma } from "~/generated/prisma/client.ts";
import { DELETED_USER_ID } from "./user-names.ts";

/**
 * Those of ideaFollowersSql's people whom the rule names besides its supporters (some of them supporters
 * too). The placeholder that deleted people's kept ideas and comments are signed by (docs/decisions/0009)
 * is nobody: never notified (notification.server.ts), so not counted either.
 */
const followersBesideVotersSql = (ideaId: string) => Prisma.sql`
    select author_id as user_id from ideas where id = ${ideaId} and author_id <> ${DELETED_USER_ID}
    union select author_id from comments where idea_id = ${ideaId} and deleted_at is null and author_id <> ${DELETED_USER_ID}
    union select user_id from follows where kind = 'IDEA' and target_id = ${ideaId} and following`;

/** Whether the person in `column` stopped following the idea (a `following = false` row). */
const stoppedFollowingSql = (ideaId: string, column: "f.user_id" | "v.user_id") =>
  Prisma.sql`exists (select 1 from follows o where o.user_id = ${Prisma.raw(column)} and o.kind = 'IDEA'
                        and o.target_id = ${ideaId} and not o.following)`;

/**
 * The ids (column `user_id`) of the people who follow an idea: its author, its supporters and the
 * authors of its comments follow it by default (as before following existed), and anyone who chose to
 * follow it — minus those who stopped (a `following = false` row).
 */
export const ideaFollowersSql = (ideaId: string) => Prisma.sql`
  select f.user_id from (
    select user_id from votes where idea_id = ${ideaId}
    union ${followersBesideVotersSql(ideaId)}
  ) f
  where not ${stoppedFollowingSql(ideaId, "f.user_id")}`;

/**
 * How many people ideaFollowersSql names, counted without building its union nor reading its supporters:
 * the supporters are the idea's exact support count (stored column plus pending deltas, ADR 0003: one
 * vote per person), less those of them who stopped following (their few `following = false` rows, each
 * checked against the votes), plus the others who did not vote and did not stop. The union of the most
 * voted idea's ~14,000 supporters cost PostgreSQL ~12 ms on each view of its page, counting them ~5 ms
 * (docs/decisions/0049); this is independent of the number of votes (docs/decisions/0059). Same pieces as
 * ideaFollowersSql; tests/following.test.ts checks both agree. `offset 0` keeps each "did they vote"
 * an index probe per person: flattened into an anti-join, PostgreSQL hashed all the idea's votes for it.
 */
export const ideaFollowerCountSql = (ideaId: string) => Prisma.sql`(
  (select supports from idees_exact_counts(${ideaId}))
  - (select count(*)::int from follows o where o.kind = 'IDEA' and o.target_id = ${ideaId} and not o.following
        and exists (select 1 from votes v where v.idea_id = ${ideaId} and v.user_id = o.user_id))
  + (select count(*)::int from (${followersBesideVotersSql(ideaId)}) f
      where not exists (select 1 from votes v where v.idea_id = ${ideaId} and v.user_id = f.user_id offset 0)
        and not ${stoppedFollowingSql(ideaId, "f.user_id")}))`;

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
