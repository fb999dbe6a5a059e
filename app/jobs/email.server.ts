// Sending the e-mail outbox (docs/decisions/0013-email-notifications.md), as jobs of the queue
// (docs/decisions/0027-job-queue-and-webhooks.md): the transaction that queues an e-mail adds an
// "email:deliver" job; the job (deliverDueEmails) claims due rows with SKIP LOCKED, renders them in the
// recipient's language — re-checking that the recipient may still see the idea — and sends them;
// a failure schedules the row's retry with back-off, and a job at that instant. The crontab runs the
// same job every minute (rows whose lease a killed process left) and queueDailyDigests() every ten
// minutes, which gathers the DIGEST-mode notifications once per person and Paris day.
import { canManageWebhooks, canUseManagerBoard, canViewIdea, type Viewer } from "~/auth/policy.ts";
import type { Role, SpaceAudience } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { addJobOn, TASK } from "~/lib/job-queue.server.ts";
import { translator } from "~/lib/i18n.server.ts";
import { parisDay } from "~/lib/time.ts";
import {
  digestEmail,
  isDigestTime,
  isLocaleCode,
  MAX_EMAIL_ATTEMPTS,
  notificationEmail,
  retryDelaySeconds,
  type Email,
} from "~/models/email.ts";
import { DEFAULT_MODES, DEFAULT_TYPES, emailConfig, preferenceModes } from "~/models/email.server.ts";
import { isAccountEmailKind, renderAccountEmail } from "~/models/account-email.server.ts";
import {
  ADMIN_NOTIFICATION_TYPES,
  isNotificationType,
  notificationPath,
  withActor,
  type NotificationType,
} from "~/models/notification.ts";

const BATCH = 20;

/**
 * Once per person and Paris day, from 7 a.m.: one digest of the DIGEST-mode notifications that arrived
 * since their previous digest (or the last 24 hours). Safe to run from every process at once: the
 * dedupe key lets one row per person and day exist. Returns how many digests were queued.
 */
export async function queueDailyDigests(now = new Date()): Promise<number> {
  if (!emailConfig() || !isDigestTime(now)) return 0;
  // One statement: the digests and the job that sends them commit together.
  const { rows } = await pool.query<{ queued: number }>(
    `with wanted as (
       select n.user_id, min(n.id) as first_id, max(n.id) as last_id,
              coalesce((select max((o.data->>'lastId')::bigint) from email_outbox o where o.user_id = n.user_id and o.kind = 'digest'), 0) as done_up_to
         from notifications n
         join unnest($1::text[], $2::text[]) d(type, mode) on d.type = n.type
         left join notification_preferences p on p.user_id = n.user_id and p.type = n.type
        where coalesce(p.email::text, d.mode) = 'DIGEST'
          and n.created_at > $3::timestamptz - interval '24 hours' and n.created_at <= $3::timestamptz
        group by n.user_id)
     , queued as (insert into email_outbox (user_id, kind, dedupe_key, data)
     select w.user_id, 'digest', 'digest:' || w.user_id || ':' || $4,
            -- A first digest starts at the window, not at the person's oldest notification.
            jsonb_build_object('afterId', greatest(w.done_up_to, w.first_id - 1), 'lastId', w.last_id)
       from wanted w
      where w.last_id > w.done_up_to
     on conflict (dedupe_key) do nothing
     returning id),
     job as (select graphile_worker.add_job($5, '{}'::json) from queued where exists (select 1 from queued) limit 1)
     select (select count(*) from queued)::int as queued, (select count(*) from job) as jobs`,
    [DEFAULT_TYPES, DEFAULT_MODES, now, parisDay(now), TASK.emailDelivery],
  );
  return rows[0]?.queued ?? 0;
}

type Claimed = {
  id: string;
  user_id: string;
  kind: string;
  notification_id: string | null;
  data: Record<string, unknown>;
  attempts: number;
};

type Recipient = {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  unsubscribeToken: string;
  /** Notifications go only to a verified address (docs/decisions/0024); account e-mails regardless. */
  emailVerified: boolean;
  viewer: Viewer;
};

async function recipient(userId: string): Promise<Recipient | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      displayName: true,
      locale: true,
      unsubscribeToken: true,
      role: true,
      suspendedAt: true,
      emailVerifiedAt: true,
      accessEndsAt: true,
      spaceAccesses: { select: { spaceId: true } },
    },
  });
  // A suspended account, or a supplier whose access ended, has no viewer (app/auth/session.server.ts):
  // it is told nothing either.
  if (!user || user.suspendedAt !== null || (user.accessEndsAt !== null && user.accessEndsAt <= new Date()))
    return null;
  return {
    ...user,
    emailVerified: user.emailVerifiedAt !== null,
    viewer: { id: user.id, role: user.role as Role, grantedSpaceIds: user.spaceAccesses.map((a) => a.spaceId) },
  };
}

type NotificationRow = {
  type: string;
  data: Record<string, unknown>;
  ideaId: string | null;
  title: string;
  idea: { authorId: string; hiddenAt: Date | null; space: { id: string; audience: SpaceAudience } } | null;
};

async function notificationsFor(where: {
  ids?: bigint[];
  userId?: string;
  afterId?: bigint;
  lastId?: bigint;
}): Promise<(NotificationRow & { id: bigint })[]> {
  const rows = await prisma.notification.findMany({
    where: where.ids
      ? { id: { in: where.ids } }
      : { userId: where.userId, id: { gt: where.afterId, lte: where.lastId } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      type: true,
      data: true,
      ideaId: true,
      idea: {
        select: { title: true, authorId: true, hiddenAt: true, space: { select: { id: true, audience: true } } },
      },
      // The comment's writer is named in the line ("Alice a répondu…"), read now: a renamed person shows as now.
      comment: { select: { author: { select: { displayName: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    data: withActor((r.data ?? {}) as Record<string, unknown>, r.comment?.author.displayName),
    ideaId: r.ideaId,
    title: r.idea?.title ?? "",
    idea: r.idea,
  }));
}

/** What to send for a claimed row, or null when there is nothing the recipient may still read. */
async function render(row: Claimed, to: Recipient, appUrl: string): Promise<Email | null> {
  const t = translator(isLocaleCode(to.locale) ? to.locale : "fr");
  const links = {
    preferences: `${appUrl}/notifications#preferences`,
    unsubscribe: `${appUrl}/desabonnement/${to.unsubscribeToken}`,
  };
  // The same rule as the idea's page: its space's audience, and when moderation hid it, its author only.
  // A notification about no idea: the overdue reminder goes to whoever still runs the board
  // (docs/decisions/0028); an admin alert only while the person is still an admin (0027).
  const visible = (n: NotificationRow) =>
    isNotificationType(n.type) &&
    (n.type === "commitment.overdue"
      ? canUseManagerBoard(to.viewer)
      : n.ideaId === null
        ? // Hackathon news (docs/decisions/0035) names no content: the person took part.
          n.type.startsWith("hackathon.") || (ADMIN_NOTIFICATION_TYPES.includes(n.type) && canManageWebhooks(to.viewer))
        : n.idea !== null && canViewIdea(to.viewer, n.idea));
  if (isAccountEmailKind(row.kind)) return renderAccountEmail(row.kind, to, t, appUrl, row.data);
  // Notifications and digests only to an address its owner proved they read (docs/decisions/0024).
  if (!to.emailVerified) return null;
  if (row.kind === "notification" && row.notification_id) {
    const [n] = await notificationsFor({ ids: [BigInt(row.notification_id)] });
    if (!n || !visible(n) || !isNotificationType(n.type)) return null;
    const open = `${appUrl}${notificationPath(n.type, n.data, n.ideaId)}`;
    return notificationEmail(
      t,
      { type: n.type, data: n.data, title: n.title, recipientName: to.displayName },
      { ...links, unsubscribe: `${links.unsubscribe}?type=${n.type}`, open },
    );
  }
  if (row.kind === "digest") {
    const items = (
      await notificationsFor({
        userId: to.id,
        afterId: BigInt(String(row.data.afterId ?? 0)),
        lastId: BigInt(String(row.data.lastId ?? 0)),
      })
    ).filter(visible);
    // Preferences are read again at sending time: a type switched off since then is left out.
    const modes = await preferenceModes(to.id);
    const chosen = items.filter((n) => modes[n.type as NotificationType] === "DIGEST");
    if (chosen.length === 0) return null;
    return digestEmail(
      t,
      to.displayName,
      chosen.map((n) => ({
        type: n.type as NotificationType,
        data: n.data,
        title: n.title,
        open: `${appUrl}${notificationPath(n.type as NotificationType, n.data, n.ideaId)}`,
      })),
      links,
    );
  }
  return null;
}

/**
 * One pass of the worker: claims up to `limit` due rows (SKIP LOCKED, so processes never send the same
 * row), sends them, records the outcome. Returns counts, for tests and logs.
 */
export async function deliverPendingEmails(limit = BATCH): Promise<{ sent: number; failed: number; skipped: number }> {
  const result = { sent: 0, failed: 0, skipped: 0 };
  const config = emailConfig();
  if (!config) return result;
  const { mailer, appUrl } = config;
  const { rows } = await pool.query<Claimed>(
    `update email_outbox set attempts = attempts + 1, locked_until = now() + make_interval(secs => $2)
      where id in (select id from email_outbox
                    where sent_at is null and failed_at is null and send_after <= now()
                      and (locked_until is null or locked_until < now())
                    order by send_after, id
                    limit $1
                    for update skip locked)
      returning id::text, user_id, kind, notification_id::text, data, attempts`,
    // The lease covers the whole batch sent one by one, each within the transport's 20 s timeout.
    [limit, 60 + limit * 30],
  );
  for (const row of rows) {
    try {
      const to = await recipient(row.user_id);
      const email = to ? await render(row, to, appUrl) : null;
      if (!to || !email) {
        // Nothing the person may read any more (idea hidden from them, preferences changed): done.
        await pool.query(
          "update email_outbox set sent_at = now(), last_error = 'nothing to send', locked_until = null where id = $1",
          [row.id],
        );
        result.skipped++;
        continue;
      }
      const unsubscribe = `${appUrl}/desabonnement/${to.unsubscribeToken}`;
      await mailer.send({
        to: email.to ?? to.email,
        subject: email.subject,
        text: email.text,
        // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to this URL.
        headers: isAccountEmailKind(row.kind)
          ? undefined
          : { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      });
      await pool.query(
        "update email_outbox set sent_at = now(), last_error = null, locked_until = null where id = $1",
        [row.id],
      );
      result.sent++;
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 500);
      const giveUp = row.attempts >= MAX_EMAIL_ATTEMPTS;
      const retryAt = new Date(Date.now() + retryDelaySeconds(row.attempts) * 1000);
      await pool.query(
        `update email_outbox set last_error = $2, locked_until = null,
                send_after = now() + make_interval(secs => $3), failed_at = case when $4 then now() end
          where id = $1`,
        [row.id, message, retryDelaySeconds(row.attempts), giveUp],
      );
      // The retry's own job; if this process dies first, the crontab's minutely run finds the row.
      if (!giveUp) await addJobOn(pool, TASK.emailDelivery, {}, { runAt: retryAt }).catch(() => {});
      result.failed++;
    }
  }
  return result;
}

/** The "email:deliver" job: sends everything due, a batch at a time. */
export async function deliverDueEmails(): Promise<void> {
  for (;;) {
    const done = await deliverPendingEmails(BATCH);
    if (done.sent + done.failed + done.skipped < BATCH) return;
  }
}
