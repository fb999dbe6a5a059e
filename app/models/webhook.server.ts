// Webhook endpoints, administered on /admin/webhooks (docs/decisions/0027-job-queue-and-webhooks.md):
// admins register an endpoint (URL, events, optionally one space), see its secret once, read the
// delivery log, send a test event, redeliver, re-enable a disabled endpoint or delete it. Deliveries
// themselves are jobs (app/jobs/webhooks.server.ts); domain events are recorded by the models through
// recordDomainEvent (app/realtime/publish.server.ts).
import { randomBytes } from "node:crypto";
import { canManageWebhooks, canViewSpace, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { addJob, TASK } from "~/lib/job-queue.server.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { TEST_EVENT_TYPE, type WebhookEndpointInput } from "./webhook.ts";

/** Deliveries shown per endpoint in the log. */
export const DELIVERIES_SHOWN = 20;

function requireWebhookAdmin(viewer: Viewer): asserts viewer is NonNullable<Viewer> {
  if (!canManageWebhooks(viewer)) forbidden();
}

/** A Standard Webhooks signing secret: "whsec_" and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

export async function listWebhookEndpoints(viewer: Viewer) {
  requireWebhookAdmin(viewer);
  const endpoints = await prisma.webhookEndpoint.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      disabledAt: true,
      consecutiveFailures: true,
      createdAt: true,
      owner: { select: { displayName: true } },
      space: { select: { id: true, nameFr: true, nameEn: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: DELIVERIES_SHOWN,
        select: {
          id: true,
          eventType: true,
          createdAt: true,
          attempts: true,
          deliveredAt: true,
          failedAt: true,
          attemptLog: {
            orderBy: { at: "desc" },
            take: 1,
            select: { at: true, statusCode: true, durationMs: true, error: true },
          },
        },
      },
    },
  });
  return endpoints.map(({ deliveries, ...endpoint }) => ({
    ...endpoint,
    deliveries: deliveries.map(({ attemptLog, ...delivery }) => ({ ...delivery, last: attemptLog[0] ?? null })),
  }));
}

/** Registers an endpoint owned by `viewer`; returns its id and its secret (shown once, never again). */
export async function createWebhookEndpoint(options: { viewer: Viewer; input: WebhookEndpointInput }) {
  const { viewer, input } = options;
  requireWebhookAdmin(viewer);
  if (input.spaceId) {
    const space = await prisma.space.findUnique({ where: { id: input.spaceId }, select: { id: true, audience: true } });
    if (!space || !canViewSpace(viewer, space)) throw new RuleBroken("form.invalid", { field: "spaceId" });
  }
  const id = newId();
  const secret = newSecret();
  await prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.create({
      data: {
        id,
        ownerId: viewer.id,
        url: input.url,
        description: input.description ?? "",
        events: [...new Set(input.events)],
        spaceId: input.spaceId ?? null,
        secret,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "webhook.create",
      target: { type: "webhook", id },
      after: { url: input.url, events: input.events, spaceId: input.spaceId ?? null },
    });
  });
  return { id, secret };
}

export async function deleteWebhookEndpoint(options: { viewer: Viewer; endpointId: string }) {
  const { viewer, endpointId } = options;
  requireWebhookAdmin(viewer);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id: endpointId } });
    if (count === 0) notFound();
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "webhook.delete",
      target: { type: "webhook", id: endpointId },
    });
  });
}

/** Turns a disabled endpoint back on (its failure count starts again from zero). */
export async function enableWebhookEndpoint(options: { viewer: Viewer; endpointId: string }) {
  const { viewer, endpointId } = options;
  requireWebhookAdmin(viewer);
  const { count } = await prisma.webhookEndpoint.updateMany({
    where: { id: endpointId },
    data: { disabledAt: null, consecutiveFailures: 0 },
  });
  if (count === 0) notFound();
}

/** "Send a test event": a delivery of the test event to this endpoint, whatever it subscribed to. */
export async function sendTestEvent(options: { viewer: Viewer; endpointId: string }): Promise<string> {
  const { viewer, endpointId } = options;
  requireWebhookAdmin(viewer);
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) notFound();
  const deliveryId = `msg_${newId()}`;
  await prisma.$transaction(async (tx) => {
    await tx.webhookDelivery.create({
      data: {
        id: deliveryId,
        endpointId,
        eventId: newId(),
        eventType: TEST_EVENT_TYPE,
        data: {},
        occurredAt: new Date(),
      },
      select: { id: true },
    });
    await addJob(tx, TASK.webhookDelivery, { deliveryId });
  });
  return deliveryId;
}

/** "Redeliver": the same delivery (same webhook-id) again, whatever its state; one more attempt in the log. */
export async function redeliverWebhook(options: { viewer: Viewer; deliveryId: string }) {
  const { viewer, deliveryId } = options;
  requireWebhookAdmin(viewer);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId },
      data: { deliveredAt: null, failedAt: null, nextAttemptAt: null, lockedUntil: null },
    });
    if (count === 0) notFound();
    await addJob(tx, TASK.webhookDelivery, { deliveryId, redeliver: true });
  });
}
