// server.ts runs the app's modules from the build only (docs/decisions/0018-module-graph-and-jobs.md):
// a module with state imported from source by server.ts would be a second copy of it, with its own
// pool, event sink or configuration, that the routes never see.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";

// Pure functions without state: a second copy of them changes nothing.
// static-files.server.ts reads the build directory once and holds no app state (ADR 0032); unavailable.ts
// classifies errors (ADR 0022); compression.server.ts configures the compression middleware (ADR 0062).
const PURE = new Set([
  "./app/lib/compression.server.ts",
  "./app/lib/csp.ts",
  "./app/lib/origin.server.ts",
  "./app/lib/static-files.server.ts",
  "./app/lib/unavailable.ts",
]);

test("server.ts imports from app/ only types and pure helpers; the rest comes from the build's entry", async () => {
  const source = await readFile("server.ts", "utf8");
  const runtime = [
    ...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"(\.\/app\/[^"]+)"/gm),
    ...source.matchAll(/\bimport\(\s*"(\.\/app\/[^"]+)"\s*\)(?!\.)/g),
  ].map((m) => m[1]!);
  // `typeof import("./app/…")` in a type position is erased: only value imports count.
  const values = runtime.filter((specifier) => !source.includes(`typeof import("${specifier}")`));
  expect(values.filter((specifier) => !PURE.has(specifier))).toEqual([]);
  const entry = await readFile("app/entry.server.tsx", "utf8");
  expect(entry).toMatch(/export \{ env \} from "~\/lib\/env.server.ts"/);
  expect(entry).toMatch(/export \{ startServices \} from "~\/services.server.ts"/);
  expect(entry).toMatch(/export \{ withDomainErrors \} from "~\/lib\/http.server.ts"/);
});

test("no module of the app keeps state on globalThis", async () => {
  const files = (await readdir("app", { recursive: true })).filter(
    (f) => /\.tsx?$/.test(f) && !f.startsWith(`generated${path.sep}`) && !f.endsWith(".test.ts"),
  );
  const offenders: string[] = [];
  for (const file of files)
    if (/globalThis\.__/.test(await readFile(path.join("app", file), "utf8"))) offenders.push(file);
  expect(offenders).toEqual([]);
});

test("the build's entry hands server.ts the app's env, startServices and withDomainErrors", async () => {
  const build = (await import(path.resolve("build/server/index.js"))) as {
    entry: { module: Record<string, unknown> };
  };
  expect(typeof build.entry.module.env).toBe("function");
  expect(typeof build.entry.module.startServices).toBe("function");
  expect(typeof build.entry.module.withDomainErrors).toBe("function");
});
