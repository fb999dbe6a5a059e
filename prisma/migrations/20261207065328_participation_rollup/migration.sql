-- CreateEnum
CREATE TYPE "ParticipationKind" AS ENUM ('PROPOSED', 'SUPPORTED', 'COMMENTED');

-- CreateTable
CREATE TABLE "participation_months" (
    "month" DATE NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "ParticipationKind" NOT NULL,
    "space_id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL DEFAULT '',
    "days" INTEGER[],
    "acts" INTEGER NOT NULL,

    CONSTRAINT "participation_months_pkey" PRIMARY KEY ("month","user_id","kind","space_id","challenge_id")
);

-- The monthly participation roll-up (docs/decisions/0038-participation-rollup.md). What it counts is
-- one rule, written once here: the acts of the participation figures (ADR 0025) — proposing an idea,
-- supporting it, commenting on it while the comment is neither deleted nor hidden — on LISTED ideas
-- (listedIdeaSql in app/auth/policy.ts: not hidden, not merged), dated by the act, keyed by the idea's
-- current space and challenge. tests/participation-rollup.test.ts compares the table with this rule
-- after every kind of change, and the page's figures with the direct statement.
CREATE VIEW idees_participation_acts AS
  SELECT i.author_id AS user_id, 'PROPOSED'::"ParticipationKind" AS kind, i.created_at AS at,
         i.space_id, coalesce(i.challenge_id, '') AS challenge_id
    FROM ideas i
   WHERE i.hidden_at IS NULL AND i.merged_into_id IS NULL
  UNION ALL
  SELECT v.user_id, 'SUPPORTED'::"ParticipationKind", v.created_at, i.space_id, coalesce(i.challenge_id, '')
    FROM votes v JOIN ideas i ON i.id = v.idea_id
   WHERE i.hidden_at IS NULL AND i.merged_into_id IS NULL
  UNION ALL
  SELECT c.author_id, 'COMMENTED'::"ParticipationKind", c.created_at, i.space_id, coalesce(i.challenge_id, '')
    FROM comments c JOIN ideas i ON i.id = c.idea_id
   WHERE i.hidden_at IS NULL AND i.merged_into_id IS NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL;

-- Adds n acts on day `day` to a [1:31] array of per-day counts (null where none; a null array is empty).
CREATE FUNCTION idees_days_put(days integer[], day integer, n integer) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF days IS NULL THEN days := array_fill(NULL::integer, ARRAY[31]); END IF;
  days[day] := nullif(coalesce(days[day], 0) + n, 0);
  RETURN days;
END;
$$;

CREATE AGGREGATE idees_days_agg(integer, integer) (SFUNC = idees_days_put, STYPE = integer[]);

-- What the table must hold, recomputed from the acts: the backfill, the scale seed and the tests use it.
CREATE VIEW idees_participation_months_expected AS
  SELECT d.month, d.user_id, d.kind, d.space_id, d.challenge_id, idees_days_agg(d.day, d.n) AS days,
         sum(d.n)::integer AS acts
    FROM (SELECT date_trunc('month', a.at AT TIME ZONE 'Europe/Paris')::date AS month,
                 extract(day FROM a.at AT TIME ZONE 'Europe/Paris')::integer AS day,
                 a.user_id, a.kind, a.space_id, a.challenge_id, count(*)::integer AS n
            FROM idees_participation_acts a
           GROUP BY 1, 2, 3, 4, 5, 6) d
   GROUP BY d.month, d.user_id, d.kind, d.space_id, d.challenge_id;

CREATE FUNCTION idees_participation_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM participation_months;
  INSERT INTO participation_months (month, user_id, kind, space_id, challenge_id, days, acts)
  SELECT month, user_id, kind, space_id, challenge_id, days, acts FROM idees_participation_months_expected;
$$;

-- One act more (n = 1) or less (n = -1) in the roll-up; a row goes when its count reaches zero. The
-- month and day are Paris ones (TIME_ZONE in app/lib/time-zone.ts).
CREATE FUNCTION idees_participation_put(person text, what "ParticipationKind", at timestamptz, space text,
                                        challenge text, n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  local timestamp := at AT TIME ZONE 'Europe/Paris';
  m date := date_trunc('month', local)::date;
  d integer := extract(day FROM local)::integer;
  ch text := coalesce(challenge, '');
BEGIN
  IF n > 0 THEN
    INSERT INTO participation_months AS r (month, user_id, kind, space_id, challenge_id, days, acts)
    VALUES (m, person, what, space, ch, idees_days_put(NULL, d, n), n)
    ON CONFLICT (month, user_id, kind, space_id, challenge_id)
    DO UPDATE SET days[d] = coalesce(r.days[d], 0) + n, acts = r.acts + n;
  ELSIF n < 0 THEN
    DELETE FROM participation_months r
     WHERE r.month = m AND r.user_id = person AND r.kind = what AND r.space_id = space AND r.challenge_id = ch
       AND r.acts <= -n;
    IF NOT FOUND THEN
      UPDATE participation_months r SET days[d] = nullif(coalesce(r.days[d], 0) + n, 0), acts = r.acts + n
       WHERE r.month = m AND r.user_id = person AND r.kind = what AND r.space_id = space AND r.challenge_id = ch;
    END IF;
  END IF;
END;
$$;

-- A vote or comment counts while its idea is listed, under the idea's space and challenge.
CREATE FUNCTION idees_participation_act(person text, what "ParticipationKind", at timestamptz, idea text,
                                        n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  space text;
  challenge text;
BEGIN
  SELECT i.space_id, i.challenge_id INTO space, challenge
    FROM ideas i WHERE i.id = idea AND i.hidden_at IS NULL AND i.merged_into_id IS NULL;
  IF FOUND THEN PERFORM idees_participation_put(person, what, at, space, challenge, n); END IF;
END;
$$;

CREATE FUNCTION idees_participation_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM idees_participation_act(OLD.user_id, 'SUPPORTED', OLD.created_at, OLD.idea_id, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM idees_participation_act(NEW.user_id, 'SUPPORTED', NEW.created_at, NEW.idea_id, 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER votes_participation
  AFTER INSERT OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION idees_participation_vote();
CREATE TRIGGER votes_participation_update
  AFTER UPDATE OF idea_id, user_id, created_at ON votes
  FOR EACH ROW WHEN (OLD.idea_id IS DISTINCT FROM NEW.idea_id OR OLD.user_id IS DISTINCT FROM NEW.user_id
                     OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION idees_participation_vote();

-- A comment counts while it is neither deleted nor hidden (and its idea is listed).
CREATE FUNCTION idees_participation_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL THEN
    PERFORM idees_participation_act(OLD.author_id, 'COMMENTED', OLD.created_at, OLD.idea_id, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL THEN
    PERFORM idees_participation_act(NEW.author_id, 'COMMENTED', NEW.created_at, NEW.idea_id, 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER comments_participation
  AFTER INSERT OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION idees_participation_comment();
CREATE TRIGGER comments_participation_update
  AFTER UPDATE OF idea_id, author_id, created_at, deleted_at, hidden_at ON comments
  FOR EACH ROW WHEN (OLD.idea_id IS DISTINCT FROM NEW.idea_id OR OLD.author_id IS DISTINCT FROM NEW.author_id
                     OR OLD.created_at IS DISTINCT FROM NEW.created_at
                     OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
                     OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL))
  EXECUTE FUNCTION idees_participation_comment();

-- Every act on one idea (its proposal, its votes, its counted comments) in or out of the roll-up under
-- the given space and challenge: when the idea is hidden, restored, merged, unmerged, moved or deleted.
-- People in key order, so two such changes lock shared rows in the same order.
CREATE FUNCTION idees_participation_idea_acts(idea text, author text, created timestamptz, space text,
                                              challenge text, n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  PERFORM idees_participation_put(author, 'PROPOSED', created, space, challenge, n);
  FOR a IN SELECT v.user_id, v.created_at FROM votes v WHERE v.idea_id = idea ORDER BY v.user_id LOOP
    PERFORM idees_participation_put(a.user_id, 'SUPPORTED', a.created_at, space, challenge, n);
  END LOOP;
  FOR a IN SELECT c.author_id, c.created_at FROM comments c
            WHERE c.idea_id = idea AND c.deleted_at IS NULL AND c.hidden_at IS NULL ORDER BY c.author_id LOOP
    PERFORM idees_participation_put(a.author_id, 'COMMENTED', a.created_at, space, challenge, n);
  END LOOP;
END;
$$;

CREATE FUNCTION idees_participation_idea() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_listed boolean := TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL AND OLD.merged_into_id IS NULL;
  new_listed boolean := TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL AND NEW.merged_into_id IS NULL;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF new_listed THEN
      PERFORM idees_participation_put(NEW.author_id, 'PROPOSED', NEW.created_at, NEW.space_id, NEW.challenge_id, 1);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    -- BEFORE the row goes: its votes and comments are still here (the cascade deletes them after, and
    -- their own triggers then find no listed idea).
    IF old_listed THEN
      PERFORM idees_participation_idea_acts(OLD.id, OLD.author_id, OLD.created_at, OLD.space_id, OLD.challenge_id, -1);
    END IF;
    RETURN OLD;
  END IF;
  IF old_listed AND new_listed AND OLD.space_id = NEW.space_id
     AND OLD.challenge_id IS NOT DISTINCT FROM NEW.challenge_id THEN
    -- Same place: only the proposal can have changed (its author, e.g. an account deletion, or its date).
    PERFORM idees_participation_put(OLD.author_id, 'PROPOSED', OLD.created_at, OLD.space_id, OLD.challenge_id, -1);
    PERFORM idees_participation_put(NEW.author_id, 'PROPOSED', NEW.created_at, NEW.space_id, NEW.challenge_id, 1);
  ELSE
    IF old_listed THEN
      PERFORM idees_participation_idea_acts(OLD.id, OLD.author_id, OLD.created_at, OLD.space_id, OLD.challenge_id, -1);
    END IF;
    IF new_listed THEN
      PERFORM idees_participation_idea_acts(NEW.id, NEW.author_id, NEW.created_at, NEW.space_id, NEW.challenge_id, 1);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ideas_participation_insert
  AFTER INSERT ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_participation_idea();
CREATE TRIGGER ideas_participation_update
  AFTER UPDATE OF author_id, created_at, space_id, challenge_id, hidden_at, merged_into_id ON ideas
  FOR EACH ROW WHEN (OLD.author_id IS DISTINCT FROM NEW.author_id OR OLD.created_at IS DISTINCT FROM NEW.created_at
                     OR OLD.space_id IS DISTINCT FROM NEW.space_id
                     OR OLD.challenge_id IS DISTINCT FROM NEW.challenge_id
                     OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL)
                     OR (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL))
  EXECUTE FUNCTION idees_participation_idea();
CREATE TRIGGER ideas_participation_delete
  BEFORE DELETE ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_participation_idea();

-- Backfill.
SELECT idees_participation_rebuild();
-- Statistics now, and how many (month, person) pairs there are: the page's statement groups by them, and
-- only when the planner knows they are many (1.1M at 100k ideas / 5.2M votes, not the 190k it guesses
-- from each column alone) does it read the primary key in order instead of hashing them to disk.
CREATE STATISTICS participation_months_people (ndistinct) ON month, user_id FROM participation_months;
ANALYZE participation_months;
