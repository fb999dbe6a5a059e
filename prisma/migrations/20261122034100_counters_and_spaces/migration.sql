-- Support and comment counts kept by triggers (docs/decisions/0003-vote-counts.md).
-- Each vote or comment change appends a delta row instead of updating the idea row, so concurrent
-- voters on one idea never wait on each other; foldCounterDeltas() moves deltas into the idea row.

CREATE FUNCTION idees_vote_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO idea_counter_deltas (idea_id, supports) VALUES (NEW.idea_id, 1);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO idea_counter_deltas (idea_id, supports) VALUES (OLD.idea_id, -1);
  ELSIF NEW.idea_id IS DISTINCT FROM OLD.idea_id THEN
    INSERT INTO idea_counter_deltas (idea_id, supports) VALUES (OLD.idea_id, -1), (NEW.idea_id, 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER votes_count_deltas
  AFTER INSERT OR DELETE OR UPDATE OF idea_id ON votes
  FOR EACH ROW EXECUTE FUNCTION idees_vote_delta();

-- Comments count while they are not deleted (soft delete sets deleted_at).
CREATE FUNCTION idees_comment_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL;
  new_counts boolean := TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.idea_id IS DISTINCT FROM OLD.idea_id THEN
    IF old_counts THEN INSERT INTO idea_counter_deltas (idea_id, comments) VALUES (OLD.idea_id, -1); END IF;
    IF new_counts THEN INSERT INTO idea_counter_deltas (idea_id, comments) VALUES (NEW.idea_id, 1); END IF;
  ELSIF old_counts AND NOT new_counts THEN
    INSERT INTO idea_counter_deltas (idea_id, comments) VALUES (COALESCE(OLD.idea_id, NEW.idea_id), -1);
  ELSIF new_counts AND NOT old_counts THEN
    INSERT INTO idea_counter_deltas (idea_id, comments) VALUES (NEW.idea_id, 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER comments_count_deltas
  AFTER INSERT OR DELETE OR UPDATE OF deleted_at, idea_id ON comments
  FOR EACH ROW EXECUTE FUNCTION idees_comment_delta();

-- The agency's two programmes are part of the product, not demo data.
INSERT INTO spaces (id, slug, audience, name_fr, name_en, description_fr, description_en) VALUES
  ('space-innovaction', 'innovaction', 'INTERNAL', 'InnovAction', 'InnovAction',
   'L''espace interne : agents et partenaires invités partagent leurs idées d''amélioration. Une idée retenue est expérimentée puis mise en production.',
   'The internal space: staff and invited partners share improvement ideas. A retained idea is piloted, then put into production.'),
  ('space-emploi-store', 'emploi-store-idees', 'PUBLIC', 'Emploi Store Idées', 'Emploi Store Idées',
   'L''espace public : chacun propose des idées qui aident l''emploi, la communauté les soutient, les meilleures sont réalisées.',
   'The public space: anyone proposes ideas that help employment, the community supports them, and the best are built.')
ON CONFLICT (id) DO NOTHING;
