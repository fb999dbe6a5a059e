-- CreateTable
CREATE TABLE "attachments" (
    "id" TEXT NOT NULL,
    "idea_id" TEXT NOT NULL,
    "uploader_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "ext" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "storage_key" TEXT NOT NULL,
    "thumb_key" TEXT,
    "merge_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "attachments_storage_key_key" ON "attachments"("storage_key");

-- CreateIndex
CREATE UNIQUE INDEX "attachments_thumb_key_key" ON "attachments"("thumb_key");

-- CreateIndex
CREATE INDEX "attachments_idea_id_created_at_idx" ON "attachments"("idea_id", "created_at");

-- CreateIndex
CREATE INDEX "attachments_uploader_id_idx" ON "attachments"("uploader_id");

-- CreateIndex
CREATE INDEX "attachments_merge_id_idx" ON "attachments"("merge_id");

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_merge_id_fkey" FOREIGN KEY ("merge_id") REFERENCES "idea_merges"("id") ON DELETE SET NULL ON UPDATE CASCADE;
