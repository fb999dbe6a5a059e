import { defineConfig } from "prisma/config";

// Prisma 7 reads its configuration here (not from schema.prisma). DATABASE_URL may be absent: the app
// then starts an embedded PostgreSQL itself (scripts/lib/database.ts), and `prisma generate` needs no URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/idees" },
});
