-- CreateTable
CREATE TABLE "space_stage_counts" (
    "space_id" TEXT NOT NULL,
    "stage" "IdeaStage" NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "space_stage_counts_pkey" PRIMARY KEY ("space_id","stage")
);

-- CreateTable
CREATE TABLE "space_stage_count_deltas" (
    "id" BIGSERIAL NOT NULL,
    "space_id" TEXT NOT NULL,
    "stage" "IdeaStage" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "space_stage_count_deltas_pkey" PRIMARY KEY ("id")
);

-- Listed ideas per space and stage (docs/decisions/0040). "Listed" is the policy's rule
-- (app/auth/policy.ts, listedIdeaSql): not hidden by moderation, not merged into another idea.
-- tests/stage-counts.test.ts compares these counts with that rule after every kind of change.
CREATE FUNCTION idees_stage_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_listed boolean := TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL AND OLD.merged_into_id IS NULL;
  new_listed boolean := TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL AND NEW.merged_into_id IS NULL;
  moved boolean := TG_OP = 'UPDATE' AND (NEW.space_id IS DISTINCT FROM OLD.space_id OR NEW.stage IS DISTINCT FROM OLD.stage);
BEGIN
  IF old_listed AND (NOT new_listed OR moved) THEN
    INSERT INTO space_stage_count_deltas (space_id, stage, n) VALUES (OLD.space_id, OLD.stage, -1);
  END IF;
  IF new_listed AND (NOT old_listed OR moved) THEN
    INSERT INTO space_stage_count_deltas (space_id, stage, n) VALUES (NEW.space_id, NEW.stage, 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ideas_stage_count_deltas
  AFTER INSERT OR DELETE OR UPDATE OF space_id, stage, hidden_at, merged_into_id ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_stage_count_delta();

-- The ideas already there.
INSERT INTO space_stage_counts (space_id, stage, n)
SELECT space_id, stage, count(*)::int FROM ideas
 WHERE hidden_at IS NULL AND merged_into_id IS NULL
 GROUP BY space_id, stage;
