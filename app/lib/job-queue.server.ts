// Adding jobs to the queue (graphile-worker, docs/decisions/0027-job-queue-and-webhooks.md) in the
// caller's transaction: `graphile_worker.add_job()` is plain SQL, so a job exists only if the write
// that asked for it committed, and a process killed right after COMMIT loses nothing — another
// process (or this one, restarted) runs it. The runner and the tasks live in app/jobs/queue.server.ts.
import type pg from "pg";
import type { Tx } from "./db.server.ts";

/** The queue's tasks (their handlers: app/jobs/queue.server.ts). */
export const TASK = {
  /** Sends what is due in the e-mail outbox (app/jobs/email.server.ts). */
  emailDelivery: "email:deliver",
  /** One webhook delivery row per endpoint subscribed to a domain event (app/jobs/webhooks.server.ts). */
  webhookFanOut: "webhook:fanout",
  /** One HTTP attempt of a webhook delivery (app/jobs/webhooks.server.ts). */
  webhookDelivery: "webhook:deliver",
} as const;

export type JobOptions = {
  /** Not before this instant (retries on a schedule of our own). */
  runAt?: Date;
  /** At most one pending job with this key: adding again replaces it (graphile-worker's job_key). */
  jobKey?: string;
  /** graphile-worker's own retries of a task that throws (infrastructure failures); default 5. */
  maxAttempts?: number;
};

export async function addJob(tx: Tx, task: string, payload: object, options: JobOptions = {}): Promise<void> {
  await tx.$queryRaw`select 1 from graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt ?? null}::timestamptz, job_key => ${options.jobKey ?? null}::text,
    max_attempts => ${options.maxAttempts ?? 5}::int)`;
}

/** The same on a raw `pg` client or pool (inside its transaction when it has one). */
export async function addJobOn(
  db: Pick<pg.Pool | pg.PoolClient, "query">,
  task: string,
  payload: object,
  options: JobOptions = {},
): Promise<void> {
  await db.query(
    `select 1 from graphile_worker.add_job($1, $2::json, run_at => $3::timestamptz, job_key => $4::text,
       max_attempts => $5::int)`,
    [task, JSON.stringify(payload), options.runAt ?? null, options.jobKey ?? null, options.maxAttempts ?? 5],
  );
}
