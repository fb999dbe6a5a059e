import { canVote, type Viewer } from "~/auth/policy.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { pool, prepared } from "~/lib/db.server.ts";
import { isRecordId } from "~/lib/validation.ts";
import { publish } from "~/realtime/publish.server.ts";
import {
  ideaAccessRead,
  participationRefusal,
  requireVisibleIdea,
  visibleIdeaFrom,
  type IdeaAccessRef,
  type IdeaAccessRow,
} from "./idea.server.ts";
import { forbidden, notFound, type Limited } from "./errors.ts";
import { checkRateLimits, checkRateLimitsAlong } from "./rate-limit.server.ts";
import { DB_CLOCK_MS } from "./counters.server.ts";
import { supportState, type SupportState } from "./vote.ts";

/**
 * A vote's rate limits, counted (per account and per address, as checkRateLimits), and the idea's access
 * facts read in the same statement: the vote is the hottest write, and the two did not depend on each
 * other (docs/decisions/0042). Pass `idea` to setSupport; it decides (404, 403) as before.
 */
export async function checkVoteLimits(options: {
  user: SessionUser;
  ip: string;
  ideaId: string;
}): Promise<{ limited: Limited | null; idea: IdeaAccessRow | undefined }> {
  const { user, ip, ideaId } = options;
  if (!isRecordId(ideaId)) return { limited: await checkRateLimits({ user, ip, action: "vote" }), idea: undefined };
  const { limited, rows } = await checkRateLimitsAlong<IdeaAccessRow>(
    { user, ip, action: "vote" },
    ideaAccessRead(ideaId, 3),
  );
  return { limited, idea: rows[0] };
}

/**
 * Sets the viewer's support for an idea to `supported`. Idempotent: the (idea, user) primary key and
 * ON CONFLICT DO NOTHING mean a double click or a replayed request never counts twice, and retracting
 * twice removes nothing more. `changed`: whether this call added or removed the vote. The count is not
 * read here: the route answers a redirect and the open pages get it from the emitter, which reads the
 * exact counts of the ideas changed in its window (docs/decisions/0048). `access`: the idea's row read
 * by checkVoteLimits in this request (else it is read here).
 */
export async function setSupport(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  supported: boolean;
  access?: { row: IdeaAccessRow | undefined };
}): Promise<{ supported: boolean; changed: boolean }> {
  const { user, ideaId, supported, access } = options;
  const idea: IdeaAccessRef = access ? visibleIdeaFrom(user, access.row) : await requireVisibleIdea(user, ideaId);
  if (!canVote(user, idea)) forbidden(participationRefusal(idea));
  const { rowCount } = await pool
    .query(
      prepared(
        supported
          ? "insert into votes (idea_id, user_id) values ($1, $2) on conflict do nothing"
          : "delete from votes where idea_id = $1 and user_id = $2",
        [ideaId, user.id],
      ),
    )
    // The idea was merged between the check above and this insert: the database refused the vote
    // (docs/decisions/0014-merge-duplicates.md), which is the same "no" as the check.
    .catch((error: { code?: string }) => (error.code === "23514" ? forbidden() : Promise.reject(error)));
  const changed = (rowCount ?? 0) > 0;
  // The statement has committed: tell the open pages (coalesced, with the exact count at that moment).
  // A repeated click changed nothing, so no page has anything new to show.
  if (changed) publish({ type: "idea:support", ideaId, spaceId: idea.space.id });
  return { supported, changed };
}

/**
 * The viewer's support and the idea's exact count, with the database clock, in one statement read after
 * the vote committed: what the support box shows after a click with JavaScript, instead of reloading the
 * page (docs/decisions/0056). Read after the commit, not with the insert, so that any snapshot taken
 * later, such as the one of a live event with a later `at`, includes this vote (newest wins on the page).
 */
export async function readSupportState(options: { user: NonNullable<Viewer>; ideaId: string }): Promise<SupportState> {
  const { rows } = await pool.query<Omit<SupportState, "kind">>(
    prepared(
      `select exists (select 1 from votes where idea_id = $1 and user_id = $2) as supported, c.supports,
              ${DB_CLOCK_MS} as at
         from idees_exact_counts($1) c`,
      [options.ideaId, options.user.id],
    ),
  );
  // The idea was deleted since the vote: as for any other read of it.
  return rows[0] ? supportState(rows[0]) : notFound();
}
