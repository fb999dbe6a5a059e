// The queue's crontab (docs/decisions/0027-job-queue-and-webhooks.md): recurring work that must run
// once across all app processes, whatever their number. graphile-worker turns each line into one job
// per tick (the tick is its job key), run by whichever process takes it, and back-fills nothing.
//
// To add a recurring task: one entry here — a task name, a crontab schedule (minute hour day month
// weekday, Paris time is NOT assumed: the server's clock, UTC in production) and the function to run.
// Work that must run more often than once a minute, per process, stays with runPeriodically
// (app/jobs/periodic.server.ts, started in app/jobs/index.server.ts).
import { purgeExpiredLogins } from "~/auth/oidc.server.ts";
import { announceDueChallengeOpenings } from "~/models/challenge.server.ts";
import { sweepOrphanFiles } from "~/models/attachment.server.ts";
import { endExpiredSupplierAccess } from "~/models/invitation.server.ts";
import { regenerateOpenData } from "~/models/open-data.server.ts";
import { purgeExpiredRateLimits } from "~/models/rate-limit.server.ts";
import { sendOverdueReminders } from "./commitment-reminders.server.ts";
import { deliverDueEmails, queueDailyDigests } from "./email.server.ts";
import { purgeOldWebhookDeliveries } from "./webhooks.server.ts";

export type CronTask = { task: string; schedule: string; run: () => Promise<unknown> };

export const CRON_TASKS: readonly CronTask[] = [
  // Digests: from 7 a.m. Paris time, one per person and day (dedupe key), checked every ten minutes.
  { task: "email:digests", schedule: "*/10 * * * *", run: () => queueDailyDigests() },
  // E-mails whose retry job was lost with a killed process, or whose lease a killed process left.
  { task: "email:sweep", schedule: "* * * * *", run: deliverDueEmails },
  // Expired rate-limit windows (they hold IP addresses) and abandoned OpenID sign-ins.
  {
    task: "purge:rate-limits",
    schedule: "* * * * *",
    run: async () => (await purgeExpiredRateLimits()) + (await purgeExpiredLogins()),
  },
  // Suppliers whose access ended: their sessions are deleted and their sockets disconnected.
  { task: "purge:supplier-access", schedule: "* * * * *", run: endExpiredSupplierAccess },
  // The weekly overdue reminder (docs/decisions/0028): tried every hour, it sends from 8 a.m. Paris time
  // on, once per ISO week and manager (the week's row makes every later try a no-op).
  { task: "reminders:overdue", schedule: "5 * * * *", run: () => sendOverdueReminders() },
  // The open-data files of the public space (docs/decisions/0026): at most hourly; a request finding
  // them older than an hour also regenerates them.
  { task: "open-data:regenerate", schedule: "17 * * * *", run: () => regenerateOpenData() },
  // Challenges created with a later opening date: `challenge.opened` once that date has come (ADR 0036).
  { task: "challenges:open", schedule: "* * * * *", run: () => announceDueChallengeOpenings() },
  // Finished webhook deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS (default 30), nightly.
  { task: "purge:webhook-deliveries", schedule: "41 3 * * *", run: () => purgeOldWebhookDeliveries() },
  // Stored attachment files without a row (a crash between storing and recording, a failed delete):
  // removed once they are an hour old (docs/decisions/0030-attachments-and-editor.md).
  { task: "attachments:sweep", schedule: "41 * * * *", run: () => sweepOrphanFiles() },
];

/** graphile-worker's crontab text for CRON_TASKS. */
export const crontab = () => CRON_TASKS.map((c) => `${c.schedule} ${c.task}`).join("\n");
