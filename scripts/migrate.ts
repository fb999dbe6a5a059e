// `npm run db:migrate`: applies pending migrations (prisma/migrations) like `prisma migrate deploy`,
// through the WASM schema engine (docs/decisions/0002-migrations-without-native-engine.md).
// Target: DATABASE_URL, else the app's embedded PostgreSQL (.data/postgres, database "idees").
import { resolveDatabase } from "./lib/database.ts";
import { applyMigrations } from "./lib/schema-engine.ts";

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

const db = await resolveDatabase({ dataDir: ".data/postgres", database: "idees" });
try {
  console.log(`Migrating ${db.embedded ? "the embedded database" : redact(db.url)}…`);
  const { applied } = await applyMigrations(db.url);
  if (applied.length === 0) console.log("No pending migrations: the database is up to date.");
  else for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.stop();
}
