-- CreateEnum
CREATE TYPE "FollowKind" AS ENUM ('IDEA', 'CHALLENGE', 'SPACE', 'TAG');

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "comment_id" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "bio" TEXT,
ADD COLUMN     "profile_private" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "follows" (
    "user_id" TEXT NOT NULL,
    "kind" "FollowKind" NOT NULL,
    "target_id" TEXT NOT NULL,
    "following" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follows_pkey" PRIMARY KEY ("user_id","kind","target_id")
);

-- CreateTable
CREATE TABLE "mentions" (
    "id" BIGSERIAL NOT NULL,
    "mentioned_id" TEXT NOT NULL,
    "idea_id" TEXT NOT NULL,
    "comment_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follows_kind_target_id_idx" ON "follows"("kind", "target_id");

-- CreateIndex
CREATE INDEX "mentions_mentioned_id_idx" ON "mentions"("mentioned_id");

-- CreateIndex
CREATE INDEX "mentions_idea_id_idx" ON "mentions"("idea_id");

-- CreateIndex
CREATE INDEX "mentions_comment_id_idx" ON "mentions"("comment_id");

-- CreateIndex
CREATE INDEX "notifications_comment_id_idx" ON "notifications"("comment_id");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_mentioned_id_fkey" FOREIGN KEY ("mentioned_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing notifications about a comment point at it (data.commentId), when it still exists.
UPDATE "notifications" n SET "comment_id" = n.data->>'commentId'
 WHERE n.data ? 'commentId' AND EXISTS (SELECT 1 FROM "comments" c WHERE c.id = n.data->>'commentId');
