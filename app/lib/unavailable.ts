// Which failures mean "the database (or the network to it) is not there right now", as opposed to a
// bug or a refused write: they become a 503 with Retry-After (docs/decisions/0022-failure-model.md).
// Pure: the edge (app/lib/http.server.ts), the health checks and the tests use it.

/** SQLSTATEs of a connection that failed, was cut by an administrator, or of a server not accepting work. */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown (pg_ctl stop/restart -m fast, pg_terminate_backend)
  "57P02", // crash_shutdown (-m immediate)
  "57P03", // cannot_connect_now (starting up, shutting down, in recovery)
  "57014", // query_canceled (statement_timeout)
  "53300", // too_many_connections
  "25P03", // idle_in_transaction_session_timeout
]);
/** Socket errors of the driver. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** Prisma's codes: can't reach, timed out, operations timed out, server closed the connection, pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Prisma driver adapter kinds (@prisma/adapter-pg's error conversion). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** node-postgres errors without a code. */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|encountered a connection error and is not queryable|Query read timeout|terminating connection|database system is (starting up|shutting down|in recovery)|Client was closed and is not queryable|Cannot use a pool after calling end/i;

type Shape = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  originalCode?: unknown;
};

/** Whether `error` (or what caused it) says the database could not be reached or cut the connection. */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const e = error as Shape;
  if (typeof e.code === "string") {
    if (UNAVAILABLE_SQLSTATES.has(e.code) || e.code.startsWith("08")) return true;
    if (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code)) return true;
  }
  if (typeof e.originalCode === "string" && UNAVAILABLE_SQLSTATES.has(e.originalCode)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return isUnavailableError(e.cause, depth + 1) || isUnavailableError(e.meta?.driverAdapterError, depth + 1);
}
