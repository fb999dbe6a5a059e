// The home page (issue 16, part 4): what is happening on the platform, read in few statements.
//   - Everyone: ideas at each pipeline stage, open challenges, ideas recently in production and the ideas
//     of the moment — in ONE statement, over the spaces the viewer may see (the policy's canViewSpace
//     through visibleSpaces) and only the ideas that may be listed (listedIdeaSql: never hidden or merged).
//   - A signed-in person: their ideas, the ideas they follow, the evaluations waiting for them and, for
//     pipeline managers, the overdue ideas — in ONE more statement, under the same two rules.
// Unread notifications come from the root loader (the header's badge), not from here.
import { canUseManagerBoard, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool } from "~/lib/db.server.ts";
import { parisDay } from "~/lib/time.ts";
import { DB_CLOCK_MS, stageCountsSql } from "./counters.server.ts";
import { visibleSpaces } from "./space.server.ts";
import { OPEN_STAGES, STAGES } from "./stages.ts";

/** How many ideas or challenges each block shows. */
export const HOME_BLOCK_SIZE = 4;

type Space = { slug: string; nameFr: string; nameEn: string };
export type HomeIdea = {
  id: string;
  title: string;
  excerpt: string;
  language: string;
  tags: string[];
  stage: IdeaStage;
  supports: number;
  space: Space;
};
export type HomeChallenge = {
  id: string;
  title: string;
  cover: string;
  language: string;
  closesAt: string;
  space: Space;
};
type PersonalIdea = { id: string; title: string; language: string; stage: IdeaStage };

const ideaJson = (alias: string) => `json_build_object(
  'id', ${alias}.id, 'title', ${alias}.title, 'excerpt', ${alias}.summary, 'language', ${alias}.language,
  'tags', ${alias}.tags, 'stage', ${alias}.stage, 'supports', c.supports,
  'space', json_build_object('slug', s.slug, 'nameFr', s.name_fr, 'nameEn', s.name_en))`;

/** Several lists as JSON arrays in one row: `select (list) as name, …`. */
const list = (query: string) => `(select coalesce(json_agg(x.v), '[]'::json) from (${query}) x)`;

const OVERVIEW = `
select (select coalesce(json_object_agg(t.stage, t.n), '{}'::json) from (${stageCountsSql("$1")}) t) as stages,
       ${list(`select ${ideaJson("i")} as v from ideas i join spaces s on s.id = i.space_id
                 cross join lateral idees_exact_counts(i.id) c
                where i.space_id = any($1::text[]) and ${listedIdeaSql("i")}
                  and i.stage = any($3::"IdeaStage"[])
                order by i.hot_score desc, i.id desc limit $2`)} as trending,
       ${list(`select ${ideaJson("i")} as v from ideas i join spaces s on s.id = i.space_id
                 cross join lateral idees_exact_counts(i.id) c
                where i.space_id = any($1::text[]) and ${listedIdeaSql("i")} and i.stage = 'PRODUCTION'
                order by i.stage_changed_at desc, i.id desc limit $2`)} as production,
       ${list(`select json_build_object('id', ch.id, 'title', ch.title, 'cover', ch.cover, 'language', ch.language,
                        'closesAt', ch.closes_at,
                        'space', json_build_object('slug', s.slug, 'nameFr', s.name_fr, 'nameEn', s.name_en)) as v
                 from challenges ch join spaces s on s.id = ch.space_id
                where ch.space_id = any($1::text[]) and ch.opens_at <= now() and ch.closes_at > now()
                order by ch.closes_at asc, ch.id asc limit $2`)} as challenges,
       ${DB_CLOCK_MS} as at`;

const personalIdea = `json_build_object('id', i.id, 'title', i.title, 'language', i.language, 'stage', i.stage)`;

const PERSONAL = `
select ${list(`select ${personalIdea} as v from ideas i
                where i.author_id = $2 and i.space_id = any($1::text[]) and ${listedIdeaSql("i")}
                order by i.updated_at desc, i.id desc limit $3`)} as mine,
       (select count(*)::int from ideas i
         where i.author_id = $2 and i.space_id = any($1::text[]) and ${listedIdeaSql("i")}) as mine_total,
       ${list(`select ${personalIdea} as v from ideas i
                where i.id in (select target_id from follows where user_id = $2 and kind = 'IDEA' and following
                               union select idea_id from votes where user_id = $2
                               union select idea_id from comments where author_id = $2 and deleted_at is null)
                  and i.author_id <> $2 and i.space_id = any($1::text[]) and ${listedIdeaSql("i")}
                  and not exists (select 1 from follows o where o.user_id = $2 and o.kind = 'IDEA'
                                                          and o.target_id = i.id and not o.following)
                order by i.updated_at desc, i.id desc limit $3`)} as followed,
       ${list(`select ${personalIdea} as v from evaluation_assignments a join ideas i on i.id = a.idea_id
                where a.evaluator_id = $2 and i.stage = 'UNDER_REVIEW' and i.author_id <> $2
                  and i.space_id = any($1::text[]) and ${listedIdeaSql("i")}
                  and not exists (select 1 from evaluations e where e.idea_id = a.idea_id and e.evaluator_id = a.evaluator_id)
                order by a.created_at asc, i.id asc limit $3`)} as to_evaluate,
       case when $4::boolean then
         (select count(*)::int from ideas i
           where i.space_id = any($1::text[]) and ${listedIdeaSql("i")} and i.commitment_due_on < $5::date)
       end as overdue`;

type OverviewRow = {
  stages: Partial<Record<IdeaStage, number>>;
  trending: HomeIdea[];
  production: HomeIdea[];
  challenges: HomeChallenge[];
  at: number;
};
type PersonalRow = {
  mine: PersonalIdea[];
  mine_total: number;
  followed: PersonalIdea[];
  to_evaluate: PersonalIdea[];
  overdue: number | null;
};

/** Everything the home page shows to this viewer: two statements at most (the spaces are cached). */
export async function getHomePage(viewer: Viewer, now = new Date()) {
  const spaces = await visibleSpaces(viewer);
  const spaceIds = spaces.map((s) => s.id);
  const [overview, personal] = await Promise.all([
    pool.query<OverviewRow>(OVERVIEW, [spaceIds, HOME_BLOCK_SIZE, OPEN_STAGES]),
    viewer
      ? pool.query<PersonalRow>(PERSONAL, [
          spaceIds,
          viewer.id,
          HOME_BLOCK_SIZE,
          canUseManagerBoard(viewer),
          parisDay(now),
        ])
      : null,
  ]);
  const o = overview.rows[0]!;
  const p = personal?.rows[0];
  return {
    spaces,
    /** Every stage with its count, in pipeline order (0 for a stage with no idea). */
    stages: STAGES.map((stage) => ({ stage, count: o.stages[stage] ?? 0 })),
    trending: o.trending,
    production: o.production,
    challenges: o.challenges,
    countsAt: o.at,
    personal: p
      ? {
          mine: p.mine,
          mineTotal: p.mine_total,
          followed: p.followed,
          toEvaluate: p.to_evaluate,
          overdue: p.overdue,
        }
      : null,
  };
}
export type HomePage = Awaited<ReturnType<typeof getHomePage>>;
