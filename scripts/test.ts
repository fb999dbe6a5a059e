// `npm test`: the whole suite against a real PostgreSQL.
// DATABASE_URL (any database on the server; used as the admin connection) when set, otherwise a
// throwaway embedded PostgreSQL. Migrations are applied once to a template database that every
// test file clones. The app is built first because the browser and HTTP tests serve the real build.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./lib/build.ts";
import {
  dropDatabase,
  ensureDatabaseExists,
  makeTempDir,
  startEmbeddedPostgres,
  withDatabase,
  type RunningDatabase,
} from "./lib/database.ts";
import { applyMigrations } from "./lib/schema-engine.ts";

const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
const vitestArgs = args.filter((a) => a !== "--no-build");

let server: RunningDatabase;
let tmp: string | undefined;
if (process.env.DATABASE_URL) {
  server = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  console.log("Tests use the PostgreSQL server of DATABASE_URL.");
} else {
  tmp = makeTempDir("idees-test-pg-");
  server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), persistent: false });
  console.log("No DATABASE_URL: tests use a throwaway embedded PostgreSQL.");
}

const template = `idees_test_template_${process.pid}`;
let exitCode = 1;
try {
  await dropDatabase(server.url, template);
  await ensureDatabaseExists(server.url, template);
  await applyMigrations(withDatabase(server.url, template));

  if (!skipBuild) buildIfNeeded();

  const report = path.join(tmp ?? os.tmpdir(), `idees-vitest-${process.pid}.json`);
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      "npx",
      ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...vitestArgs],
      {
        stdio: "inherit",
        env: { ...process.env, TEST_ADMIN_URL: server.url, TEST_TEMPLATE_DB: template, DATABASE_URL: "" },
      },
    );
    child.on("exit", (code) => resolve(code ?? 1));
  });
  try {
    const summary = JSON.parse(readFileSync(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    console.log(
      `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`,
    );
    rmSync(report, { force: true });
  } catch {
    // vitest printed its own error
  }
} catch (error) {
  console.error(error);
} finally {
  await dropDatabase(server.url, template).catch(() => {});
  await server.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
