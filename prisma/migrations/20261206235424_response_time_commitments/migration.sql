-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "commitment_due_on" DATE;

-- AlterTable
ALTER TABLE "spaces" ADD COLUMN     "answer_within_days" INTEGER,
ADD COLUMN     "review_within_days" INTEGER;

-- CreateTable
CREATE TABLE "commitment_reminders" (
    "user_id" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "overdue" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commitment_reminders_pkey" PRIMARY KEY ("user_id","week")
);

-- CreateIndex
CREATE INDEX "ideas_stage_commitment_due_on_id_idx" ON "ideas"("stage", "commitment_due_on", "id");

-- AddForeignKey
ALTER TABLE "commitment_reminders" ADD CONSTRAINT "commitment_reminders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Response-time commitments (docs/decisions/0028-response-time-commitments.md). The rules, once, in SQL
-- (their TypeScript twin is app/models/commitments.ts, and a test holds the two together).
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_answer_within_days_check" CHECK ("answer_within_days" BETWEEN 1 AND 365),
ADD CONSTRAINT "spaces_review_within_days_check" CHECK ("review_within_days" BETWEEN 1 AND 365);

-- The calendar day in Paris of an instant (app/lib/time.ts parisDay).
CREATE FUNCTION idees_paris_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (at AT TIME ZONE 'Europe/Paris')::date
$$;

-- The first answer an idea got: its first move out of PROPOSED or the official answer, whichever came
-- first. Null while it has neither.
CREATE FUNCTION idees_first_answer_at(idea text) RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT least(
    (SELECT min(t.created_at) FROM stage_transitions t WHERE t.idea_id = idea AND t.from_stage = 'PROPOSED'),
    (SELECT a.created_at FROM official_answers a WHERE a.idea_id = idea))
$$;

-- The last Paris day the current wait may last: an idea still PROPOSED without an official answer waits
-- for its first answer (from the day it was proposed); an idea UNDER_REVIEW is in review (from the day
-- it entered that stage). Null otherwise, or when the space has no such commitment.
CREATE FUNCTION idees_commitment_due_on(stage "IdeaStage", created_at timestamptz, stage_changed_at timestamptz,
  answered boolean, answer_days integer, review_days integer) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN stage = 'PROPOSED' AND NOT answered THEN idees_paris_day(created_at) + answer_days
    WHEN stage = 'UNDER_REVIEW' THEN idees_paris_day(stage_changed_at) + review_days
  END
$$;

CREATE FUNCTION idees_ideas_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.commitment_due_on := (
    SELECT idees_commitment_due_on(NEW.stage, NEW.created_at, NEW.stage_changed_at,
             EXISTS (SELECT 1 FROM official_answers a WHERE a.idea_id = NEW.id),
             s.answer_within_days, s.review_within_days)
      FROM spaces s WHERE s.id = NEW.space_id);
  RETURN NEW;
END;
$$;

CREATE TRIGGER ideas_commitment
  BEFORE INSERT OR UPDATE OF stage, stage_changed_at, space_id, created_at ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_ideas_commitment();

CREATE FUNCTION idees_official_answers_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ideas i
     SET commitment_due_on = idees_commitment_due_on(i.stage, i.created_at, i.stage_changed_at, TG_OP = 'INSERT',
                                                      s.answer_within_days, s.review_within_days)
    FROM spaces s
   WHERE s.id = i.space_id AND i.id = CASE WHEN TG_OP = 'INSERT' THEN NEW.idea_id ELSE OLD.idea_id END;
  RETURN NULL;
END;
$$;

CREATE TRIGGER official_answers_commitment
  AFTER INSERT OR DELETE ON official_answers
  FOR EACH ROW EXECUTE FUNCTION idees_official_answers_commitment();

CREATE FUNCTION idees_spaces_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ideas i
     SET commitment_due_on = idees_commitment_due_on(i.stage, i.created_at, i.stage_changed_at,
             EXISTS (SELECT 1 FROM official_answers a WHERE a.idea_id = i.id),
             NEW.answer_within_days, NEW.review_within_days)
   WHERE i.space_id = NEW.id AND i.stage IN ('PROPOSED', 'UNDER_REVIEW');
  RETURN NULL;
END;
$$;

CREATE TRIGGER spaces_commitment
  AFTER UPDATE OF answer_within_days, review_within_days ON spaces
  FOR EACH ROW EXECUTE FUNCTION idees_spaces_commitment();
