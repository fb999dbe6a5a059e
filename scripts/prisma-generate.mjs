// Runs `prisma generate` on install. The CLI insists on a schema-engine binary even though generating
// the client does not use it, and that binary cannot be downloaded everywhere (see
// docs/decisions/0002-migrations-without-native-engine.md); any executable satisfies the check.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY)
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync("/bin/true") ? "/bin/true" : process.execPath;
const bin = process.platform === "win32" ? "prisma.cmd" : "prisma";
const result = spawnSync(`node_modules/.bin/${bin}`, ["generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
