// Webhook deliveries are purged (docs/decisions/0036): the nightly crontab task deletes the deliveries
// that finished — delivered or given up — more than WEBHOOK_DELIVERY_RETENTION_DAYS ago, with their
// attempt log; a delivery still waiting for a retry is kept whatever its age, and so is a recent one.
import { expect, test } from "vitest";
import { CRON_TASKS, crontab } from "~/jobs/crontab.server.ts";
import { purgeOldWebhookDeliveries } from "~/jobs/webhooks.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { newId } from "~/lib/id.ts";
import { makeUser } from "./factories.ts";

const DAY = 86_400_000;

test("finished deliveries older than the retention are purged with their attempts; pending and recent ones stay", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const now = new Date("2027-03-01T04:00:00Z");
  const endpointId = newId();
  await prisma.webhookEndpoint.create({
    data: {
      id: endpointId,
      ownerId: admin.id,
      url: "https://example.org/hook",
      events: ["idea.created"],
      secret: "whsec_x",
    },
    select: { id: true },
  });
  const delivery = async (name: string, ageDays: number, state: "delivered" | "failed" | "pending") => {
    const createdAt = new Date(now.getTime() - ageDays * DAY);
    const id = `msg_${name}_${newId()}`;
    await prisma.webhookDelivery.create({
      data: {
        id,
        endpointId,
        eventId: newId(),
        eventType: "idea.created",
        occurredAt: createdAt,
        createdAt,
        attempts: 1,
        ...(state === "delivered" ? { deliveredAt: createdAt } : {}),
        ...(state === "failed" ? { failedAt: createdAt } : {}),
        ...(state === "pending" ? { nextAttemptAt: now } : {}),
        attemptLog: { create: { statusCode: state === "delivered" ? 204 : 500, durationMs: 10 } },
      },
      select: { id: true },
    });
    return id;
  };
  const oldDelivered = await delivery("old-delivered", 31, "delivered");
  const oldFailed = await delivery("old-failed", 45, "failed");
  const oldPending = await delivery("old-pending", 60, "pending");
  const recent = await delivery("recent", 29, "delivered");

  expect(env().WEBHOOK_DELIVERY_RETENTION_DAYS).toBe(30);
  expect(await purgeOldWebhookDeliveries({ now })).toBe(2);
  const left = await prisma.webhookDelivery.findMany({ where: { endpointId }, select: { id: true } });
  expect(left.map((d) => d.id).sort()).toEqual([oldPending, recent].sort());
  expect(await prisma.webhookAttempt.count({ where: { deliveryId: { in: [oldDelivered, oldFailed] } } })).toBe(0);
  expect(await prisma.webhookAttempt.count({ where: { deliveryId: { in: [oldPending, recent] } } })).toBe(2);
  // A shorter retention reaches the recent one; running again finds nothing more.
  expect(await purgeOldWebhookDeliveries({ now, days: 7 })).toBe(1);
  expect(await purgeOldWebhookDeliveries({ now, days: 7 })).toBe(0);
  expect(await prisma.webhookDelivery.count({ where: { endpointId } })).toBe(1);
});

test("the purge is a nightly crontab task", () => {
  expect(CRON_TASKS.map((c) => c.task)).toContain("purge:webhook-deliveries");
  expect(crontab()).toMatch(/^41 3 \* \* \* purge:webhook-deliveries$/m);
});
