// The job queue's own schema (graphile-worker, docs/decisions/0027-job-queue-and-webhooks.md): its
// tables and functions live in the `graphile_worker` schema, which the library creates and upgrades
// itself. applyMigrations() installs it right after Prisma's migrations, so every migrated database —
// the app's, the test template, a private test cluster — can take `graphile_worker.add_job()` inside
// a transaction before any worker ever started. Prisma models the `public` schema only: no drift.
import { Logger, runMigrations } from "graphile-worker";

const quiet = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[job queue] ${message}`);
});

export async function installJobQueueSchema(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: quiet });
}
