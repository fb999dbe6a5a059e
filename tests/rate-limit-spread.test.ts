// A busy address's limit spread over rows (docs/decisions/0048), from two processes: each process picks
// the rows in turn from its own random start, so their hits land unevenly on the rows. The claims checked:
// the address never passes its limit across processes, and it is refused at most shards × processes hits
// early. Two processes are two instances of the module (its turn per key is per instance), sharing the
// database's rows as two servers would.
import { afterAll, expect, test, vi } from "vitest";
import { pool, prisma } from "~/lib/db.server.ts";

type RateLimitModule = typeof import("~/models/rate-limit.server.ts");
const pools: { end(): Promise<void> }[] = [];

async function freshInstance(): Promise<RateLimitModule> {
  vi.resetModules();
  // The instance's own pool (the module registry was reset with it), closed after the test.
  pools.push((await import("~/lib/db.server.ts")).pool);
  return import("~/models/rate-limit.server.ts");
}

afterAll(async () => {
  await Promise.all([pool, ...pools].map((p) => p.end()));
  await prisma.$disconnect();
});

test("two processes sharing a spread address never pass its limit, and are refused at most shards × 2 hits early", async () => {
  const processes = [await freshInstance(), await freshInstance()];
  expect(processes[0]).not.toBe(processes[1]);
  const rule = processes[0]!.rateLimitRules().votePerIp;
  const shards = processes[0]!.shardCount(rule);
  expect(shards).toBe(16);
  const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: `vote:ip:${ip}` } } });
  let allowed = 0;
  let firstRefusal: number | null = null;
  // Uneven turns: the first process takes two hits for each of the second's, 8 requests at a time.
  for (let i = 0; i < rule.limit + 100; i += 8) {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        processes[(i + k) % 3 === 2 ? 1 : 0]!.checkRateLimits({
          user: { id: `two-${ip}-${i + k}` },
          ip,
          action: "vote",
        }),
      ),
    );
    for (const [k, outcome] of outcomes.entries()) {
      if (outcome === null) allowed++;
      else {
        firstRefusal ??= i + k;
        expect(outcome.rule).toBe("votePerIp");
        expect(outcome.retryAfterSeconds).toBeGreaterThan(0);
        expect(outcome.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
    }
  }
  expect(allowed).toBeLessThanOrEqual(rule.limit);
  expect(firstRefusal).not.toBeNull();
  expect(firstRefusal!).toBeGreaterThanOrEqual(rule.limit - shards * 2);
  expect(allowed).toBeGreaterThanOrEqual(rule.limit - shards * 2);
});
