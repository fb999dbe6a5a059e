// The storage of attachments' bytes (app/lib/file-storage.ts): the same contract, run against both
// implementations — the local folder, and the S3 one against a real S3-compatible server running on
// this machine (s3rver, from npm: docs/decisions/0030-attachments-and-editor.md).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { FileStorage } from "~/lib/file-storage.ts";
import { LocalStorage } from "~/lib/storage-local.server.ts";
import { S3Storage } from "~/lib/storage-s3.server.ts";

let server: S3rver;
let s3: S3Storage;
const scratch = mkdtempSync(path.join(tmpdir(), "idees-storage-test-"));

beforeAll(async () => {
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: mkdtempSync(path.join(tmpdir(), "idees-s3rver-")),
    configureBuckets: [{ name: "idees-test", configs: [] }],
  });
  const { port } = await server.run();
  s3 = new S3Storage({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: "idees-test",
    // s3rver's fixed development credentials.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    region: "us-east-1",
  });
});
afterAll(async () => {
  s3?.close();
  await server?.close();
});

async function contract(storage: FileStorage) {
  const source = path.join(scratch, `source-${Math.random()}`);
  const bytes = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from("une pièce jointe")]);
  writeFileSync(source, bytes);
  const key = `a/k${Date.now()}abcdefgh`;
  const other = `t/k${Date.now()}ijklmnop`;
  expect(await storage.get(key)).toBeNull();
  await storage.put(key, source, "application/octet-stream");
  await storage.put(other, source, "image/webp");
  const read = await storage.get(key);
  expect(read).not.toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of read!) chunks.push(Buffer.from(chunk as Uint8Array));
  expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  const listed = [];
  for await (const object of storage.list()) listed.push(object);
  expect(listed.map((o) => o.key)).toEqual(expect.arrayContaining([key, other]));
  for (const o of listed) expect(o.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  await storage.delete([key, "a/never-stored-key"]);
  expect(await storage.get(key)).toBeNull();
  expect(await text((await storage.get(other))!)).toBe(readFileSync(source, "utf8"));
  // Keys are ours only: a path trick never reaches the disk or the bucket.
  await expect(storage.put("../../etc/passwd", source, "text/plain")).rejects.toThrow(/Not a storage key/);
  await expect(storage.get("a/../../x12345678")).rejects.toThrow(/Not a storage key/);
}

test("local storage: put, get, list, delete", async () => {
  await contract(new LocalStorage(mkdtempSync(path.join(tmpdir(), "idees-local-"))));
});

test("S3 storage against a real S3-compatible server: put, get, list, delete", async () => {
  await contract(s3);
});
