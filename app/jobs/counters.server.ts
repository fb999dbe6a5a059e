// Folds the vote and comment counter deltas into the idea rows (docs/decisions/0003-vote-counts.md).
import { foldCounterDeltas } from "~/models/counters.server.ts";
import { runPeriodically } from "./periodic.server.ts";

/** Runs the fold every `intervalMs` until stopped; overlapping runs are skipped. */
export function startCounterFolding(intervalMs = 1000): () => Promise<void> {
  return runPeriodically("counters fold", intervalMs, () => foldCounterDeltas());
}
