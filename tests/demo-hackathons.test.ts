// The demo data carries a past hackathon with published results (its winner in the pipeline) and an
// upcoming one open for registration (docs/decisions/0035-hackathons.md).
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { getHackathonPage } from "~/models/hackathon-page.server.ts";
import { seedDemo } from "../scripts/lib/demo-data.ts";

test(
  "the demo seeds a past hackathon with results and an upcoming one open for registration",
  { timeout: 120_000 },
  async () => {
    await seedDemo();
    const hackathons = await prisma.hackathon.findMany({ select: { challengeId: true } });
    const pages = await Promise.all(hackathons.map((h) => getHackathonPage(null, h.challengeId)));
    const past = pages.find((p) => p.hackathon.phase === "results");
    const upcoming = pages.find((p) => p.hackathon.phase === "registration");
    expect(past?.teams.map((t) => t.award).sort()).toEqual(["MENTION", "WINNER"]);
    const winner = past!.teams.find((t) => t.award === "WINNER")!.idea!;
    expect((await prisma.idea.findUniqueOrThrow({ where: { id: winner.id }, select: { stage: true } })).stage).toBe(
      "SELECTED",
    );
    expect(upcoming?.counts.registered).toBeGreaterThan(0);
    expect(upcoming!.counts.registered).toBeLessThan(upcoming!.hackathon.capacity);
  },
);
