-- Search candidates read in tiers of hot score (docs/decisions/0051-search-tiers-in-hot-order.md): each GIN
-- index of idea_search also holds hot_day (btree_gin), so "the matches of this query hotter than a bound" is
-- one index scan that returns only those rows, however common the words are.
-- Safe on a big table: ideas is not touched; idea_search is rewritten once by the UPDATE (about a minute
-- per million ideas on 2 vCPUs, see the ADR), during which writes to ideas wait on the trigger's lock.

-- AlterTable
ALTER TABLE "idea_search" ADD COLUMN "hot_day" INTEGER;

-- hot_day is the hot score in days of freshness (the score counts weeks: ADR 0011), kept with the rest.
CREATE OR REPLACE FUNCTION idees_idea_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idea_search (idea_id, space_id, challenge_id, stage, tags, created_at, hot_score, hot_day, hidden_at,
                           merged_into_id, document, title_words)
  VALUES (NEW.id, NEW.space_id, NEW.challenge_id, NEW.stage, NEW.tags, NEW.created_at, NEW.hot_score,
          floor(NEW.hot_score * 7)::int, NEW.hidden_at, NEW.merged_into_id, coalesce(NEW.search_vector, ''::tsvector),
          ts_filter(coalesce(NEW.search_vector, ''::tsvector), '{a}'))
  ON CONFLICT (idea_id) DO UPDATE SET
    space_id = excluded.space_id, challenge_id = excluded.challenge_id, stage = excluded.stage, tags = excluded.tags,
    created_at = excluded.created_at, hot_score = excluded.hot_score, hot_day = excluded.hot_day,
    hidden_at = excluded.hidden_at, merged_into_id = excluded.merged_into_id, document = excluded.document,
    title_words = excluded.title_words;
  RETURN NULL;
END;
$$;

-- The old indexes first: the UPDATE below then writes no entry into them.
-- DropIndex
DROP INDEX "idea_search_document_idx";

-- DropIndex
DROP INDEX "idea_search_title_words_idx";

UPDATE "idea_search" SET "hot_day" = floor("hot_score" * 7)::int;

ALTER TABLE "idea_search" ALTER COLUMN "hot_day" SET NOT NULL;

-- CreateIndex
CREATE INDEX "idea_search_document_hot_day_idx" ON "idea_search" USING GIN ("document", "hot_day" int4_ops);

-- CreateIndex
CREATE INDEX "idea_search_title_words_hot_day_idx" ON "idea_search" USING GIN ("title_words", "hot_day" int4_ops);

ANALYZE idea_search;
