import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { env } from "./env.server.ts";

// One pool and one Prisma client per module graph, hence per app process: server.ts runs the app's
// modules from the server build only (docs/decisions/0018-module-graph-and-jobs.md). The pool is
// shared: Prisma runs on it, and the few statements Prisma cannot express (counter folding, exact
// counts in one snapshot) use it directly.
// No globalThis: under `npm run dev`, Vite re-evaluates a module only when it or one of its imports is
// edited, so the pool survives edits to routes and models; editing this file or env.server.ts opens a
// new pool (the old one idles until the dev server restarts) — a development-only cost.
const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
export const pool: pg.Pool = new pg.Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
pool.on("error", (error) => console.warn("[db] idle client error:", error.message));
export const prisma: PrismaClient = new PrismaClient({ adapter: new PrismaPg(pool) });

let disconnected = false;
export async function disconnectDatabase() {
  if (disconnected) return;
  disconnected = true;
  await prisma.$disconnect();
  await pool.end().catch(() => {});
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient | Tx;

/** A unique constraint refused the write (the row it would duplicate exists, or a racing twin committed it). */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
