// A PostgreSQL cluster of one test file's own, that the test may stop and start again (outage tests):
// an embedded cluster (scripts/lib/database.ts) on a fixed port, migrated, whose data survives a stop.
// The test file points its own models at it by setting DATABASE_URL before importing them:
//   const db = await startPrivateDatabase();
//   process.env.DATABASE_URL = db.url;
//   const { makeUser } = await import("./factories.ts");
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort, makeTempDir, startEmbeddedPostgres, type RunningDatabase } from "../../scripts/lib/database.ts";
import { applyMigrations } from "../../scripts/lib/schema-engine.ts";

export type PrivateDatabase = {
  url: string;
  /** Fast shutdown: open sessions end, the data stays. */
  stop: () => Promise<void>;
  /** Starts it again on the same port, with the same data. */
  start: () => Promise<void>;
  /** Stops it and deletes its folder. */
  close: () => Promise<void>;
};

export async function startPrivateDatabase(): Promise<PrivateDatabase> {
  const folder = makeTempDir("idees-outage-pg-");
  const dataDir = path.join(folder, "data");
  const port = await freePort();
  let running: RunningDatabase | null = await startEmbeddedPostgres({ dataDir, port });
  if (running.url !== `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`)
    throw new Error(`The private cluster did not get port ${port}`);
  await applyMigrations(running.url);
  const url = running.url;
  return {
    url,
    stop: async () => {
      await running?.stop();
      running = null;
    },
    start: async () => {
      if (running) return;
      running = await startEmbeddedPostgres({ dataDir, port });
      if (running.url !== url) throw new Error(`The private cluster came back on another port: ${running.url}`);
    },
    close: async () => {
      await running?.stop();
      running = null;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
