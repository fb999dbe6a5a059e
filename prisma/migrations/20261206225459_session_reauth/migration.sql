-- AlterTable
ALTER TABLE "oidc_logins" ADD COLUMN     "reauth_session_id" TEXT;

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "reauthenticated_at" TIMESTAMPTZ(3);
