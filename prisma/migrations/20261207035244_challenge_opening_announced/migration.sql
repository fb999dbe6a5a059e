-- AlterTable
ALTER TABLE "challenges" ADD COLUMN     "opening_announced_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "challenges_opening_due_idx" ON "challenges"("opens_at");

-- Challenges whose opening date has already come were announced when created: only those opening
-- later are left for the crontab to announce.
UPDATE "challenges" SET "opening_announced_at" = "opens_at" WHERE "opens_at" <= now();
