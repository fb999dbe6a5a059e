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

test("a refused spread address is told to come back when every full row has started a new window, not when the refusing row does", async () => {
  const { rateLimitRules, shardCount, checkRateLimits } = await freshInstance();
  const rule = rateLimitRules().votePerIp;
  const shards = shardCount(rule);
  const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
  const share = (i: number) => Math.floor(rule.limit / shards) + (i < rule.limit % shards ? 1 : 0);
  // An address that voted slowly, then in a burst: its rows started their windows far apart. First every row
  // is full, the first one resetting in 58 s and the others within 21–35 s; then the last row has room (its
  // window ends in 59 s): a row with room is no reason to wait. No seeded window ends before 20 s: a row that
  // started anew while the test ran would let its hit through, and a loaded machine can take seconds.
  const seed = async (rows: { count: number; inSeconds: number }[]) => {
    await prisma.rateLimit.deleteMany({ where: { key: { startsWith: `vote:ip:${ip}` } } });
    await prisma.rateLimit.createMany({
      data: rows.map((row, i) => ({
        key: `vote:ip:${ip}#${i}`,
        count: row.count,
        resetAt: new Date(Date.now() + row.inSeconds * 1000),
      })),
    });
  };
  const refusals = async () => {
    const waits: number[] = [];
    // One hit per row (each process takes the rows in turn), from people within their own limit.
    for (let k = 0; k < shards; k++) {
      const refused = await checkRateLimits({ user: { id: `spread-wait-${ip}-${k}` }, ip, action: "vote" });
      if (refused) {
        expect(refused.rule).toBe("votePerIp");
        waits.push(refused.retryAfterSeconds);
      }
    }
    return waits;
  };
  const early = (i: number) => 20 + i;

  // The bounds allow for the time the test itself takes (a loaded machine), measured, not assumed.
  const secondsSince = (start: number) => Math.ceil((Date.now() - start) / 1000);
  let start = Date.now();
  await seed(Array.from({ length: shards }, (_, i) => ({ count: share(i), inSeconds: i === 0 ? 58 : early(i) })));
  const waits = await refusals();
  expect(waits).toHaveLength(shards);
  // Never too early: coming back after the wait, whichever row the next hit lands on has started anew.
  // Never more than the window: 58 s counted down while the test ran.
  const firstElapsed = secondsSince(start);
  for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(58 - firstElapsed - 1);
  for (const wait of waits) expect(wait).toBeGreaterThan(early(shards - 1));
  for (const wait of waits) expect(wait).toBeLessThanOrEqual(58);

  start = Date.now();
  await seed(
    Array.from({ length: shards }, (_, i) =>
      i === shards - 1 ? { count: 0, inSeconds: 59 } : { count: share(i), inSeconds: early(i) },
    ),
  );
  const latestFull = early(shards - 2);
  const second = await refusals();
  expect(second).toHaveLength(shards - 1); // the row with room let its hit through
  for (const wait of second) expect(wait).toBeLessThanOrEqual(latestFull);
  const secondElapsed = secondsSince(start);
  for (const wait of second) expect(wait).toBeGreaterThanOrEqual(latestFull - secondElapsed - 1);
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: `vote:ip:${ip}` } } });
});
