-- Comment counts leave hidden comments out (docs/decisions/0008-moderation.md): a comment counts while
-- it is neither deleted nor hidden by moderation, so the "discussed" sort and the counts shown to
-- everyone never reveal it. Hiding and restoring now move the count like deleting does (the same
-- delta rows, docs/decisions/0003-vote-counts.md).

CREATE OR REPLACE FUNCTION idees_comment_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL;
  new_counts boolean := TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL;
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

DROP TRIGGER comments_count_deltas ON comments;
CREATE TRIGGER comments_count_deltas
  AFTER INSERT OR DELETE OR UPDATE OF deleted_at, hidden_at, idea_id ON comments
  FOR EACH ROW EXECUTE FUNCTION idees_comment_delta();

-- Comments hidden before this migration stop counting: one correcting delta per idea, folded like any other.
INSERT INTO idea_counter_deltas (idea_id, comments)
SELECT idea_id, -count(*)::int FROM comments
 WHERE hidden_at IS NOT NULL AND deleted_at IS NULL
 GROUP BY idea_id;
