// `npm run screenshots`: the README's pictures, taken from the real app with the demo data.
// A throw-away embedded PostgreSQL (its own temporary folder and port, so no database of yours is
// touched), migrated and seeded like `npm start` does; the production build served on 127.0.0.1;
// Debian's Chromium (CHROMIUM_PATH to use another). Writes docs/screenshots/*.png:
//   home-phone.png and idea-phone.png at 390×844, indicators.png at 1280×900 signed in as the manager.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { buildIfNeeded } from "./lib/build.ts";
import { launchChromium } from "./lib/chromium.ts";
import { freePort, makeTempDir, startEmbeddedPostgres } from "./lib/database.ts";

const OUT = "docs/screenshots";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

process.env.NODE_ENV ??= "production";
buildIfNeeded();
const folder = makeTempDir("idees-screenshots-");
const db = await startEmbeddedPostgres({ dataDir: path.join(folder, "data"), port: await freePort() });
process.env.DATABASE_URL = db.url;
process.env.DEMO_SSO = "0";

try {
  const { applyMigrations } = await import("./lib/schema-engine.ts");
  await applyMigrations(db.url);
  const { seedDemo, DEMO_ACCOUNTS } = await import("./lib/demo-data.ts");
  await seedDemo();
  const { prisma } = await import("~/lib/db.server.ts");
  const { createSession } = await import("~/auth/session.server.ts");
  // The idea page shown: the public idea with the most supports (the demo's liveliest page).
  const idea = await prisma.idea.findFirstOrThrow({
    where: { space: { audience: "PUBLIC" }, hiddenAt: null, mergedIntoId: null },
    orderBy: [{ supportCount: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  const manager = await prisma.user.findUniqueOrThrow({
    where: { email: DEMO_ACCOUNTS.find((a) => a.role === "MANAGER")!.email },
    select: { id: true },
  });
  const { token } = await createSession(manager.id);

  const { startAppServer } = await import("../server.ts");
  const server = await startAppServer({ port: 0, host: "127.0.0.1", dev: false });
  const browser = await launchChromium();
  try {
    mkdirSync(OUT, { recursive: true });
    const shoot = async (options: { path: string; file: string; viewport: typeof PHONE; signedIn?: boolean }) => {
      const context = await browser.newContext({ locale: "fr-FR", viewport: options.viewport, baseURL: server.url });
      if (options.signedIn)
        await context.addCookies([
          { name: "idees_session", value: token, url: server.url, httpOnly: true, sameSite: "Lax" },
        ]);
      const page: Page = await context.newPage();
      await page.goto(options.path, { waitUntil: "networkidle" });
      await page.screenshot({ path: path.join(OUT, options.file) });
      await context.close();
      console.log(`${OUT}/${options.file}`);
    };
    await shoot({ path: "/", file: "home-phone.png", viewport: PHONE });
    await shoot({ path: `/idees/${idea.id}`, file: "idea-phone.png", viewport: PHONE });
    await shoot({ path: "/pilotage/indicateurs", file: "indicators.png", viewport: DESKTOP, signedIn: true });
  } finally {
    await browser.close();
    await server.close();
    await prisma.$disconnect().catch(() => {});
  }
} finally {
  await db.stop();
  rmSync(folder, { recursive: true, force: true });
}
process.exit(0);
