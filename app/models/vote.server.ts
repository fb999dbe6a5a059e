import { canVote, type Viewer } from "~/auth/policy.ts";
import { pool } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { participationRefusal, requireVisibleIdea } from "./idea.server.ts";
import { forbidden } from "./errors.ts";

/**
 * Sets the viewer's support for an idea to `supported`. Idempotent: the (idea, user) primary key and
 * ON CONFLICT DO NOTHING mean a double click or a replayed request never counts twice, and retracting
 * twice removes nothing more. Returns the exact count after the change.
 */
export async function setSupport(options: { user: NonNullable<Viewer>; ideaId: string; supported: boolean }) {
  const { user, ideaId, supported } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canVote(user, idea)) forbidden(participationRefusal(idea));
  // One round trip: change the vote and read the exact count. The statement's snapshot predates its
  // own write, so the count is corrected by what this statement changed.
  const { rows } = await pool
    .query<{ supports: number }>(
      supported
        ? `with changed as (insert into votes (idea_id, user_id) values ($1, $2) on conflict do nothing returning 1)
         select (c.supports + (select count(*) from changed))::int as supports
           from idees_exact_counts($1) c`
        : `with changed as (delete from votes where idea_id = $1 and user_id = $2 returning 1)
         select (c.supports - (select count(*) from changed))::int as supports
           from idees_exact_counts($1) c`,
      [ideaId, user.id],
    )
    // The idea was merged between the check above and this insert: the database refused the vote
    // (docs/decisions/0014-merge-duplicates.md), which is the same "no" as the check.
    .catch((error: { code?: string }) => (error.code === "23514" ? forbidden() : Promise.reject(error)));
  // The statement has committed: tell the open pages (coalesced, with the exact count at that moment).
  publish({ type: "idea:support", ideaId, spaceId: idea.space.id });
  return { supported, supports: rows[0]?.supports ?? 0 };
}
