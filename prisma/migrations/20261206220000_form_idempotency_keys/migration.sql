-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "idempotency_key" TEXT;

-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "comments_idempotency_key_key" ON "comments"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "ideas_idempotency_key_key" ON "ideas"("idempotency_key");
