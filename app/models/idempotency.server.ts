// Creating a row at most once per form key (docs/decisions/0020-form-bounds-and-idempotency.md).
import { isUniqueViolation } from "~/lib/db.server.ts";

/**
 * Stores a row under the form's idempotency key, or returns the row that key already stored when the
 * submission is the same (a double click, a retry after a lost answer). Racing twins both try the
 * insert: the unique (author, key) lets one through and the other answers with it. A key that comes
 * back with another content (a page restored from the browser's history) stores a new row without it.
 */
export async function createOnce<Stored extends { id: string }>(options: {
  key: string | null | undefined;
  /** The row the author already stored under this key. */
  find: (key: string) => Promise<Stored | null>;
  /** Whether that row is this very submission. */
  same: (stored: Stored) => boolean;
  store: (key: string | null) => Promise<{ id: string }>;
}): Promise<{ id: string }> {
  const { find, same, store } = options;
  const key = options.key ?? null;
  if (!key) return store(null);
  const earlier = await find(key);
  if (earlier) return same(earlier) ? { id: earlier.id } : store(null);
  try {
    return await store(key);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const twin = await find(key); // committed first
    return twin && same(twin) ? { id: twin.id } : store(null);
  }
}
