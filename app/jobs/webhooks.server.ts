// Webhook deliveries, as jobs of the queue (docs/decisions/0027-job-queue-and-webhooks.md):
//   - "webhook:fanout" (added by recordDomainEvent in the write's transaction): one delivery row per
//     enabled endpoint subscribed to the event (in its space, or everywhere) and one "webhook:deliver"
//     job each, in one transaction; a re-run adds nothing twice (unique endpoint + event);
//   - "webhook:deliver": leases the row, builds the payload with the endpoint's owner as the viewer,
//     signs it (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) and POSTs it
//     through the SSRF guard (app/lib/outbound-http.server.ts). Every attempt is logged (status code,
//     duration). A failure schedules the next attempt (5 s … 10 h, about a day in all, scaled by
//     WEBHOOK_RETRY_SCALE) as a job at that instant; after WEBHOOK_DISABLE_AFTER failed attempts in a
//     row the endpoint is disabled and every admin is notified (in the app and by e-mail).
import { Webhook } from "standardwebhooks";
import { pool, prisma } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { addJob, addJobOn, TASK } from "~/lib/job-queue.server.ts";
import { postGuarded } from "~/lib/outbound-http.server.ts";
import { announceNotifications, notifyUser } from "~/models/notification.server.ts";
import { buildWebhookPayload, webhookOwner } from "~/models/webhook-payload.server.ts";
import {
  isWebhookEventType,
  MAX_WEBHOOK_ATTEMPTS,
  TEST_EVENT_TYPE,
  webhookRetryDelayMs,
  type WebhookEvent,
} from "~/models/webhook.ts";

let appUrl = "http://localhost:3000";

/** Called by startServices: the public address payloads link to. */
export function configureWebhooks(options: { appUrl: string }): void {
  appUrl = options.appUrl.replace(/\/+$/, "");
}

type FanOut = WebhookEvent & { eventId: string; occurredAt: string };

/** The "webhook:fanout" job. */
export async function fanOutWebhookEvent(job: FanOut): Promise<number> {
  if (!isWebhookEventType(job.type)) return 0;
  const { eventId, occurredAt, ...event } = job;
  const { rows } = await pool.query<{ jobs: number }>(
    `with queued as (
       insert into webhook_deliveries (id, endpoint_id, event_id, event_type, data, occurred_at)
       select 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, $1, $2, $3::jsonb, $4::timestamptz
         from webhook_endpoints e
        where e.disabled_at is null and $2 = any(e.events) and (e.space_id is null or e.space_id = $5)
       on conflict (endpoint_id, event_id) do nothing
       returning id)
     select count(graphile_worker.add_job($6, json_build_object('deliveryId', q.id)))::int as jobs from queued q`,
    [eventId, event.type, JSON.stringify(event), occurredAt, event.spaceId, TASK.webhookDelivery],
  );
  return rows[0]?.jobs ?? 0;
}

type Leased = {
  id: string;
  endpoint_id: string;
  event_type: string;
  data: WebhookEvent;
  occurred_at: Date;
  attempts: number;
  url: string;
  secret: string;
  owner_id: string;
  space_id: string | null;
};

export type DeliveryOutcome = "delivered" | "failed" | "retry" | "withheld" | "busy" | "nothing";

async function logAttempt(deliveryId: string, attempt: { status: number | null; durationMs: number; error?: string }) {
  await prisma.webhookAttempt.create({
    data: {
      deliveryId,
      statusCode: attempt.status,
      durationMs: attempt.durationMs,
      error: attempt.error?.slice(0, 500) ?? null,
    },
    select: { id: true },
  });
}

/** The "webhook:deliver" job: one attempt of one delivery. */
export async function deliverWebhook(deliveryId: string): Promise<DeliveryOutcome> {
  const config = env();
  // The lease outlasts the request's timeout: while it holds, no other process sends this delivery.
  const leaseMs = config.WEBHOOK_TIMEOUT_MS + 5_000;
  const { rows } = await pool.query<Leased>(
    `update webhook_deliveries d
        set attempts = d.attempts + 1, locked_until = now() + make_interval(secs => $2 / 1000.0), next_attempt_at = null
       from webhook_endpoints e
      where d.id = $1 and e.id = d.endpoint_id and e.disabled_at is null
        and d.delivered_at is null and d.failed_at is null
        and (d.locked_until is null or d.locked_until < now())
      returning d.id, d.endpoint_id, d.event_type, d.data, d.occurred_at, d.attempts, e.url, e.secret, e.owner_id, e.space_id`,
    [deliveryId, leaseMs],
  );
  const row = rows[0];
  if (!row) {
    // Another process holds the lease (or held it when it was killed): try again once it expires.
    const { rows: held } = await pool.query<{ locked_until: Date }>(
      `select locked_until from webhook_deliveries
        where id = $1 and delivered_at is null and failed_at is null and locked_until >= now()`,
      [deliveryId],
    );
    if (held[0]) {
      await addJobOn(
        pool,
        TASK.webhookDelivery,
        { deliveryId },
        { runAt: new Date(held[0].locked_until.getTime() + 500) },
      );
      return "busy";
    }
    return "nothing";
  }
  const started = Date.now();
  const owner = await webhookOwner(row.owner_id);
  const event = row.event_type === TEST_EVENT_TYPE ? { type: TEST_EVENT_TYPE } : row.data;
  const spaceMatches = row.space_id === null || row.event_type === TEST_EVENT_TYPE || row.space_id === row.data.spaceId;
  const payload = owner && spaceMatches ? await buildWebhookPayload(owner, event, row.occurred_at, appUrl) : null;
  if (!payload) {
    // Nothing the owner may see: never sent, and the log says why.
    await logAttempt(row.id, { status: null, durationMs: 0, error: "withheld: not visible to the endpoint's owner" });
    await pool.query("update webhook_deliveries set failed_at = now(), locked_until = null where id = $1", [row.id]);
    return "withheld";
  }
  const body = JSON.stringify(payload);
  const sentAt = new Date();
  let status: number | null = null;
  let error: string | undefined;
  let durationMs = 0;
  try {
    const signature = new Webhook(row.secret).sign(row.id, sentAt, body);
    const response = await postGuarded({
      url: row.url,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "Idees-Webhooks/1",
        "webhook-id": row.id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    });
    status = response.status;
    durationMs = response.durationMs;
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (failure) {
    error = String((failure as Error).message ?? failure);
    durationMs = Date.now() - started;
  }
  await logAttempt(row.id, { status, durationMs, error });
  if (!error) {
    await pool.query("update webhook_deliveries set delivered_at = now(), locked_until = null where id = $1", [row.id]);
    await pool.query("update webhook_endpoints set consecutive_failures = 0 where id = $1", [row.endpoint_id]);
    return "delivered";
  }
  return recordFailure(row, config.WEBHOOK_RETRY_SCALE, config.WEBHOOK_DISABLE_AFTER);
}

async function recordFailure(row: Leased, scale: number, disableAfter: number): Promise<DeliveryOutcome> {
  const delay = row.attempts < MAX_WEBHOOK_ATTEMPTS ? webhookRetryDelayMs(row.attempts, scale) : null;
  const retryAt = delay === null ? null : new Date(Date.now() + delay);
  const disabled = await prisma.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: row.id },
      data: retryAt ? { lockedUntil: null, nextAttemptAt: retryAt } : { lockedUntil: null, failedAt: new Date() },
      select: { id: true },
    });
    if (retryAt) await addJob(tx, TASK.webhookDelivery, { deliveryId: row.id }, { runAt: retryAt });
    const [endpoint] = await tx.$queryRaw<{ consecutive_failures: number; disabled_at: Date | null }[]>`
      update webhook_endpoints set consecutive_failures = consecutive_failures + 1
       where id = ${row.endpoint_id} returning consecutive_failures, disabled_at`;
    if (!endpoint || endpoint.disabled_at !== null || endpoint.consecutive_failures < disableAfter) return [];
    // Too many failures in a row: disabled, and every admin is told (in the app, and by e-mail).
    await tx.webhookEndpoint.update({
      where: { id: row.endpoint_id },
      data: { disabledAt: new Date() },
      select: { id: true },
    });
    const admins = await tx.user.findMany({ where: { role: "ADMIN", suspendedAt: null }, select: { id: true } });
    const told: string[] = [];
    for (const admin of admins)
      told.push(
        ...(await notifyUser(tx, {
          userId: admin.id,
          ideaId: null,
          type: "webhook.disabled",
          data: { endpointId: row.endpoint_id, url: row.url },
        })),
      );
    return told;
  });
  announceNotifications(disabled);
  return retryAt ? "retry" : "failed";
}

const PURGE_BATCH = 5000;

/**
 * Deletes the deliveries that finished (delivered, or given up) more than `days` ago, with their
 * attempt log (cascade), in batches so that no statement holds many locks. A delivery still waiting
 * for a retry is kept whatever its age. Returns how many were deleted. Run by the crontab.
 */
export async function purgeOldWebhookDeliveries(options: { now?: Date; days?: number } = {}): Promise<number> {
  const { now = new Date(), days = env().WEBHOOK_DELIVERY_RETENTION_DAYS } = options;
  const before = new Date(now.getTime() - days * 86_400_000);
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `delete from webhook_deliveries where id in (
         select id from webhook_deliveries
          where created_at < $1 and coalesce(delivered_at, failed_at) is not null
          limit $2)`,
      [before, PURGE_BATCH],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < PURGE_BATCH) return total;
  }
}
