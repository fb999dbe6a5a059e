/**
 * Runs `job` every `intervalMs` in this process, never two at once (a run still going when the next
 * is due skips that turn); a failure is logged under `name` and the next turn runs as usual. The timer
 * does not keep the process alive. The returned function stops it and waits for a run in progress.
 */
export function runPeriodically(name: string, intervalMs: number, job: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = job()
      .catch((error: unknown) => console.warn(`[${name}] failed:`, (error as Error).message))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
