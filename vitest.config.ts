import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Run through `npm test` (scripts/test.ts), which provides the PostgreSQL server and a migrated
// template database; tests/support/setup.ts gives every test file its own copy of it.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["tests/support/setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
