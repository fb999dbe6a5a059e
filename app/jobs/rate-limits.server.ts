// Housekeeping of the rate-limit windows (docs/decisions/0009-anti-abuse-and-account-deletion.md).
import { purgeExpiredLogins } from "~/auth/oidc.server.ts";
import { purgeExpiredRateLimits } from "~/models/rate-limit.server.ts";
import { runPeriodically } from "./periodic.server.ts";

/** Purges expired windows every `intervalMs` (they hold IP addresses, and are useless once expired). */
export function startRateLimitPurging(intervalMs = 60_000): () => Promise<void> {
  // Also the OpenID sign-ins abandoned at the provider (their state, nonce and PKCE verifier).
  return runPeriodically(
    "rate-limits purge",
    intervalMs,
    async () => (await purgeExpiredRateLimits()) + (await purgeExpiredLogins()),
  );
}
