// Finding the idea to merge into, as the manager types its title (docs/decisions/0014-merge-duplicates.md).
// Only ideas a merge would accept are offered: of the source's space, listed (not hidden, not merged:
// listedIdeaSql), in review (MERGE_STAGES), never the source itself.
import { canManagePipeline, canMergeIdeas, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool } from "~/lib/db.server.ts";
import { queryText } from "~/lib/validation.ts";
import { forbidden } from "./errors.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { MERGE_QUERY_MAX, MERGE_QUERY_MIN, MERGE_STAGES, MERGE_TARGETS_LIMIT } from "./merge.ts";

export type MergeTarget = { id: string; title: string; language: string; stage: IdeaStage; supports: number };

/**
 * Up to ten possible targets for merging `sourceId`, whose title contains what was typed (accents and
 * case ignored) or is close to it (trigram word similarity), closest first. 404 when the source is not
 * visible, 403 for anyone but the managers of its space; none while it is frozen (canMergeIdeas).
 */
export async function findMergeTargets(options: {
  viewer: Viewer;
  sourceId: string;
  query: string | null;
}): Promise<MergeTarget[]> {
  const source = await requireVisibleIdea(options.viewer, options.sourceId);
  if (!canManagePipeline(options.viewer, source.space)) forbidden();
  // Merged or hidden meanwhile (a revalidation after the merge asks again): nothing to merge into.
  if (!canMergeIdeas(options.viewer, source)) return [];
  const typed = queryText(options.query, MERGE_QUERY_MAX);
  if (typed.length < MERGE_QUERY_MIN) return [];
  const { rows } = await pool.query<MergeTarget>(
    `with q as materialized (select lower(idees_unaccent($1::text)) as t)
     select i.id, i.title, i.language, i.stage, i.support_count as supports
       from ideas i, q
      where i.space_id = $2 and i.id <> $3 and ${listedIdeaSql("i")}
        and i.stage = any($4::"IdeaStage"[])
        and (strpos(i.title_search, q.t) > 0 or word_similarity(q.t, i.title_search) >= 0.5)
      order by (strpos(i.title_search, q.t) > 0) desc, word_similarity(q.t, i.title_search) desc,
               i.support_count desc, i.id
      limit $5`,
    [typed, source.space.id, source.id, MERGE_STAGES, MERGE_TARGETS_LIMIT],
  );
  return rows;
}
