import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { env } from "./env.server.ts";
import { countStatement } from "./request-scope.server.ts";

// One pool and one Prisma client per module graph, hence per app process: server.ts runs the app's
// modules from the server build only (docs/decisions/0018-module-graph-and-jobs.md). The pool is
// shared: Prisma runs on it, and the few statements Prisma cannot express (counter folding, exact
// counts in one snapshot) use it directly.
// No globalThis: under `npm run dev`, Vite re-evaluates a module only when it or one of its imports is
// edited, so the pool survives edits to routes and models; editing this file or env.server.ts opens a
// new pool (the old one idles until the dev server restarts) — a development-only cost.
const config = env();
export const pool: pg.Pool = new pg.Pool(poolOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE));
guardPool(pool, "db");
countStatements(pool);

const statementNames = new Map<string, string>();

/**
 * A statement that each connection prepares once, under a name derived from its text: PostgreSQL parses,
 * analyses and plans an unnamed statement on every call, which was ~40 % of its work for a vote's three
 * short statements (docs/decisions/0048). For the hottest statements only, whose text is fixed in the code
 * (never built from input: each distinct text stays prepared on every connection for its lifetime).
 * PostgreSQL re-plans a prepared statement by itself after a schema change or new statistics.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `idees_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/**
 * Each statement a pooled connection sends is counted in the current request's scope (Prisma's
 * included: it runs on this pool), so a request's statement count can be asserted by the tests and
 * reported (server.ts `onRequestFinished`). Outside a request nothing is counted.
 */
function countStatements(target: pg.Pool) {
  target.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      countStatement();
      return query(...args);
    };
  });
}

/**
 * The failure model's connection settings (docs/decisions/0022-failure-model.md): a connection (or a
 * free slot in the pool) is waited for DATABASE_CONNECT_TIMEOUT_MS at most; the server cancels a
 * statement after DATABASE_STATEMENT_TIMEOUT_MS and ends a transaction left idle after
 * DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS; the client gives up on an answer that never comes (a
 * server gone without closing the socket) a little after the statement timeout.
 */
export function poolOptions(connectionString: string, max: number, applicationName = "idees"): pg.PoolConfig {
  const c = env();
  return {
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: c.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: c.DATABASE_STATEMENT_TIMEOUT_MS,
    query_timeout: c.DATABASE_STATEMENT_TIMEOUT_MS + 5_000,
    idle_in_transaction_session_timeout: c.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAlive: true,
  };
}

/**
 * No connection error may end the process: pg emits "error" on a client whose connection dies, and an
 * "error" event without a listener throws. The pool listens on its idle clients; a checked-out client
 * gets a listener of its own here (its holder sees the failure as the error of its query, and the pool
 * drops the client when it comes back broken). The pool reconnects on the next checkout.
 */
export function guardPool(target: pg.Pool, name: string) {
  target.on("error", (error) => console.warn(`[${name}] idle connection lost:`, error.message));
  target.on("connect", (client) => client.on("error", () => {}));
}

/** Whether the database answers now (readiness, docs/decisions/0022-failure-model.md). */
export async function databaseReachable(): Promise<boolean> {
  try {
    await pool.query("select 1");
    return true;
  } catch {
    return false;
  }
}
export const prisma: PrismaClient = new PrismaClient({ adapter: new PrismaPg(pool) });

let disconnected = false;
export async function disconnectDatabase() {
  if (disconnected) return;
  disconnected = true;
  await prisma.$disconnect();
  await pool.end().catch(() => {});
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient | Tx;

/** A unique constraint refused the write (the row it would duplicate exists, or a racing twin committed it). */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
