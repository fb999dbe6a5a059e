-- CreateEnum
CREATE TYPE "PipelineCountKind" AS ENUM ('COHORT', 'REACHED', 'LEFT', 'ENTERED');

-- CreateTable
CREATE TABLE "stage_visits" (
    "transition_id" BIGINT NOT NULL,
    "idea_id" TEXT NOT NULL,
    "space_id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL DEFAULT '',
    "stage" "IdeaStage" NOT NULL,
    "to_stage" "IdeaStage" NOT NULL,
    "left_at" TIMESTAMPTZ(3) NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "created_day" DATE NOT NULL,
    "first_reach" BOOLEAN NOT NULL,

    CONSTRAINT "stage_visits_pkey" PRIMARY KEY ("transition_id")
);

-- CreateTable
CREATE TABLE "pipeline_counts" (
    "kind" "PipelineCountKind" NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "day" DATE NOT NULL,
    "space_id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "stage" "IdeaStage" NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "pipeline_counts_pkey" PRIMARY KEY ("kind","grain","day","space_id","challenge_id","stage","bucket")
);

-- CreateTable
CREATE TABLE "pipeline_count_deltas" (
    "id" BIGSERIAL NOT NULL,
    "kind" "PipelineCountKind" NOT NULL,
    "day" DATE NOT NULL,
    "space_id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "stage" "IdeaStage" NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "pipeline_count_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pilots_created_at_id_idx" ON "pilots"("created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "stage_visits_idea_id_idx" ON "stage_visits"("idea_id");

-- CreateIndex
CREATE INDEX "stage_visits_stage_bucket_seconds_space_id_challenge_id_lef_idx" ON "stage_visits"("stage", "bucket", "seconds", "space_id", "challenge_id", "left_at");

-- The pipeline figures of the managers' indicators (docs/decisions/0050-pipeline-indicators-rollup.md):
-- funnel, time in each stage and throughput, counted over LISTED ideas (listedIdeaSql in
-- app/auth/policy.ts: not hidden, not merged) by the idea's current space and challenge, dated in Paris
-- days. tests/pipeline-rollup.test.ts compares the tables with the views below, and the page's figures
-- with the direct statements over ideas and stage_transitions, after every kind of change.

-- A visit's length bucket: ratio 2^(1/16) per bucket, 0 under one second.
CREATE FUNCTION idees_visit_bucket(seconds double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN seconds < 1 THEN 0 ELSE (1 + floor(16 * ln(seconds) / ln(2)))::smallint END
$$;

-- What stage_visits must hold: one row per move of a listed idea; the visit it ends began at the
-- previous move (by sequence id) or at the idea's creation.
CREATE VIEW idees_stage_visits_expected AS
  SELECT v.transition_id, v.idea_id, v.space_id, v.challenge_id, v.stage, v.to_stage, v.left_at, v.seconds,
         idees_visit_bucket(v.seconds) AS bucket, v.created_day, v.first_reach
    FROM (SELECT t.id AS transition_id, t.idea_id, i.space_id, coalesce(i.challenge_id, '') AS challenge_id,
                 t.from_stage AS stage, t.to_stage, t.created_at AS left_at,
                 extract(epoch FROM t.created_at - coalesce(lag(t.created_at) OVER (PARTITION BY t.idea_id ORDER BY t.id),
                                                            i.created_at))::double precision AS seconds,
                 (i.created_at AT TIME ZONE 'Europe/Paris')::date AS created_day,
                 row_number() OVER (PARTITION BY t.idea_id, t.to_stage ORDER BY t.id) = 1 AS first_reach
            FROM stage_transitions t JOIN ideas i ON i.id = t.idea_id
           WHERE i.hidden_at IS NULL AND i.merged_into_id IS NULL) v;

-- What pipeline_counts must hold (rows plus pending deltas), both grains.
CREATE VIEW idees_pipeline_counts_expected AS
  WITH facts AS (
    SELECT 'COHORT'::"PipelineCountKind" AS kind, (i.created_at AT TIME ZONE 'Europe/Paris')::date AS day,
           i.space_id, coalesce(i.challenge_id, '') AS challenge_id, i.stage, 0::smallint AS bucket
      FROM ideas i WHERE i.hidden_at IS NULL AND i.merged_into_id IS NULL
    UNION ALL
    SELECT 'REACHED', v.created_day, v.space_id, v.challenge_id, v.to_stage, 0::smallint
      FROM idees_stage_visits_expected v WHERE v.first_reach
    UNION ALL
    SELECT 'LEFT', (v.left_at AT TIME ZONE 'Europe/Paris')::date, v.space_id, v.challenge_id, v.stage, v.bucket
      FROM idees_stage_visits_expected v
    UNION ALL
    SELECT 'ENTERED', (v.left_at AT TIME ZONE 'Europe/Paris')::date, v.space_id, v.challenge_id, v.to_stage, 0::smallint
      FROM idees_stage_visits_expected v)
  SELECT f.kind, g.grain, g.day, f.space_id, f.challenge_id, f.stage, f.bucket, count(*)::integer AS n
    FROM facts f
   CROSS JOIN LATERAL (VALUES ('D'::char(1), f.day), ('M'::char(1), date_trunc('month', f.day)::date)) g(grain, day)
   GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- Brings one idea's visits to what they must be: deletes the rows that differ, inserts the missing ones
-- (the row trigger below turns each into count deltas). The idea's row lock serialises two refreshes of
-- one idea (a move already holds it: applyMove updates the idea first).
CREATE FUNCTION idees_stage_visits_refresh(p_idea text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM ideas WHERE id = p_idea FOR NO KEY UPDATE;
  DELETE FROM stage_visits v
   WHERE v.idea_id = p_idea
     AND NOT EXISTS (SELECT 1 FROM idees_stage_visits_expected e
                      WHERE e.idea_id = p_idea AND e.transition_id = v.transition_id
                        AND (e.space_id, e.challenge_id, e.stage, e.to_stage, e.left_at, e.seconds, e.bucket,
                             e.created_day, e.first_reach)
                            IS NOT DISTINCT FROM (v.space_id, v.challenge_id, v.stage, v.to_stage, v.left_at,
                                                  v.seconds, v.bucket, v.created_day, v.first_reach));
  INSERT INTO stage_visits (transition_id, idea_id, space_id, challenge_id, stage, to_stage, left_at, seconds,
                            bucket, created_day, first_reach)
  SELECT e.transition_id, e.idea_id, e.space_id, e.challenge_id, e.stage, e.to_stage, e.left_at, e.seconds,
         e.bucket, e.created_day, e.first_reach
    FROM idees_stage_visits_expected e
   WHERE e.idea_id = p_idea AND NOT EXISTS (SELECT 1 FROM stage_visits v WHERE v.transition_id = e.transition_id);
END;
$$;

-- A visit's counts: the move out of its stage (by length bucket), the move into the next, and the
-- idea's cohort reaching that stage when it is the first move there.
CREATE FUNCTION idees_stage_visit_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r stage_visits;
  s integer;
  d date;
BEGIN
  IF TG_OP = 'INSERT' THEN r := NEW; s := 1; ELSE r := OLD; s := -1; END IF;
  d := (r.left_at AT TIME ZONE 'Europe/Paris')::date;
  INSERT INTO pipeline_count_deltas (kind, day, space_id, challenge_id, stage, bucket, n)
  VALUES ('LEFT', d, r.space_id, r.challenge_id, r.stage, r.bucket, s),
         ('ENTERED', d, r.space_id, r.challenge_id, r.to_stage, 0, s);
  IF r.first_reach THEN
    INSERT INTO pipeline_count_deltas (kind, day, space_id, challenge_id, stage, bucket, n)
    VALUES ('REACHED', r.created_day, r.space_id, r.challenge_id, r.to_stage, 0, s);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER stage_visits_counts AFTER INSERT OR DELETE ON stage_visits
  FOR EACH ROW WHEN (current_setting('idees.pipeline_rebuild', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION idees_stage_visit_counts();

-- A move added, removed or changed: the idea's visits follow (the next move's visit starts elsewhere).
CREATE FUNCTION idees_stage_transition_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM idees_stage_visits_refresh(OLD.idea_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.idea_id IS DISTINCT FROM OLD.idea_id) THEN
    PERFORM idees_stage_visits_refresh(NEW.idea_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER stage_transitions_visits
  AFTER INSERT OR DELETE OR UPDATE OF idea_id, from_stage, to_stage, created_at ON stage_transitions
  FOR EACH ROW WHEN (current_setting('idees.pipeline_rebuild', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION idees_stage_transition_visits();

-- An idea created, deleted, moved along the pipeline, between spaces or challenges, re-dated, hidden,
-- restored, merged or unmerged: its cohort count moves, and its visits follow its key and listing.
CREATE FUNCTION idees_pipeline_idea_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_listed boolean := TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL AND OLD.merged_into_id IS NULL;
  new_listed boolean := TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL AND NEW.merged_into_id IS NULL;
  rekeyed boolean := TG_OP = 'UPDATE' AND (NEW.space_id IS DISTINCT FROM OLD.space_id
    OR NEW.challenge_id IS DISTINCT FROM OLD.challenge_id OR NEW.created_at IS DISTINCT FROM OLD.created_at);
  restaged boolean := TG_OP = 'UPDATE' AND NEW.stage IS DISTINCT FROM OLD.stage;
BEGIN
  IF old_listed AND (NOT new_listed OR rekeyed OR restaged) THEN
    INSERT INTO pipeline_count_deltas (kind, day, space_id, challenge_id, stage, bucket, n)
    VALUES ('COHORT', (OLD.created_at AT TIME ZONE 'Europe/Paris')::date, OLD.space_id,
            coalesce(OLD.challenge_id, ''), OLD.stage, 0, -1);
  END IF;
  IF new_listed AND (NOT old_listed OR rekeyed OR restaged) THEN
    INSERT INTO pipeline_count_deltas (kind, day, space_id, challenge_id, stage, bucket, n)
    VALUES ('COHORT', (NEW.created_at AT TIME ZONE 'Europe/Paris')::date, NEW.space_id,
            coalesce(NEW.challenge_id, ''), NEW.stage, 0, 1);
  END IF;
  -- A deleted idea's moves go by cascade, and their trigger takes its visits away.
  IF TG_OP = 'UPDATE' AND (rekeyed OR old_listed <> new_listed) THEN
    PERFORM idees_stage_visits_refresh(NEW.id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ideas_pipeline_counts
  AFTER INSERT OR DELETE OR UPDATE OF space_id, challenge_id, created_at, stage, hidden_at, merged_into_id ON ideas
  FOR EACH ROW WHEN (current_setting('idees.pipeline_rebuild', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION idees_pipeline_idea_counts();

-- Refills both tables from the views with the triggers off (a transaction-local setting): the backfill
-- below, and bulk loads (the bench's pipeline history) that write with the same setting on.
CREATE FUNCTION idees_pipeline_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('idees.pipeline_rebuild', 'on', true);
  LOCK TABLE stage_visits, pipeline_counts, pipeline_count_deltas IN EXCLUSIVE MODE;
  DELETE FROM stage_visits;
  INSERT INTO stage_visits (transition_id, idea_id, space_id, challenge_id, stage, to_stage, left_at, seconds,
                            bucket, created_day, first_reach)
  SELECT transition_id, idea_id, space_id, challenge_id, stage, to_stage, left_at, seconds, bucket, created_day,
         first_reach
    FROM idees_stage_visits_expected;
  DELETE FROM pipeline_count_deltas;
  DELETE FROM pipeline_counts;
  INSERT INTO pipeline_counts (kind, grain, day, space_id, challenge_id, stage, bucket, n)
  SELECT kind, grain, day, space_id, challenge_id, stage, bucket, n FROM idees_pipeline_counts_expected;
  PERFORM set_config('idees.pipeline_rebuild', 'off', true);
END;
$$;

SELECT idees_pipeline_rebuild();
