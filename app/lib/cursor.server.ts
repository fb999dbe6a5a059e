// Keyset cursors of the paginated lists (a space's ideas, a challenge's, the audit journal): opaque to
// the client (base64url JSON), and checked with a zod schema on the way in. A cursor is something the
// client hands back, so it may be forged: whatever does not fit its schema — a fraction where the
// column is an integer, a count beyond PostgreSQL's int4, a date in year −271821, a NUL byte in an id —
// is treated as absent (the first page), never passed to a query.
import { z } from "zod";

/** Longer than any cursor we issue. */
const MAX_CURSOR_LENGTH = 200;

export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(raw: string | null, schema: z.ZodType<T>): T | null {
  if (!raw || raw.length > MAX_CURSOR_LENGTH) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A row's created_at as we encode it (toISOString), within years PostgreSQL and people use. */
export const cursorTime = () =>
  z.iso
    .datetime()
    .refine((s) => {
      const year = new Date(s).getUTCFullYear();
      return year >= 1970 && year <= 9999;
    })
    .transform((s) => new Date(s));

/** A stored count (an int4 column): an integer from 0 to 2³¹ − 1. */
export const cursorCount = () => z.number().int().min(0).max(2_147_483_647);
