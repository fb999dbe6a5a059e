-- CreateTable
CREATE TABLE "challenge_idea_counts" (
    "challenge_id" TEXT NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "challenge_idea_counts_pkey" PRIMARY KEY ("challenge_id")
);

-- CreateTable
CREATE TABLE "challenge_idea_count_deltas" (
    "id" BIGSERIAL NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "challenge_idea_count_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "challenge_idea_count_deltas_challenge_id_idx" ON "challenge_idea_count_deltas"("challenge_id");

-- Hand-written (docs/decisions/0002): listed ideas per challenge (docs/decisions/0052), the pattern of
-- the stage counts (…_space_stage_counts, docs/decisions/0040). "Listed" is the policy's rule
-- (app/auth/policy.ts, listedIdeaSql): not hidden by moderation, not merged into another idea.
-- tests/challenge-idea-counts.test.ts compares these counts with that rule after every kind of change.
CREATE FUNCTION idees_challenge_idea_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_in boolean := TG_OP <> 'INSERT' AND OLD.challenge_id IS NOT NULL AND OLD.hidden_at IS NULL AND OLD.merged_into_id IS NULL;
  new_in boolean := TG_OP <> 'DELETE' AND NEW.challenge_id IS NOT NULL AND NEW.hidden_at IS NULL AND NEW.merged_into_id IS NULL;
  moved boolean := TG_OP = 'UPDATE' AND NEW.challenge_id IS DISTINCT FROM OLD.challenge_id;
BEGIN
  IF old_in AND (NOT new_in OR moved) THEN
    INSERT INTO challenge_idea_count_deltas (challenge_id, n) VALUES (OLD.challenge_id, -1);
  END IF;
  IF new_in AND (NOT old_in OR moved) THEN
    INSERT INTO challenge_idea_count_deltas (challenge_id, n) VALUES (NEW.challenge_id, 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ideas_challenge_idea_count_deltas
  AFTER INSERT OR DELETE OR UPDATE OF challenge_id, hidden_at, merged_into_id ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_challenge_idea_count_delta();

-- The ideas already there.
INSERT INTO challenge_idea_counts (challenge_id, n)
SELECT challenge_id, count(*)::int FROM ideas
 WHERE challenge_id IS NOT NULL AND hidden_at IS NULL AND merged_into_id IS NULL
 GROUP BY challenge_id;
