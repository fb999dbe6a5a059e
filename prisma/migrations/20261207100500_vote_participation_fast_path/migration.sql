-- The vote's participation trigger, cheaper (docs/decisions/0042-vote-request.md), figures unchanged.
--
-- 1. Most acts change a roll-up row that already exists (the person's second vote in the month, space and
--    challenge): acts and days move, no row appears or disappears, so the counters' "no other row"
--    decisions (participation_months_count, ADR 0038) are not involved and the person's users lock is not
--    needed. idees_participation_put tries that update first; only when it finds no row to keep (a first
--    act, or a withdrawal of the last one) does it lock the person and run the previous statements.
--    A concurrent change of the same row is serialised by the row lock, and the update re-checks its
--    condition on the row it waited for (a row deleted meanwhile: nothing updated, the locked path runs).
-- 2. The vote trigger reads the idea and calls idees_participation_put in one statement (no
--    idees_participation_act layer: one PL/pgSQL call and one statement less per vote).
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
  -- The row stays (it exists, and still has acts after a withdrawal): no lock on the person needed.
  UPDATE participation_months r SET days[d] = nullif(coalesce(r.days[d], 0) + n, 0), acts = r.acts + n
   WHERE r.month = m AND r.user_id = person AND r.kind = what AND r.space_id = space AND r.challenge_id = ch
     AND r.acts + n > 0;
  IF FOUND THEN RETURN; END IF;
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

CREATE OR REPLACE FUNCTION idees_participation_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM idees_participation_put(OLD.user_id, 'SUPPORTED', OLD.created_at, i.space_id, i.challenge_id, -1)
       FROM ideas i WHERE i.id = OLD.idea_id AND i.hidden_at IS NULL AND i.merged_into_id IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM idees_participation_put(NEW.user_id, 'SUPPORTED', NEW.created_at, i.space_id, i.challenge_id, 1)
       FROM ideas i WHERE i.id = NEW.idea_id AND i.hidden_at IS NULL AND i.merged_into_id IS NULL;
  END IF;
  RETURN NULL;
END;
$$;
