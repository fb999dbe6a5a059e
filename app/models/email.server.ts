// E-mail notifications through a transactional outbox (docs/decisions/0013-email-notifications.md):
//   - queueNotificationEmails() runs inside the transaction that writes the notifications, so an
//     e-mail exists only if the change committed;
//   - delivery and the daily digest are jobs of the queue (app/jobs/email.server.ts, ADR 0027);
//   - here also: each person's per-type preferences and the one-click unsubscribe;
//   - account e-mails (sign-up) use the same outbox: account-email.server.ts.
import type { Viewer } from "~/auth/policy.ts";
import type { EmailMode } from "~/generated/prisma/enums.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { addJob, TASK } from "~/lib/job-queue.server.ts";
import { createMailer, type Mailer } from "~/lib/mailer.server.ts";
import { isLocaleCode } from "./email.ts";
import {
  EMAIL_DEFAULTS,
  EMAIL_MODES,
  isNotificationType,
  NOTIFICATION_TYPES,
  type NotificationType,
} from "./notification.ts";

export type EmailConfig = { mailer: Mailer; appUrl: string };

let config: EmailConfig | null = null;

/** This process's e-mail configuration, or null when e-mail is off (no SMTP_URL). */
export const emailConfig = (): EmailConfig | null => config;

/**
 * Called by startServices (app/services.server.ts) from SMTP_URL, MAIL_FROM and APP_URL, and with null
 * when the app stops. Without it no e-mail is queued.
 */
export function configureEmail(options: { smtpUrl: string; from: string; appUrl: string } | null): void {
  config?.mailer.close();
  config = options
    ? {
        mailer: createMailer({ url: options.smtpUrl, from: options.from }),
        appUrl: options.appUrl.replace(/\/+$/, ""),
      }
    : null;
}

/** Whether this process sends e-mail (SMTP_URL set). */
export const isEmailConfigured = () => config !== null;

export const DEFAULT_TYPES = [...NOTIFICATION_TYPES];
export const DEFAULT_MODES = NOTIFICATION_TYPES.map((type) => EMAIL_DEFAULTS[type]);

/**
 * In the notifications' transaction: one outbox row per notification whose type the person wants at
 * once, and the queue job that sends them once the transaction committed.
 */
export async function queueNotificationEmails(tx: Tx, notificationIds: bigint[]): Promise<void> {
  if (!config || notificationIds.length === 0) return;
  const queued = await tx.$executeRaw`
    insert into email_outbox (user_id, kind, notification_id)
    select n.user_id, 'notification', n.id
      from notifications n
      join unnest(${DEFAULT_TYPES}::text[], ${DEFAULT_MODES}::text[]) d(type, mode) on d.type = n.type
      left join notification_preferences p on p.user_id = n.user_id and p.type = n.type
     where n.id = any(${notificationIds}::bigint[])
       and coalesce(p.email::text, d.mode) = 'IMMEDIATE'`;
  if (queued > 0) await addJob(tx, TASK.emailDelivery, {});
}

/* ------------------------------ preferences ------------------------------ */

export type EmailPreferences = Record<NotificationType, EmailMode>;

export async function preferenceModes(userId: string): Promise<EmailPreferences> {
  const rows = await prisma.notificationPreference.findMany({ where: { userId }, select: { type: true, email: true } });
  const modes = { ...EMAIL_DEFAULTS };
  for (const row of rows) if (isNotificationType(row.type)) modes[row.type] = row.email;
  return modes;
}

export const getEmailPreferences = (user: NonNullable<Viewer>) => preferenceModes(user.id);

export async function setEmailPreferences(user: NonNullable<Viewer>, modes: Partial<EmailPreferences>): Promise<void> {
  const entries = Object.entries(modes).filter(
    ([type, mode]) => isNotificationType(type) && (EMAIL_MODES as readonly string[]).includes(String(mode)),
  );
  await prisma.$transaction(
    entries.map(([type, mode]) =>
      prisma.notificationPreference.upsert({
        where: { userId_type: { userId: user.id, type } },
        create: { userId: user.id, type, email: mode as EmailMode },
        update: { email: mode as EmailMode },
        select: { type: true },
      }),
    ),
  );
}

/** Whose link this is (an unknown token is null). */
export async function findUnsubscribeTarget(token: string) {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  return prisma.user.findUnique({ where: { unsubscribeToken: token }, select: { id: true, role: true, locale: true } });
}

/** One-click unsubscribe: turns e-mail off for one type, or for every type. */
export async function unsubscribe(token: string, type: NotificationType | "all"): Promise<boolean> {
  const user = await findUnsubscribeTarget(token);
  if (!user) return false;
  const types = type === "all" ? NOTIFICATION_TYPES : [type];
  await setEmailPreferences(
    { id: user.id, role: user.role, grantedSpaceIds: [] },
    Object.fromEntries(types.map((t) => [t, "OFF"])),
  );
  return true;
}

/** The language e-mails are written in follows the interface language the person last chose. */
export async function rememberLocale(userId: string, locale: string): Promise<void> {
  if (isLocaleCode(locale)) await prisma.user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
}
