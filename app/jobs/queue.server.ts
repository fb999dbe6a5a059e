// The job queue of every app process (graphile-worker on the app's PostgreSQL,
// docs/decisions/0027-job-queue-and-webhooks.md): jobs are added in the transaction of the write that
// asks for them (app/lib/job-queue.server.ts), each runs once in whichever process takes it, a task
// that throws is retried by the library with back-off, and the crontab (app/jobs/crontab.server.ts)
// fires once per tick across processes.
//
// A process killed mid-job leaves its jobs locked (graphile-worker frees such locks after 4 hours
// only). Each process therefore keeps one idle connection named after its worker pool
// ("idees-jobs:<pool id>"); every few seconds, every process looks for jobs locked by a pool that has
// no such connection any more — its process is gone, the server closed its sessions — and unlocks
// them, so another process runs them at once. A job may thus run twice when its process dies right
// after doing the work: tasks are idempotent (leases, unique keys, Standard Webhooks' webhook-id).
import { EventEmitter } from "node:events";
import { Logger, makeWorkerUtils, run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { guardPool, poolOptions } from "~/lib/db.server.ts";
import { TASK } from "~/lib/job-queue.server.ts";
import { CRON_TASKS, crontab } from "./crontab.server.ts";
import { deliverDueEmails } from "./email.server.ts";
import { runPeriodically } from "./periodic.server.ts";
import { deliverWebhook, fanOutWebhookEvent } from "./webhooks.server.ts";

const LIVENESS_PREFIX = "idees-jobs:";

const taskList: TaskList = {
  [TASK.emailDelivery]: async () => deliverDueEmails(),
  [TASK.webhookFanOut]: async (payload) =>
    void (await fanOutWebhookEvent(payload as Parameters<typeof fanOutWebhookEvent>[0])),
  [TASK.webhookDelivery]: async (payload) =>
    void (await deliverWebhook((payload as { deliveryId: string }).deliveryId)),
  ...Object.fromEntries(CRON_TASKS.map((c) => [c.task, async () => void (await c.run())])),
};

// graphile-worker's own messages: errors and warnings through the console, the rest dropped.
const logger = new Logger(() => (level, message) => {
  if (level === "error") console.warn(`[job queue] ${message}`);
  else if (level === "warning") console.warn(`[job queue] ${message}`);
});

/**
 * Unlocks the jobs of worker pools whose process is gone (no "idees-jobs:<pool>" session on the
 * server). A lock younger than `graceMs` is left alone (its pool may be opening its connection).
 */
export async function recoverJobsOfDeadProcesses(db: pg.Pool, graceMs = 10_000): Promise<string[]> {
  const { rows } = await db.query<{ locked_by: string }>(
    `select distinct j.locked_by from graphile_worker._private_jobs j
      where j.locked_by is not null and j.locked_at < now() - make_interval(secs => $2 / 1000.0)
        and not exists (select 1 from pg_stat_activity a
                         where a.datname = current_database() and a.application_name = $1 || j.locked_by)`,
    [LIVENESS_PREFIX, graceMs],
  );
  const dead = rows.map((r) => r.locked_by);
  if (dead.length > 0) {
    const utils = await makeWorkerUtils({ pgPool: db, logger });
    try {
      await utils.forceUnlockWorkers(dead);
    } finally {
      await utils.release();
    }
    console.warn(`[job queue] unlocked the jobs of stopped worker(s): ${dead.join(", ")}`);
  }
  return dead;
}

/** One idle session named after the pool, reopened when it drops, until stopped. */
function keepLivenessSession(connectionString: string, poolId: string): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  const open = () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString, application_name: `${LIVENESS_PREFIX}${poolId}` });
    const retry = () => {
      if (client === next) client = null;
      if (!stopped) setTimeout(open, 2_000).unref();
    };
    next.on("error", () => {});
    next.on("end", retry);
    client = next;
    next.connect().catch(() => {});
  };
  open();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

export type Queue = { stop: () => Promise<void> };

type Started = { stop: () => Promise<void>; promise: Promise<void> };

/** One run of graphile-worker on its own pool, with the liveness session named after its worker pool. */
async function startRunner(connectionString: string, concurrency: number): Promise<Started> {
  const pgPool = new pg.Pool(poolOptions(connectionString, concurrency + 2, "idees-jobs"));
  guardPool(pgPool, "jobs");
  const events = new EventEmitter() as WorkerEvents;
  let poolId: string | null = null;
  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
  });
  let runner: Runner;
  try {
    runner = await run({ pgPool, taskList, crontab: crontab(), concurrency, noHandleSignals: true, logger, events });
  } catch (error) {
    await pgPool.end().catch(() => {});
    throw error;
  }
  if (!poolId) throw new Error("graphile-worker did not announce its worker pool");
  const stopLiveness = keepLivenessSession(connectionString, poolId);
  return {
    promise: runner.promise,
    stop: async () => {
      await runner.stop().catch(() => {});
      await stopLiveness();
      await pgPool.end().catch(() => {});
    },
  };
}

/**
 * Starts this process's worker — `concurrency` jobs at once, the crontab — and the recovery sweep. It
 * never fails the process: while the database is down (at start, or later when the worker gives up),
 * it says so and tries again every 5 s (docs/decisions/0022-failure-model.md).
 */
export function startQueue(options: {
  connectionString: string;
  concurrency: number;
  recoveryIntervalMs?: number;
}): Queue {
  const { connectionString, concurrency } = options;
  let stopped = false;
  let current: Started | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const supervise = async () => {
    while (!stopped) {
      try {
        current = await startRunner(connectionString, concurrency);
        if (stopped) break;
        await current.promise;
      } catch (error) {
        if (!stopped) console.warn("[job queue] not running, retrying in 5 s:", (error as Error).message);
      }
      await current?.stop();
      current = null;
      if (!stopped) await pause(5_000);
    }
  };
  const supervising = supervise();
  const recoveryPool = new pg.Pool(poolOptions(connectionString, 1, "idees-jobs-recovery"));
  guardPool(recoveryPool, "jobs recovery");
  const stopRecovery = runPeriodically("job recovery", options.recoveryIntervalMs ?? 5_000, () =>
    recoverJobsOfDeadProcesses(recoveryPool),
  );
  return {
    stop: async () => {
      stopped = true;
      await stopRecovery();
      (wake as (() => void) | null)?.();
      await current?.stop();
      await supervising;
      await recoveryPool.end().catch(() => {});
    },
  };
}
