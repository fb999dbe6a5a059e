// THE entry point for realtime events (docs/decisions/0005-realtime.md). Models call publish() once
// their write has committed — after the awaited single statement or `prisma.$transaction` returned —
// never inside a transaction: a write that rolls back must never show up live. For a transaction with
// several steps, transactionWithEvents() queues the events and publishes them only after COMMIT.
//
// These two are the only ways to send one. publish() hands the event to the realtime server of this
// process (app/realtime/server.ts, plugged in with setEventSink), which coalesces counts, reads exact
// values and the database clock, and emits to the rooms. Without a realtime server (scripts, seeds,
// model tests) events are dropped: there is nobody to tell.
import { prisma, type Tx } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { TASK } from "~/lib/job-queue.server.ts";
import type { WebhookEvent } from "~/models/webhook.ts";
import type { DomainEvent } from "./events.ts";

export type EventSink = { accept: (event: DomainEvent) => void };

// One per module graph: server.ts starts the app from the build (app/services.server.ts), so the
// routes, the models and the realtime server share this module and this variable.
let sink: EventSink | undefined;

/** Once the write committed: tells the rooms concerned. */
export function publish(event: DomainEvent): void {
  sink?.accept(event);
}

/**
 * Not a way to send: where publish() delivers. The realtime server plugs its emitter in when it starts;
 * tests plug in a recorder, or the running app's publish (tests/support/app.ts). Returns the unplug,
 * which puts back the previous receiver (if this one is still plugged in).
 */
export function setEventSink(next: EventSink | undefined): () => void {
  const previous = sink;
  sink = next;
  return () => {
    if (sink === next) sink = previous;
  };
}

export type EventQueue = { publish: (event: DomainEvent) => void };

/** Collects events now, publishes them when told that the work they describe committed. */
function afterCommit(): EventQueue & { committed: () => void } {
  const events: DomainEvent[] = [];
  return {
    publish: (event) => void events.push(event),
    committed: () => {
      for (const event of events.splice(0)) publish(event);
    },
  };
}

/**
 * A Prisma interactive transaction whose events are published only if it commits:
 *   await transactionWithEvents(async (tx, events) => {
 *     await tx.idea.update(...);
 *     events.publish({ type: "idea:stage", ideaId, spaceId, stage });
 *   });
 * If `work` throws (or COMMIT fails), the transaction rolls back and the queued events are discarded.
 */
export async function transactionWithEvents<T>(
  work: (tx: Tx, events: EventQueue) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  const queue = afterCommit();
  const result = await prisma.$transaction((tx) => work(tx, queue), options);
  queue.committed();
  return result;
}

/**
 * The durable half (docs/decisions/0027-job-queue-and-webhooks.md): inside the transaction of the write
 * it describes, records a domain event for the webhooks — a "webhook:fanout" job of the queue, added
 * only when an enabled endpoint subscribes to it (in its space, or everywhere). It commits with the
 * write or not at all, and is sent after commit by whichever process runs the job; a process killed
 * after COMMIT loses nothing. Ids and codes only: payloads are built at delivery time, through the
 * policy, with the endpoint's owner as the viewer.
 */
export async function recordDomainEvent(tx: Tx, event: WebhookEvent): Promise<void> {
  const job = { ...event, eventId: newId(), occurredAt: new Date().toISOString() };
  await tx.$queryRaw`
    select graphile_worker.add_job(${TASK.webhookFanOut}, ${JSON.stringify(job)}::json)
     where exists (select 1 from webhook_endpoints e
                    where e.disabled_at is null and ${event.type} = any(e.events)
                      and (e.space_id is null or e.space_id = ${event.spaceId}))`;
}
