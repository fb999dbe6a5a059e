// The work of an app process beside requests: the job queue (deliveries, e-mails, the crontab's
// digests, purges and the weekly overdue reminder; app/jobs/queue.server.ts), and the per-process
// periodic work that runs more often than once a minute (runPeriodically). Every process runs the same;
// each job is safe to run from several processes at once (SKIP LOCKED, idempotent deletes, dedupe keys,
// the queue's locks).
import { startCounterFolding } from "./counters.server.ts";
import { startQueue } from "./queue.server.ts";

/** Starts every job; the returned function stops them all and waits for the runs in progress. */
export function startJobs(options: { connectionString: string; concurrency: number }): () => Promise<void> {
  const queue = startQueue(options);
  const stops = [startCounterFolding(), queue.stop];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
