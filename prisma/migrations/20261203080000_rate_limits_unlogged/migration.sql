-- Rate-limit counters (app/models/rate-limit.server.ts) are worth nothing after a crash, and every vote,
-- comment and sign-in updates one of them; an UNLOGGED table skips the WAL, so updating a busy counter
-- (one proxy address for a whole agency) does not wait for a disk flush. Prisma does not model table
-- persistence, so the schema is unchanged. docs/decisions/0009-anti-abuse-and-account-deletion.md
ALTER TABLE "rate_limits" SET UNLOGGED;
