import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Runs the production build when build/ is missing or older than the sources. */
export function buildIfNeeded(): void {
  const marker = "build/server/index.js";
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const sources = Math.max(
    newestMtime("app"),
    newestMtime("vite.config.ts"),
    newestMtime("scripts/lib/precompile-messages.ts"),
    newestMtime("prisma/schema.prisma"),
    newestMtime("package-lock.json"),
    // The patched packages (patch-package) are bundled too: a changed patch means a changed bundle.
    newestMtime("patches"),
  );
  if (built >= sources) return;
  console.log("Building the app (vite build)…");
  const result = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["remix", "vite:build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("Build failed.");
}
