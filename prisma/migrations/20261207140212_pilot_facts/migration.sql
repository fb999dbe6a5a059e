-- CreateTable
CREATE TABLE "pilot_facts" (
    "pilot_id" TEXT NOT NULL,
    "idea_id" TEXT NOT NULL,
    "space_id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL DEFAULT '',
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "decision" "PilotDecision",
    "running" BOOLEAN NOT NULL,

    CONSTRAINT "pilot_facts_pkey" PRIMARY KEY ("pilot_id")
);

-- CreateIndex
CREATE INDEX "pilot_facts_idea_id_idx" ON "pilot_facts"("idea_id");

-- CreateIndex
CREATE INDEX "pilot_facts_space_id_challenge_id_opened_at_decided_at_deci_idx" ON "pilot_facts"("space_id", "challenge_id", "opened_at", "decided_at", "decision", "running");

-- The pilots' summary of the managers' indicators (docs/decisions/0050-pipeline-indicators-rollup.md,
-- "2026-12-07 — the pilots' summary"): running, go and no-go over the pilots of LISTED ideas (listedIdeaSql
-- in app/auth/policy.ts: not hidden, not merged), by the idea's current space and challenge. One narrow
-- row per pilot instead of a join to every idea. tests/pilot-facts.test.ts compares the table with the
-- view below, and the summary with the direct statement over pilots and ideas, after every kind of change.

-- What pilot_facts must hold.
CREATE VIEW idees_pilot_facts_expected AS
  SELECT p.id AS pilot_id, p.idea_id, i.space_id, coalesce(i.challenge_id, '') AS challenge_id,
         p.created_at AS opened_at, p.decided_at, p.decision, (i.stage = 'PILOT' AND p.decision IS NULL) AS running
    FROM pilots p JOIN ideas i ON i.id = p.idea_id
   WHERE i.hidden_at IS NULL AND i.merged_into_id IS NULL;

-- Brings one idea's pilot row to what it must be: deletes a row that differs, inserts a missing one. The
-- idea's row lock serialises two refreshes of one idea (the pilot's writes and the idea's updates hold it).
CREATE FUNCTION idees_pilot_facts_refresh(p_idea text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM ideas WHERE id = p_idea FOR NO KEY UPDATE;
  DELETE FROM pilot_facts f
   WHERE f.idea_id = p_idea
     AND NOT EXISTS (SELECT 1 FROM idees_pilot_facts_expected e
                      WHERE e.idea_id = p_idea AND e.pilot_id = f.pilot_id
                        AND (e.space_id, e.challenge_id, e.opened_at, e.decided_at, e.decision, e.running)
                            IS NOT DISTINCT FROM (f.space_id, f.challenge_id, f.opened_at, f.decided_at, f.decision,
                                                  f.running));
  INSERT INTO pilot_facts (pilot_id, idea_id, space_id, challenge_id, opened_at, decided_at, decision, running)
  SELECT e.pilot_id, e.idea_id, e.space_id, e.challenge_id, e.opened_at, e.decided_at, e.decision, e.running
    FROM idees_pilot_facts_expected e
   WHERE e.idea_id = p_idea AND NOT EXISTS (SELECT 1 FROM pilot_facts f WHERE f.pilot_id = e.pilot_id);
END;
$$;

-- A pilot opened, deleted (by itself or with its idea), re-dated, decided or its decision changed.
CREATE FUNCTION idees_pilot_facts_pilot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.idea_id, NEW.created_at, NEW.decided_at, NEW.decision)
                          IS NOT DISTINCT FROM (OLD.idea_id, OLD.created_at, OLD.decided_at, OLD.decision) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM idees_pilot_facts_refresh(OLD.idea_id); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.idea_id IS DISTINCT FROM OLD.idea_id) THEN
    PERFORM idees_pilot_facts_refresh(NEW.idea_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER pilots_pilot_facts
  AFTER INSERT OR DELETE OR UPDATE OF idea_id, created_at, decided_at, decision ON pilots
  FOR EACH ROW WHEN (current_setting('idees.pipeline_rebuild', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION idees_pilot_facts_pilot();

-- An idea with a pilot moved along the pipeline (running is "at PILOT, no decision"), between spaces or
-- challenges (including a challenge deleted: its ideas' challenge_id is set to null), hidden, restored,
-- merged or unmerged. A deleted idea's pilot goes by cascade, and the trigger above takes its row away.
CREATE FUNCTION idees_pilot_facts_idea() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pilots WHERE idea_id = NEW.id) THEN PERFORM idees_pilot_facts_refresh(NEW.id); END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ideas_pilot_facts
  AFTER UPDATE OF space_id, challenge_id, stage, hidden_at, merged_into_id ON ideas
  FOR EACH ROW WHEN (current_setting('idees.pipeline_rebuild', true) IS DISTINCT FROM 'on'
    AND (NEW.space_id, NEW.challenge_id, NEW.stage, NEW.hidden_at, NEW.merged_into_id)
        IS DISTINCT FROM (OLD.space_id, OLD.challenge_id, OLD.stage, OLD.hidden_at, OLD.merged_into_id))
  EXECUTE FUNCTION idees_pilot_facts_idea();

-- The pipeline roll-up's rebuild (bulk loads write with idees.pipeline_rebuild on, then call it) refills
-- pilot_facts too.
CREATE OR REPLACE FUNCTION idees_pipeline_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('idees.pipeline_rebuild', 'on', true);
  LOCK TABLE stage_visits, pipeline_counts, pipeline_count_deltas, pilot_facts IN EXCLUSIVE MODE;
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
  DELETE FROM pilot_facts;
  INSERT INTO pilot_facts (pilot_id, idea_id, space_id, challenge_id, opened_at, decided_at, decision, running)
  SELECT pilot_id, idea_id, space_id, challenge_id, opened_at, decided_at, decision, running
    FROM idees_pilot_facts_expected;
  PERFORM set_config('idees.pipeline_rebuild', 'off', true);
END;
$$;

-- The backfill.
INSERT INTO pilot_facts (pilot_id, idea_id, space_id, challenge_id, opened_at, decided_at, decision, running)
SELECT pilot_id, idea_id, space_id, challenge_id, opened_at, decided_at, decision, running
  FROM idees_pilot_facts_expected;
