// `npm run db:seed`: fills an empty database with demo data (refuses a non-empty one).
import { resolveDatabase } from "./lib/database.ts";

const db = await resolveDatabase({ dataDir: ".data/postgres", database: "idees" });
process.env.DATABASE_URL = db.url;
try {
  const { applyMigrations } = await import("./lib/schema-engine.ts");
  await applyMigrations(db.url);
  const { isDatabaseEmpty, seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("./lib/demo-data.ts");
  if (!(await isDatabaseEmpty())) {
    console.log("The database already has users: nothing seeded.");
  } else {
    await seedDemo();
    console.log(`Demo data created. Accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email}`);
  }
  const { disconnectDatabase } = await import("~/lib/db.server.ts");
  await disconnectDatabase();
} finally {
  await db.stop();
}
