// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
// SQL that takes the existing migrations to prisma/schema.prisma (like `prisma migrate dev
// --create-only`), through the WASM schema engine. Review the SQL before committing it.
// Scratch databases go to DATABASE_URL's server if set, else to a throwaway embedded PostgreSQL.
import path from "node:path";
import { createMigration, MIGRATION_NAME_PATTERN } from "./lib/schema-engine.ts";

const name = process.argv[2];
if (!name || process.argv.length > 3 || !MIGRATION_NAME_PATTERN.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (letters, digits, _ and -; e.g. add_idea_tags)");
  process.exit(2);
}

try {
  const { directory } = await createMigration(name);
  if (directory) console.log(`Created ${path.relative(process.cwd(), path.join(directory, "migration.sql"))}`);
  else console.log("No changes: the migrations already match prisma/schema.prisma.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
