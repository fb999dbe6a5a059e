import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { env } from "./env.server.ts";

// One pool and one Prisma client per process (kept across Vite HMR reloads in development).
// The pool is shared: Prisma runs on it, and the few statements Prisma cannot express
// (counter folding, exact counts in one snapshot) use it directly.
type Handles = { pool: pg.Pool; prisma: PrismaClient };

declare global {
  var __ideesDb: Handles | undefined;
}

function createHandles(): Handles {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
  pool.on("error", (error) => console.warn("[db] idle client error:", error.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { pool, prisma };
}

const handles = (globalThis.__ideesDb ??= createHandles());
export const prisma: PrismaClient = handles.prisma;
export const pool: pg.Pool = handles.pool;

export async function disconnectDatabase() {
  await prisma.$disconnect();
  await pool.end().catch(() => {});
  globalThis.__ideesDb = undefined;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient | Tx;
