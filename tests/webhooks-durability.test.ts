// Nothing is lost when an app process is killed mid-delivery (docs/decisions/0027-job-queue-and-
// webhooks.md): a real app process (`node --import tsx server.ts`) takes the delivery job and posts to
// a receiver that holds the request without answering; the process is killed with SIGKILL; a restarted
// process finds the job of the dead one (its "idees-jobs:<pool>" session is gone), takes it once the
// dead process's lease expired, and delivers the same message (same webhook-id), signed.
import { Webhook } from "standardwebhooks";
import { afterAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "./support/app-process.ts";
import { startWebhookReceiver } from "./support/webhook-receiver.ts";

const started: AppProcess[] = [];
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterAll(async () => {
  await Promise.all(started.map(stopAppProcess));
  await receiver?.close();
});

const ENV = { WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_TIMEOUT_MS: "3000" };

test("a process killed with SIGKILL mid-delivery loses nothing: a restarted process delivers the same message", async () => {
  receiver = await startWebhookReceiver();
  const admin = await makeUser({ role: "ADMIN" });
  const secret = `whsec_${Buffer.from(newId() + newId()).toString("base64")}`;
  await prisma.webhookEndpoint.create({
    data: { id: newId(), ownerId: admin.id, url: receiver.url("/durable"), events: ["idea.stage_changed"], secret },
    select: { id: true },
  });
  const a = await startAppProcess(ENV);
  started.push(a);
  receiver.holdNext(1); // the first request never gets an answer
  const idea = await makeIdea({ author: await makeUser(), space: SPACES.public, title: "Une idée qui survit" });
  await moveIdeaToStage({ user: admin, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
  await expect.poll(() => receiver!.at("/durable").length, { timeout: 30_000, interval: 50 }).toBe(1);

  // Mid-delivery: A is waiting for the receiver's answer.
  const exited = new Promise((resolve) => a.process.once("exit", resolve));
  a.process.kill("SIGKILL");
  await exited;
  const delivery = await prisma.webhookDelivery.findFirstOrThrow({
    where: { endpoint: { url: receiver.url("/durable") } },
    select: { id: true, deliveredAt: true },
  });
  expect(delivery.deliveredAt).toBeNull();

  const b = await startAppProcess(ENV);
  started.push(b);
  await expect.poll(() => receiver!.at("/durable").length, { timeout: 60_000, interval: 200 }).toBe(2);
  const [first, second] = receiver.at("/durable");
  expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
  expect(second!.headers["webhook-id"]).toBe(delivery.id);
  const headers = Object.fromEntries(
    ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(second!.headers[h])]),
  );
  expect(new Webhook(secret).verify(second!.body, headers)).toMatchObject({
    type: "idea.stage_changed",
    data: { idea: { id: idea.id, title: "Une idée qui survit" } },
  });
  await expect
    .poll(
      async () =>
        (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { deliveredAt: true } }))
          .deliveredAt,
      { timeout: 10_000, interval: 100 },
    )
    .not.toBeNull();
  expect(b.output.join("")).toContain("unlocked the jobs of stopped worker");
}, 120_000);
