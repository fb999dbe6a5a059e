-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('SPAM', 'ABUSE', 'PERSONAL_DATA', 'OFF_TOPIC', 'OTHER');

-- CreateEnum
CREATE TYPE "HiddenKind" AS ENUM ('PENDING_REVIEW', 'MODERATOR');

-- CreateEnum
CREATE TYPE "FlagResolution" AS ENUM ('HIDDEN', 'RESTORED', 'DISMISSED');

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "hidden_at" TIMESTAMPTZ(3),
ADD COLUMN     "hidden_by_id" TEXT,
ADD COLUMN     "hidden_kind" "HiddenKind",
ADD COLUMN     "hidden_reason" TEXT;

-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "hidden_at" TIMESTAMPTZ(3),
ADD COLUMN     "hidden_by_id" TEXT,
ADD COLUMN     "hidden_kind" "HiddenKind",
ADD COLUMN     "hidden_reason" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "suspended_at" TIMESTAMPTZ(3),
ADD COLUMN     "suspended_reason" TEXT;

-- CreateTable
CREATE TABLE "flags" (
    "id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "idea_id" TEXT NOT NULL,
    "comment_id" TEXT,
    "reporter_id" TEXT NOT NULL,
    "reason" "FlagReason" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" TEXT,
    "resolution" "FlagResolution",

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "flags_resolved_at_created_at_idx" ON "flags"("resolved_at", "created_at");

-- CreateIndex
CREATE INDEX "flags_idea_id_idx" ON "flags"("idea_id");

-- CreateIndex
CREATE INDEX "flags_comment_id_idx" ON "flags"("comment_id");

-- CreateIndex
CREATE INDEX "flags_reporter_id_idx" ON "flags"("reporter_id");

-- CreateIndex
CREATE UNIQUE INDEX "flags_target_id_reporter_id_key" ON "flags"("target_id", "reporter_id");

-- AddForeignKey
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_hidden_by_id_fkey" FOREIGN KEY ("hidden_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_hidden_by_id_fkey" FOREIGN KEY ("hidden_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Moderation rules the database enforces too (docs/decisions/0008-moderation.md). Prisma does not
-- model CHECK constraints, so they are hand-written here and never show as drift.

-- Hidden state is all or nothing, and a moderator's decision carries its reason (shown to the author).
ALTER TABLE ideas ADD CONSTRAINT ideas_hidden_consistent
  CHECK ((hidden_kind IS NULL) = (hidden_at IS NULL)
     AND (hidden_kind IS DISTINCT FROM 'MODERATOR' OR length(btrim(coalesce(hidden_reason, ''))) > 0));
ALTER TABLE comments ADD CONSTRAINT comments_hidden_consistent
  CHECK ((hidden_kind IS NULL) = (hidden_at IS NULL)
     AND (hidden_kind IS DISTINCT FROM 'MODERATOR' OR length(btrim(coalesce(hidden_reason, ''))) > 0));

-- A flag's target is its comment when it has one, its idea otherwise; resolution is all or nothing.
ALTER TABLE flags ADD CONSTRAINT flags_target
  CHECK (target_id = coalesce(comment_id, idea_id));
ALTER TABLE flags ADD CONSTRAINT flags_resolution_consistent
  CHECK ((resolved_at IS NULL) = (resolution IS NULL));

-- A suspension always says why.
ALTER TABLE users ADD CONSTRAINT users_suspension_reasoned
  CHECK (suspended_at IS NULL OR length(btrim(coalesce(suspended_reason, ''))) > 0);
