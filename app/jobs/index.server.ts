// The periodic work of an app process, all of it: every process runs the same jobs, and each job is
// safe to run from several processes at once (SKIP LOCKED, idempotent deletes, dedupe keys).
import { startOverdueReminders } from "./commitment-reminders.server.ts";
import { startCounterFolding } from "./counters.server.ts";
import { startEmailDelivery } from "./email.server.ts";
import { startRateLimitPurging } from "./rate-limits.server.ts";
import { startSupplierAccessExpiry } from "./supplier-access.server.ts";

/** Starts every job; the returned function stops them all and waits for the runs in progress. */
export function startJobs(): () => Promise<void> {
  const stops = [
    startCounterFolding(),
    startRateLimitPurging(),
    startEmailDelivery(),
    startSupplierAccessExpiry(),
    startOverdueReminders(),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
