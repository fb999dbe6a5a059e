// Housekeeping of the rate-limit windows (docs/decisions/0009-anti-abuse-and-account-deletion.md).
import { purgeExpiredRateLimits } from "~/models/rate-limit.server.ts";
import { runPeriodically } from "./periodic.server.ts";

/** Purges expired windows every `intervalMs` (they hold IP addresses, and are useless once expired). */
export function startRateLimitPurging(intervalMs = 60_000): () => Promise<void> {
  return runPeriodically("rate-limits purge", intervalMs, purgeExpiredRateLimits);
}
