-- Pipeline rules the database enforces too (docs/decisions/0006-pipeline.md). The zod schemas give
-- people field-level messages; these constraints make sure no code path stores what they refuse.
-- Prisma does not model CHECK constraints, so they are hand-written here and never show as drift.

-- Ideas that existed before the pipeline entered their stage when they were created.
UPDATE ideas SET stage_changed_at = created_at;

-- Rejecting or archiving needs a public reason.
ALTER TABLE stage_transitions ADD CONSTRAINT stage_transitions_reason_required
  CHECK (to_stage NOT IN ('REJECTED', 'ARCHIVED') OR length(btrim(coalesce(note, ''))) > 0);
ALTER TABLE stage_transitions ADD CONSTRAINT stage_transitions_moves
  CHECK (from_stage <> to_stage);

-- A pilot ends on or after its start, and a decision (go or no-go) always carries its reason.
ALTER TABLE pilots ADD CONSTRAINT pilots_dates_ordered
  CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on);
ALTER TABLE pilots ADD CONSTRAINT pilots_decision_reasoned
  CHECK (decision IS NULL OR (length(btrim(coalesce(decision_reason, ''))) > 0 AND decided_at IS NOT NULL));

-- Rubric scores are 1 to 5.
ALTER TABLE evaluations ADD CONSTRAINT evaluations_scores_range
  CHECK (impact BETWEEN 1 AND 5 AND feasibility BETWEEN 1 AND 5 AND cost BETWEEN 1 AND 5 AND alignment BETWEEN 1 AND 5);

-- A rollout link is a web address (never javascript:, data: …).
ALTER TABLE rollouts ADD CONSTRAINT rollouts_link_http
  CHECK (link IS NULL OR link ~* '^https?://[^\s]+$');
