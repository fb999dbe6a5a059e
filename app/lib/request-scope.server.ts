// One scope per HTTP request (server.ts opens it around the Remix handler): what a request computes
// once and shares between its loaders — Remix hands each loader its own copy of the Request, so a
// WeakMap keyed by the Request cannot — and the number of database statements the request ran
// (counted by app/lib/db.server.ts; tests/statements.test.ts asserts them per request type).
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestScope = {
  /** A GET or HEAD: nothing changes while it runs, so facts read once may be reused by all its loaders. */
  readOnly: boolean;
  /** Database statements run on behalf of this request (BEGIN/COMMIT included: each is a round trip). */
  statements: number;
  /** Values computed once per request, by key (e.g. the session of a cookie). */
  memo: Map<string, unknown>;
};

const storage = new AsyncLocalStorage<RequestScope>();

export const newRequestScope = (method: string): RequestScope => ({
  readOnly: method === "GET" || method === "HEAD",
  statements: 0,
  memo: new Map(),
});

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request's scope; undefined outside a request (jobs, scripts, tests calling models). */
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();

/** The value under `key` for this request, computed by `compute` the first time; uncached outside a request. */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (scope.memo.has(key)) return scope.memo.get(key) as T;
  const value = compute();
  scope.memo.set(key, value);
  return value;
}

/**
 * Like oncePerRequest, for facts an action may change (an idea's stage, its hidden state): shared only
 * within a read-only request, where the root loader, the route's loader and its models all ask the same
 * question; computed afresh in an action.
 */
export function oncePerReadRequest<T>(key: string, compute: () => T): T {
  return storage.getStore()?.readOnly ? oncePerRequest(key, compute) : compute();
}

/** Forgets a per-request value (e.g. the session, once signed out). */
export function forgetForRequest(key: string): void {
  storage.getStore()?.memo.delete(key);
}

/** Called by the pool for each statement sent. */
export function countStatement(): void {
  const scope = storage.getStore();
  if (scope) scope.statements++;
}
