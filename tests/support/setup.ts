// Per test file: a fresh database cloned from the migrated template that tests/support/global-setup.ts
// provides, and console.error turned into a failure.
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabaseExists, withDatabase } from "../../scripts/lib/database.ts";

const { adminUrl, template } = inject("testDatabase");
const database = `idees_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

{
  beforeAll(async () => {
    await ensureDatabaseExists(adminUrl, database, template);
  });
  process.env.DATABASE_URL = withDatabase(adminUrl, database);
  afterAll(async () => {
    // This process's own copy of the app's modules (factories, direct model calls) has its own pool;
    // the app started by tests/support/app.ts closes its pool itself.
    const { disconnectDatabase } = await import("~/lib/db.server.ts");
    await disconnectDatabase();
    await dropDatabase(adminUrl, database);
  });
}

// Attachments (docs/decisions/0030) are stored in a folder of this test file's own, never in the checkout.
process.env.UPLOADS_DIR ??= mkdtempSync(path.join(tmpdir(), "idees-uploads-"));

const errors: unknown[][] = [];
const originalError = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  originalError(...args);
};
afterEach(() => {
  if (errors.length) {
    const first = errors.map((a) => a.map(String).join(" ")).join("\n");
    errors.length = 0;
    throw new Error(`console.error was called during the test:\n${first}`);
  }
});
