-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "merge_id" TEXT;

-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "merged_into_id" TEXT;

-- AlterTable
ALTER TABLE "votes" ADD COLUMN     "merge_id" TEXT;

-- CreateTable
CREATE TABLE "idea_merges" (
    "id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "merged_by_id" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by_id" TEXT,

    CONSTRAINT "idea_merges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idea_merge_supporters" (
    "merge_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "moved" BOOLEAN NOT NULL,
    "voted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idea_merge_supporters_pkey" PRIMARY KEY ("merge_id","user_id")
);

-- CreateIndex
CREATE INDEX "idea_merges_source_id_created_at_idx" ON "idea_merges"("source_id", "created_at");

-- CreateIndex
CREATE INDEX "idea_merges_target_id_created_at_idx" ON "idea_merges"("target_id", "created_at");

-- CreateIndex
CREATE INDEX "comments_merge_id_idx" ON "comments"("merge_id");

-- CreateIndex
CREATE INDEX "ideas_merged_into_id_idx" ON "ideas"("merged_into_id");

-- CreateIndex
CREATE INDEX "votes_merge_id_idx" ON "votes"("merge_id");

-- AddForeignKey
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "ideas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_merge_id_fkey" FOREIGN KEY ("merge_id") REFERENCES "idea_merges"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_merge_id_fkey" FOREIGN KEY ("merge_id") REFERENCES "idea_merges"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_merged_by_id_fkey" FOREIGN KEY ("merged_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_undone_by_id_fkey" FOREIGN KEY ("undone_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_merge_supporters" ADD CONSTRAINT "idea_merge_supporters_merge_id_fkey" FOREIGN KEY ("merge_id") REFERENCES "idea_merges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A merged idea is frozen (docs/decisions/0014-merge-duplicates.md). A vote or comment racing the
-- merge must not land on it after its votes and comments moved: the merge holds the idea's row lock
-- (FOR UPDATE) until it commits; this takes a KEY SHARE lock — which waits for it — and reads the
-- committed row. It costs what the foreign key check already does.
CREATE FUNCTION idees_refuse_merged_idea() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  merged text;
BEGIN
  SELECT merged_into_id INTO merged FROM ideas WHERE id = NEW.idea_id FOR KEY SHARE;
  IF merged IS NOT NULL THEN
    RAISE EXCEPTION 'idea % was merged into %', NEW.idea_id, merged USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER votes_refuse_merged_idea
  BEFORE INSERT ON votes
  FOR EACH ROW EXECUTE FUNCTION idees_refuse_merged_idea();

CREATE TRIGGER comments_refuse_merged_idea
  BEFORE INSERT ON comments
  FOR EACH ROW EXECUTE FUNCTION idees_refuse_merged_idea();
