-- Hand-written: not modelled by Prisma (docs/decisions/0002-migrations-without-native-engine.md).
-- THE exact counts of an idea (docs/decisions/0003-vote-counts.md): its stored columns plus the deltas
-- not folded yet. Every statement that shows a count uses this one definition
-- (`cross join lateral idees_exact_counts(i.id) c`), in its own snapshot, so a fold committing meanwhile
-- is seen whole or not at all. LANGUAGE sql, STABLE and not STRICT: the planner inlines it, so the plan
-- is the lateral subquery each statement used to spell out (plus a primary-key lookup). It takes the id,
-- not the row: a whole-row argument would make PostgreSQL detoast every idea's body to build it.
-- docs/decisions/0017-domain-errors-and-rules-once.md
CREATE FUNCTION idees_exact_counts(p_idea_id text) RETURNS TABLE (supports integer, comments integer)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (i.support_count + coalesce(sum(d.supports), 0))::int,
         (i.comment_count + coalesce(sum(d.comments), 0))::int
    FROM ideas i
    LEFT JOIN idea_counter_deltas d ON d.idea_id = i.id
   WHERE i.id = p_idea_id
   GROUP BY i.id
$$;
