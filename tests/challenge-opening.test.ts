// A challenge created with a later opening date is announced (`challenge.opened`, for webhooks) when that
// date comes, by the crontab's minutely task — once, however often or concurrently it runs — and a
// challenge already open at creation is not announced twice (docs/decisions/0036).
import { expect, test } from "vitest";
import { CRON_TASKS } from "~/jobs/crontab.server.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { announceDueChallengeOpenings, createChallenge } from "~/models/challenge.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { makeUser, SPACES } from "./factories.ts";

const DAY = 86_400_000;

/** The webhook fan-out jobs queued for this challenge's opening. */
async function openingJobs(challengeId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'webhook:fanout' and j.payload->>'type' = 'challenge.opened'
        and j.payload->>'challengeId' = $1`,
    [challengeId],
  );
  return rows[0]!.n;
}

test("a later opening is announced once its date has come, exactly once; an opening at creation is not repeated", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const space = await requireVisibleSpace(admin, SPACES.public);
  await prisma.webhookEndpoint.create({
    data: {
      id: newId(),
      ownerId: admin.id,
      url: "https://example.org/defis",
      events: ["challenge.opened"],
      secret: "whsec_x",
    },
    select: { id: true },
  });
  const input = (opensAt: Date) => ({
    title: `Défi ${newId().slice(0, 6)}`,
    cover: "Vos idées pour le défi.",
    brief: "Le contexte du défi.",
    tags: [],
    opensAt,
    closesAt: new Date(opensAt.getTime() + 30 * DAY),
  });
  const now = Date.now();
  const opensAt = new Date(now + 3 * DAY);
  const later = await createChallenge({ user: admin, space, input: input(opensAt) });
  const already = await createChallenge({ user: admin, space, input: input(new Date(now - DAY)) });
  expect(await openingJobs(later.id)).toBe(0);
  expect(await openingJobs(already.id)).toBe(1);

  expect(await announceDueChallengeOpenings({ now: new Date(opensAt.getTime() - 60_000) })).toBe(0);
  expect(await openingJobs(later.id)).toBe(0);
  // Two processes' runs at once after the date: one announcement.
  const after = new Date(opensAt.getTime() + 60_000);
  const runs = await Promise.all([
    announceDueChallengeOpenings({ now: after }),
    announceDueChallengeOpenings({ now: after }),
  ]);
  expect(runs.sort()).toEqual([0, 1]);
  expect(await openingJobs(later.id)).toBe(1);
  expect(await announceDueChallengeOpenings({ now: new Date(after.getTime() + DAY) })).toBe(0);
  expect(await openingJobs(already.id)).toBe(1);
  expect(CRON_TASKS.find((c) => c.task === "challenges:open")?.schedule).toBe("* * * * *");
});
