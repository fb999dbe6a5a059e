-- CreateTable
CREATE TABLE "participation_counts" (
    "month" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "participants" INTEGER NOT NULL DEFAULT 0,
    "proposers" INTEGER NOT NULL DEFAULT 0,
    "supporters" INTEGER NOT NULL DEFAULT 0,
    "commenters" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "participation_counts_pkey" PRIMARY KEY ("scope","month","role")
);

-- CreateTable
CREATE TABLE "participation_count_deltas" (
    "id" BIGSERIAL NOT NULL,
    "month" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "participants" INTEGER NOT NULL,
    "proposers" INTEGER NOT NULL,
    "supporters" INTEGER NOT NULL,
    "commenters" INTEGER NOT NULL,

    CONSTRAINT "participation_count_deltas_pkey" PRIMARY KEY ("id")
);

-- Counters of distinct participants for the whole months of the indicators page
-- (docs/decisions/0038-participation-rollup.md, "Counters"). Per Paris month, scope ('all', 'space:<id>',
-- 'challenge:<id>') and role: how many people have at least one row in participation_months, of any kind
-- (participants) and of each kind. They change only when a person's first row of a month and scope appears
-- or the last one goes, or when the person's role changes. The triggers append deltas (no hot row in the
-- vote's transaction, like idea_counter_deltas, ADR 0003); foldCounterDeltas() moves them into
-- participation_counts. The exact figure is the row plus the pending deltas: idees_participation_counts.

-- The scopes a roll-up row counts in.
CREATE FUNCTION idees_participation_scopes(space text, challenge text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN challenge = '' THEN ARRAY['all', 'space:' || space]
              ELSE ARRAY['all', 'space:' || space, 'challenge:' || challenge] END
$$;

-- What the counters must hold, recomputed from the roll-up and the roles (the backfill, the rebuild, the tests).
CREATE VIEW idees_participation_counts_expected AS
  SELECT p.month, s.scope, u.role, count(DISTINCT p.user_id)::integer AS participants,
         (count(DISTINCT p.user_id) FILTER (WHERE p.kind = 'PROPOSED'))::integer AS proposers,
         (count(DISTINCT p.user_id) FILTER (WHERE p.kind = 'SUPPORTED'))::integer AS supporters,
         (count(DISTINCT p.user_id) FILTER (WHERE p.kind = 'COMMENTED'))::integer AS commenters
    FROM participation_months p
    JOIN users u ON u.id = p.user_id
    CROSS JOIN LATERAL unnest(idees_participation_scopes(p.space_id, p.challenge_id)) s(scope)
   GROUP BY p.month, s.scope, u.role;

-- The exact counters: the folded rows plus the pending deltas (what the page reads).
CREATE VIEW idees_participation_counts AS
  SELECT c.month, c.scope, c.role, sum(c.participants)::integer AS participants,
         sum(c.proposers)::integer AS proposers, sum(c.supporters)::integer AS supporters,
         sum(c.commenters)::integer AS commenters
    FROM (SELECT month, scope, role, participants, proposers, supporters, commenters FROM participation_counts
          UNION ALL
          SELECT month, scope, role, participants, proposers, supporters, commenters FROM participation_count_deltas) c
   GROUP BY c.month, c.scope, c.role
  HAVING sum(c.participants) <> 0 OR sum(c.proposers) <> 0 OR sum(c.supporters) <> 0 OR sum(c.commenters) <> 0;

-- One person's presence in the counters: per month and scope, 1 for participating and for each kind.
-- Read by (month, person) on the primary key, one probe per month of the roll-up (no index on user_id).
CREATE FUNCTION idees_participation_presence(person text)
RETURNS TABLE (month date, scope text, participants integer, proposers integer, supporters integer, commenters integer)
LANGUAGE sql STABLE AS $$
  SELECT p.month, s.scope, 1, max((p.kind = 'PROPOSED')::integer), max((p.kind = 'SUPPORTED')::integer),
         max((p.kind = 'COMMENTED')::integer)
    FROM participation_months p
    CROSS JOIN LATERAL unnest(idees_participation_scopes(p.space_id, p.challenge_id)) s(scope)
   WHERE p.month = ANY (ARRAY(SELECT generate_series((SELECT min(m.month) FROM participation_months m),
                                                     (SELECT max(m.month) FROM participation_months m),
                                                     interval '1 month')::date))
     AND p.user_id = person
   GROUP BY p.month, s.scope
$$;

-- A roll-up row appeared (INSERT) or went (DELETE): in each of its scopes, the person starts or stops
-- counting for its kind when no other row of that kind remains, and as a participant when no other row
-- at all remains. idees_participation_put locked the person's users row first, so two transactions never
-- decide this for the same person at once, and a role change waits for them (or they for it).
CREATE FUNCTION idees_participation_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r participation_months;
  sign integer;
  who "Role";
BEGIN
  IF TG_OP = 'INSERT' THEN r := NEW; sign := 1; ELSE r := OLD; sign := -1; END IF;
  SELECT u.role INTO who FROM users u WHERE u.id = r.user_id;
  -- The account is being deleted: users_participation_delete already took the person's counts out.
  IF NOT FOUND THEN RETURN NULL; END IF;
  INSERT INTO participation_count_deltas (month, scope, role, participants, proposers, supporters, commenters)
  SELECT r.month, s.scope, who, sign * (NOT coalesce(o.any_kind, false))::integer,
         sign * (r.kind = 'PROPOSED')::integer, sign * (r.kind = 'SUPPORTED')::integer,
         sign * (r.kind = 'COMMENTED')::integer
    FROM unnest(idees_participation_scopes(r.space_id, r.challenge_id)) s(scope)
    LEFT JOIN LATERAL (
      SELECT bool_or(true) AS any_kind, bool_or(p.kind = r.kind) AS same_kind
        FROM participation_months p
       WHERE p.month = r.month AND p.user_id = r.user_id
         AND (p.kind, p.space_id, p.challenge_id) <> (r.kind, r.space_id, r.challenge_id)
         AND s.scope = ANY (idees_participation_scopes(p.space_id, p.challenge_id))) o ON true
   WHERE NOT coalesce(o.same_kind, false);
  RETURN NULL;
END;
$$;

-- idees_participation_rebuild() refills the roll-up with this trigger off, then recomputes the counters.
CREATE TRIGGER participation_months_count
  AFTER INSERT OR DELETE ON participation_months
  FOR EACH ROW WHEN (current_setting('idees.participation_rebuild', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION idees_participation_count_row();

-- A role change moves the person's whole presence from the old role to the new one; an account deletion
-- takes it out BEFORE the row goes (the cascade then deletes the roll-up rows, and the row trigger above
-- finds no account).
CREATE FUNCTION idees_participation_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO participation_count_deltas (month, scope, role, participants, proposers, supporters, commenters)
  SELECT x.month, x.scope, OLD.role, -x.participants, -x.proposers, -x.supporters, -x.commenters
    FROM idees_participation_presence(OLD.id) x;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  INSERT INTO participation_count_deltas (month, scope, role, participants, proposers, supporters, commenters)
  SELECT x.month, x.scope, NEW.role, x.participants, x.proposers, x.supporters, x.commenters
    FROM idees_participation_presence(NEW.id) x;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_participation_role
  AFTER UPDATE OF role ON users
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION idees_participation_user();
CREATE TRIGGER users_participation_delete
  BEFORE DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION idees_participation_user();

-- Every change of the roll-up now locks the person's users row first (FOR NO KEY UPDATE: the foreign keys'
-- KEY SHARE locks do not wait for it). Otherwise unchanged from 20261207065328_participation_rollup.
CREATE OR REPLACE FUNCTION idees_participation_put(person text, what "ParticipationKind", at timestamptz, space text,
                                                   challenge text, n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  local timestamp := at AT TIME ZONE 'Europe/Paris';
  m date := date_trunc('month', local)::date;
  d integer := extract(day FROM local)::integer;
  ch text := coalesce(challenge, '');
BEGIN
  IF n = 0 THEN RETURN; END IF;
  PERFORM 1 FROM users u WHERE u.id = person FOR NO KEY UPDATE;
  IF n > 0 THEN
    INSERT INTO participation_months AS r (month, user_id, kind, space_id, challenge_id, days, acts)
    VALUES (m, person, what, space, ch, idees_days_put(NULL, d, n), n)
    ON CONFLICT (month, user_id, kind, space_id, challenge_id)
    DO UPDATE SET days[d] = coalesce(r.days[d], 0) + n, acts = r.acts + n;
  ELSE
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

-- A whole idea's acts: its people's users rows are locked first, in key order, so that a bulk change and
-- single acts (which lock one person, then roll-up rows) always take locks in the same order.
CREATE OR REPLACE FUNCTION idees_participation_idea_acts(idea text, author text, created timestamptz, space text,
                                                         challenge text, n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  PERFORM 1 FROM users u
   WHERE u.id IN (SELECT author
                  UNION SELECT v.user_id FROM votes v WHERE v.idea_id = idea
                  UNION SELECT c.author_id FROM comments c
                         WHERE c.idea_id = idea AND c.deleted_at IS NULL AND c.hidden_at IS NULL)
   ORDER BY u.id FOR NO KEY UPDATE;
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

-- The rebuild (the scale seed, a time-zone change) refills the roll-up without the row trigger, then the
-- counters from scratch.
CREATE OR REPLACE FUNCTION idees_participation_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('idees.participation_rebuild', 'on', true);
  DELETE FROM participation_months;
  INSERT INTO participation_months (month, user_id, kind, space_id, challenge_id, days, acts)
  SELECT month, user_id, kind, space_id, challenge_id, days, acts FROM idees_participation_months_expected;
  PERFORM set_config('idees.participation_rebuild', 'off', true);
  DELETE FROM participation_count_deltas;
  DELETE FROM participation_counts;
  INSERT INTO participation_counts (month, scope, role, participants, proposers, supporters, commenters)
  SELECT month, scope, role, participants, proposers, supporters, commenters FROM idees_participation_counts_expected;
END;
$$;

-- Backfill.
INSERT INTO participation_counts (month, scope, role, participants, proposers, supporters, commenters)
SELECT month, scope, role, participants, proposers, supporters, commenters FROM idees_participation_counts_expected;
ANALYZE participation_counts;
