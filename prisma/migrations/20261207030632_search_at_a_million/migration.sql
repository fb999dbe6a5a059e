-- Search at a million ideas (docs/decisions/0034-search-at-a-million.md): a narrow table holding what
-- search reads, one row per idea, kept by a trigger on ideas (application code never writes it).
-- Safe on a big table: ideas is not rewritten; the backfill is one INSERT … SELECT (about 40 s for a
-- million ideas on 2 vCPUs, see the ADR), during which writes to ideas wait on the trigger's lock
-- and reads go on. Indexes are built after the rows are in, which is faster than row by row.

-- CreateTable
CREATE TABLE "idea_search" (
    "idea_id" TEXT NOT NULL,
    "space_id" TEXT NOT NULL,
    "challenge_id" TEXT,
    "stage" "IdeaStage" NOT NULL,
    "tags" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "hot_score" DOUBLE PRECISION NOT NULL,
    "hidden_at" TIMESTAMPTZ(3),
    "merged_into_id" TEXT,
    "document" tsvector NOT NULL,
    "title_words" tsvector NOT NULL,

    CONSTRAINT "idea_search_pkey" PRIMARY KEY ("idea_id")
);

-- Copies the searchable facts of an idea after each write that changes one of them (the WHEN clause
-- skips the others: a vote fold that leaves hot_score equal, an edit of the summary). title_words is the
-- title part of the vector (its weight-A lexemes, positions kept for phrase queries).
CREATE FUNCTION idees_idea_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idea_search (idea_id, space_id, challenge_id, stage, tags, created_at, hot_score, hidden_at, merged_into_id,
                           document, title_words)
  VALUES (NEW.id, NEW.space_id, NEW.challenge_id, NEW.stage, NEW.tags, NEW.created_at, NEW.hot_score, NEW.hidden_at,
          NEW.merged_into_id, coalesce(NEW.search_vector, ''::tsvector), ts_filter(coalesce(NEW.search_vector, ''::tsvector), '{a}'))
  ON CONFLICT (idea_id) DO UPDATE SET
    space_id = excluded.space_id, challenge_id = excluded.challenge_id, stage = excluded.stage, tags = excluded.tags,
    created_at = excluded.created_at, hot_score = excluded.hot_score, hidden_at = excluded.hidden_at,
    merged_into_id = excluded.merged_into_id, document = excluded.document, title_words = excluded.title_words;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ideas_search_insert
  AFTER INSERT ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_idea_search_sync();

CREATE TRIGGER ideas_search_update
  AFTER UPDATE ON ideas
  FOR EACH ROW
  WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.hot_score IS DISTINCT FROM NEW.hot_score
        OR OLD.space_id IS DISTINCT FROM NEW.space_id OR OLD.challenge_id IS DISTINCT FROM NEW.challenge_id
        OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.tags IS DISTINCT FROM NEW.tags
        OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at
        OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id)
  EXECUTE FUNCTION idees_idea_search_sync();

-- Existing ideas (the triggers above already hold ideas' write lock until this migration commits).
INSERT INTO idea_search (idea_id, space_id, challenge_id, stage, tags, created_at, hot_score, hidden_at, merged_into_id,
                         document, title_words)
SELECT id, space_id, challenge_id, stage, tags, created_at, hot_score, hidden_at, merged_into_id,
       coalesce(search_vector, ''::tsvector), ts_filter(coalesce(search_vector, ''::tsvector), '{a}')
  FROM ideas;

-- CreateIndex
CREATE INDEX "idea_search_document_idx" ON "idea_search" USING GIN ("document");

-- CreateIndex
CREATE INDEX "idea_search_title_words_idx" ON "idea_search" USING GIN ("title_words");

-- CreateIndex
CREATE INDEX "idea_search_hot_score_idea_id_idx" ON "idea_search"("hot_score" DESC, "idea_id" DESC);

-- AddForeignKey
ALTER TABLE "idea_search" ADD CONSTRAINT "idea_search_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ANALYZE idea_search;
