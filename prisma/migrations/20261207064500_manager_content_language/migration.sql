-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "evaluations" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "official_answers" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "pilot_kpis" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "pilots" ADD COLUMN     "decision_language" TEXT NOT NULL DEFAULT 'fr',
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "rollouts" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "stage_transitions" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- Existing manager content (docs/decisions/0037): the language of the idea it is about, the one the
-- discussion around it is held in — what the idea page already assumed for stage notes. The audit log
-- takes it only for the entries whose details carry such text (stage notes, KPI names, a decision's
-- reason), so the journal and the idea page agree; the rest of the log is not rewritten.
UPDATE "stage_transitions" t SET "language" = i."language" FROM "ideas" i WHERE i."id" = t."idea_id";
UPDATE "pilots" p SET "language" = i."language", "decision_language" = i."language" FROM "ideas" i WHERE i."id" = p."idea_id";
UPDATE "pilot_kpis" k SET "language" = p."language" FROM "pilots" p WHERE p."id" = k."pilot_id";
UPDATE "rollouts" r SET "language" = i."language" FROM "ideas" i WHERE i."id" = r."idea_id";
UPDATE "evaluations" e SET "language" = i."language" FROM "ideas" i WHERE i."id" = e."idea_id";
UPDATE "official_answers" a SET "language" = i."language" FROM "ideas" i WHERE i."id" = a."idea_id";
UPDATE "audit_log" a SET "language" = i."language" FROM "ideas" i
 WHERE a."target_type" = 'idea' AND a."target_id" = i."id"
   AND a."action" IN ('idea.stage', 'pilot.kpi.add', 'pilot.kpi.update', 'pilot.kpi.delete', 'pilot.decision')
   AND i."language" <> 'fr';
