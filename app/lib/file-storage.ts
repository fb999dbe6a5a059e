// Where attachments' bytes live (docs/decisions/0030-attachments-and-editor.md): ONE interface, two
// implementations — a folder on local disk (UPLOADS_DIR, the default) and any S3-compatible object store
// (when S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set). Nothing here knows who
// may read a file: the only way to a stored key is an attachment row, and every download asks the policy.
import type { Readable } from "node:stream";

export type StoredObject = { key: string; modifiedAt: Date };

export interface FileStorage {
  /** Stores the file at `sourcePath` under `key` (replacing any object of that key). */
  put(key: string, sourcePath: string, contentType: string): Promise<void>;
  /** The object's bytes as a stream, or null when there is no such key. */
  get(key: string): Promise<Readable | null>;
  /** Deletes these keys; a missing key is not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every stored key (for the orphan sweep). */
  list(): AsyncIterable<StoredObject>;
}

/** Keys are ours (random ids under a one-letter folder): anything else is refused before any I/O. */
export const STORAGE_KEY = /^[a-z]\/[A-Za-z0-9_-]{8,64}$/;

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
}
