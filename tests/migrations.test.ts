// Migrations ⇄ schema.prisma, through the WASM schema engine (scripts/lib/schema-engine.ts,
// docs/decisions/0002-migrations-without-native-engine.md). Needs DATABASE_URL pointing at a
// PostgreSQL server where it may create and drop databases (all named mig_scratch_*).
import { createHash, randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "vitest";
import { dropDatabase, withDatabase } from "../scripts/lib/database.ts";
import {
  applyMigrations,
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  diffMigrationsAgainstSchema,
  engineVersion,
} from "../scripts/lib/schema-engine.ts";

const DATABASE_URL = process.env.DATABASE_URL;
const skip = !DATABASE_URL;
if (skip) {
  console.warn(
    "tests/migrations.test.ts skipped: set DATABASE_URL to a PostgreSQL server where databases may be created " +
      "(e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres).",
  );
}
const TIMEOUT = 120_000;

const scratchDb = () => `mig_scratch_test_${randomBytes(5).toString("hex")}`;

async function migrationFolders(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/** A throwaway copy of prisma/schema.prisma and prisma/migrations. */
async function copyOfPrismaDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "mig-test-"));
  const schemaPath = path.join(dir, "schema.prisma");
  const migrationsDir = path.join(dir, "migrations");
  await cp(DEFAULT_SCHEMA_PATH, schemaPath);
  await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  return { dir, schemaPath, migrationsDir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// Hand-written SQL Prisma does not model: it must neither show up as drift nor be dropped.
const HAND_WRITTEN_SQL = `-- Hand-written: not modelled by Prisma.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION trim_idea_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.title := trim(NEW.title); -- a semicolon inside a function body
  RETURN NEW;
END
$$;
CREATE TRIGGER ideas_trim_title BEFORE INSERT OR UPDATE ON "ideas"
  FOR EACH ROW EXECUTE FUNCTION trim_idea_title();
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_title_not_blank" CHECK (length(title) > 0);
`;

test("the WASM schema engine is the build of the installed @prisma/engines", async () => {
  // Pinned together (docs/decisions/0002): @prisma/engines-version is `<version>-<n>.<engine commit>`.
  const require = createRequire(import.meta.url);
  const { enginesVersion } = require("@prisma/engines-version") as { enginesVersion: string };
  const wasmDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const wasmPackage = JSON.parse(await readFile(path.join(wasmDir, "package.json"), "utf8")) as { version: string };
  expect(wasmPackage.version.endsWith(`.${enginesVersion}`)).toBe(true);
  expect(await engineVersion()).toBe(enginesVersion);
});

test.skipIf(skip)(
  "migrations applied to an empty database reproduce schema.prisma exactly (no drift)",
  async () => {
    const drift = await diffMigrationsAgainstSchema(DATABASE_URL!);
    expect(drift, "prisma/migrations is behind prisma/schema.prisma: run `npm run db:migration -- <name>`").toBe("");
  },
  TIMEOUT,
);

test.skipIf(skip)(
  "applyMigrations is idempotent and records every migration in _prisma_migrations like migrate deploy",
  async () => {
    const url = withDatabase(DATABASE_URL!, scratchDb());
    try {
      const folders = await migrationFolders(DEFAULT_MIGRATIONS_DIR);
      expect(folders.length).toBeGreaterThan(0);

      expect((await applyMigrations(url)).applied).toEqual(folders); // creates the database too
      expect((await applyMigrations(url)).applied).toEqual([]);
      // And the job queue's own schema (docs/decisions/0027), outside Prisma's `public`: add_job() works.
      const [queue] = await query<{ add_job: number }>(
        url,
        "select count(graphile_worker.add_job('noop'))::int as add_job",
      );
      expect(queue?.add_job).toBe(1);

      const rows = await query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        rolled_back_at: Date | null;
        applied_steps_count: number;
      }>(
        url,
        `select migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
           from _prisma_migrations order by migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(folders);
      for (const row of rows) {
        const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      await dropDatabase(DATABASE_URL!, new URL(url).pathname.slice(1));
    }
  },
  TIMEOUT,
);

test.skipIf(skip)(
  "a schema change produces a migration; hand-written triggers/functions/extensions are not drift",
  async () => {
    const { schemaPath, migrationsDir, cleanup } = await copyOfPrismaDir();
    const options = { schemaPath, migrationsDir, databaseUrl: DATABASE_URL! };
    try {
      await mkdir(path.join(migrationsDir, "29990101000000_hand_written"));
      await writeFile(path.join(migrationsDir, "29990101000000_hand_written/migration.sql"), HAND_WRITTEN_SQL);
      expect(await diffMigrationsAgainstSchema(DATABASE_URL!, options)).toBe("");
      expect(await createMigration("nothing_to_do", options)).toEqual({ directory: null });

      const schema = await readFile(schemaPath, "utf8");
      const changed = schema.replace(/^(model Session \{\n)/m, "$1  country    String?  @db.Char(2)\n");
      expect(changed).not.toBe(schema);
      await writeFile(schemaPath, changed);

      const before = await migrationFolders(migrationsDir);
      const { directory } = await createMigration("add-session-country", {
        ...options,
        timestamp: new Date("2999-12-31T23:59:59Z"),
      });
      expect(directory).toBe(path.join(migrationsDir, "29991231235959_add_session_country"));
      expect(await migrationFolders(migrationsDir)).toEqual([...before, "29991231235959_add_session_country"]);
      const sql = await readFile(path.join(directory!, "migration.sql"), "utf8");
      expect(sql).toMatch(/ALTER TABLE "sessions" ADD COLUMN\s+"country" CHAR\(2\);/);
      expect(sql).not.toMatch(/DROP|trim_idea_title|ideas_trim_title|pg_trgm|ideas_title_not_blank/i);

      // The new migration closes the gap, and all of them apply in order.
      expect(await diffMigrationsAgainstSchema(DATABASE_URL!, options)).toBe("");
    } finally {
      await cleanup();
    }
  },
  TIMEOUT,
);

test.skipIf(skip)(
  "applyMigrations refuses an edited applied migration and reports a failing one",
  async () => {
    const { migrationsDir, cleanup } = await copyOfPrismaDir();
    const url = withDatabase(DATABASE_URL!, scratchDb());
    try {
      const [first] = await migrationFolders(migrationsDir);
      await applyMigrations(url, { migrationsDir });

      const file = path.join(migrationsDir, first!, "migration.sql");
      const original = await readFile(file, "utf8");
      await appendFile(file, "\n-- edited after being applied\n");
      await expect(applyMigrations(url, { migrationsDir })).rejects.toThrow(/checksum mismatch.*_init/);
      await writeFile(file, original);

      await mkdir(path.join(migrationsDir, "29990101000000_broken"));
      await writeFile(
        path.join(migrationsDir, "29990101000000_broken/migration.sql"),
        'ALTER TABLE "ideas" ADD COLUMN "x" INTEGER;\nSELECT * FROM "no_such_table";\n',
      );
      await expect(applyMigrations(url, { migrationsDir })).rejects.toThrow(
        /29990101000000_broken[\s\S]*no_such_table/,
      );
      // The script ran as one implicit transaction: its first statement was rolled back too.
      expect(
        await query(url, `select 1 from information_schema.columns where table_name = 'ideas' and column_name = 'x'`),
      ).toHaveLength(0);
      await expect(applyMigrations(url, { migrationsDir })).rejects.toThrow(/failed.*29990101000000_broken/);
    } finally {
      await dropDatabase(DATABASE_URL!, new URL(url).pathname.slice(1));
      await cleanup();
    }
  },
  TIMEOUT,
);
