// `npm start`: the one command that runs Idées on a fresh machine.
// Builds if needed, starts the database (DATABASE_URL, or an embedded PostgreSQL in .data/),
// applies migrations, seeds demo data into an empty database, then serves app + socket.io on PORT.
import { buildIfNeeded } from "./lib/build.ts";
import { DatabaseSetupError, resolveDatabase } from "./lib/database.ts";

const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";

if (!dev) buildIfNeeded();

console.log(
  process.env.DATABASE_URL
    ? "Using DATABASE_URL."
    : "No DATABASE_URL: starting the embedded PostgreSQL (.data/postgres)…",
);
const db = await resolveDatabase({ dataDir: ".data/postgres", database: "idees", port: 54329 }).catch(
  (error: unknown) => {
    // A known set-up problem is one line that says what to do, not a stack trace.
    if (!(error instanceof DatabaseSetupError)) throw error;
    console.error(error.message);
    process.exit(1);
  },
);
process.env.DATABASE_URL = db.url;

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping…");
  try {
    await server?.close();
  } catch (error) {
    console.error(error);
  }
  await closeSso?.().catch((error: unknown) => console.error(error));
  await db.stop().catch((error: unknown) => console.error(error));
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

let server: { url: string; close: () => Promise<void> } | undefined;
let closeSso: (() => Promise<void>) | undefined;
try {
  const { applyMigrations } = await import("./lib/schema-engine.ts");
  const { applied } = await applyMigrations(db.url);
  if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);

  const { isDatabaseEmpty, seedDemo, hasDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } =
    await import("./lib/demo-data.ts");
  const seeded = await isDatabaseEmpty();
  if (seeded) await seedDemo();
  // The demo's own OpenID provider, unless one is configured (docs/decisions/0023-openid-connect.md).
  const { demoSsoSkipReason, startDemoSso, DEMO_SSO_IDENTITIES } = await import("./lib/demo-sso.ts");
  const ssoSkipped = demoSsoSkipReason(process.env, await hasDemoAccounts());
  const sso = ssoSkipped ? null : await startDemoSso(process.env);
  closeSso = sso ? () => sso.provider.close() : undefined;
  // The seed ran on this script's copy of the models; the app runs its own, from the build.
  const { disconnectDatabase } = await import("~/lib/db.server.ts");
  await disconnectDatabase();

  const { startAppServer, surviveAbandonedQueries } = await import("../server.ts");
  surviveAbandonedQueries();
  server = await startAppServer({ dev });
  sso?.register(server.url);
  console.log(`\nIdées is running: ${server.url}`);
  console.log(seeded ? "Demo data created." : "Existing data kept.");
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(9)} ${account.email}`);
  if (sso) {
    console.log(`Demo single sign-on (${sso.provider.issuer}; DEMO_SSO=0 turns it off), on the sign-in page:`);
    for (const identity of DEMO_SSO_IDENTITIES)
      console.log(
        `  ${identity.kind === "staff" ? "staff " : "public"}    ${identity.label} <${String(identity.claims.email)}>`,
      );
  } else {
    console.log(`Demo single sign-on off: ${ssoSkipped}.`);
  }
  console.log("Press Ctrl+C to stop.");
} catch (error) {
  console.error(error);
  await stop(1);
}
