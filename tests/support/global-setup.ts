// Vitest globalSetup: runs once per `vitest` invocation (npm test, `npx vitest run FILE`, watch mode,
// an editor's test runner). It provides a PostgreSQL server — the one of DATABASE_URL when set (CI uses
// the machine's), otherwise a throwaway embedded cluster — migrates a template database once, builds the
// app when the sources are newer than the build (HTTP and browser tests serve the production build), and
// hands the server and template to the test files through `provide`. tests/support/setup.ts then gives
// every test file its own copy of the template. See docs/decisions/0010-test-harness.md.
import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/lib/build.ts";
import {
  dropDatabase,
  ensureDatabaseExists,
  makeTempDir,
  startEmbeddedPostgres,
  withDatabase,
  type RunningDatabase,
} from "../../scripts/lib/database.ts";
import { applyMigrations } from "../../scripts/lib/schema-engine.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL server's admin URL and the migrated template database every test file clones. */
    testDatabase: { adminUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  let server: RunningDatabase;
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    server = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    tmp = makeTempDir("idees-test-pg-");
    server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), persistent: false });
  }
  const template = `idees_test_template_${process.pid}`;
  try {
    await dropDatabase(server.url, template);
    await ensureDatabaseExists(server.url, template);
    await applyMigrations(withDatabase(server.url, template));
    // IDEES_TEST_BUILD=0 skips it (e.g. a unit test in watch mode while the build is being changed).
    if (process.env.IDEES_TEST_BUILD !== "0") buildIfNeeded();
  } catch (error) {
    await server.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  project.provide("testDatabase", { adminUrl: server.url, template });

  return async () => {
    await dropDatabase(server.url, template).catch(() => {});
    await server.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
