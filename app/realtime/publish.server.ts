// THE entry point for realtime events (docs/decisions/0005-realtime.md). Models call publish() once
// their write has committed — after the awaited single statement or `prisma.$transaction` returned —
// never inside a transaction: a write that rolls back must never show up live. For a transaction with
// several steps, transactionWithEvents() queues the events and publishes them only after COMMIT.
//
// publish() hands the event to the realtime server of this process (app/realtime/server.ts), which
// coalesces counts, reads exact values and the database clock, and emits to the rooms. Without a
// realtime server (scripts, seeds, model tests) events are dropped: there is nobody to tell.
import { prisma, type Tx } from "~/lib/db.server.ts";
import type { DomainEvent } from "./events.ts";

export type EventSink = { accept: (event: DomainEvent) => void };

declare global {
  // The app's routes run from the Remix build while server.ts imports this module from source: two
  // copies of the module, one sink, kept on globalThis (as db.server.ts does for the pool).
  var __ideesRealtimeSink: EventSink | undefined;
}

export function publish(event: DomainEvent): void {
  globalThis.__ideesRealtimeSink?.accept(event);
}

/** Called by the realtime server when it starts (with its sink) and stops (with undefined). */
export function setEventSink(sink: EventSink | undefined): void {
  globalThis.__ideesRealtimeSink = sink;
}

export type EventQueue = { publish: (event: DomainEvent) => void };

/** Collects events now, publishes them when told that the work they describe committed. */
export function afterCommit(): EventQueue & { committed: () => void } {
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
