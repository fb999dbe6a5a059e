// Chooses the storage of attachments' bytes from the environment (the interface: app/lib/file-storage.ts).
import { env } from "./env.server.ts";
import type { FileStorage } from "./file-storage.ts";
import { LocalStorage } from "./storage-local.server.ts";
import { S3Storage } from "./storage-s3.server.ts";

let chosen: FileStorage | undefined;

/** The storage in force for this process, from the environment. */
export function fileStorage(): FileStorage {
  if (chosen) return chosen;
  const e = env();
  chosen =
    e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? new S3Storage({
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          region: e.S3_REGION,
        })
      : new LocalStorage(e.UPLOADS_DIR);
  return chosen;
}
