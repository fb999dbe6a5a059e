-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "idempotency_key" TEXT;

-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "comments_author_id_idempotency_key_key" ON "comments"("author_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "ideas_author_id_idempotency_key_key" ON "ideas"("author_id", "idempotency_key");
