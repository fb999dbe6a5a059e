-- AlterTable
ALTER TABLE "challenges" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';
