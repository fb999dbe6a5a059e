// The visibility matrix for the numbers a page shows without the ideas behind them (docs/decisions/0052):
// a space's list total (from the stage-count roll-up) and each challenge's idea count (from its own
// roll-up). For every persona: those who may not see the space get a 404, never a number; those who may
// see it read totals equal to the ideas their list actually shows, hidden and merged ideas left out — also
// for the hidden idea's author and the moderators, who see it on its own page but never in a list. The
// expected figures are written by hand. A space and a challenge of their own: other test files write into
// the shared spaces meanwhile.
import { afterAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { listSpaceChallenges } from "~/models/challenge.server.ts";
import { foldCounterDeltas } from "~/models/counters.server.ts";
import { NotFound } from "~/models/errors.ts";
import { listIdeas } from "~/models/idea-list.server.ts";
import { mergeIdeas } from "~/models/merge.server.ts";
import { hideContent } from "~/models/moderation.server.ts";
import { advanceIdea, makeChallenge, makeIdea, makeUser } from "./factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

test("list totals and challenge counts count only the ideas each persona's list shows; outsiders get a 404", async () => {
  const slug = `totaux-${newId().toLowerCase()}`;
  const space = await prisma.space.create({
    data: {
      id: newId(),
      slug,
      audience: "INTERNAL",
      nameFr: slug,
      nameEn: slug,
      descriptionFr: "-",
      descriptionEn: "-",
    },
    select: {
      id: true,
      slug: true,
      audience: true,
      nameFr: true,
      nameEn: true,
      descriptionFr: true,
      descriptionEn: true,
    },
  });
  const challenge = { id: await makeChallenge({ spaceId: space.id }) };
  const [author, moderator, manager] = [
    await makeUser({ role: "EMPLOYEE" }),
    await makeUser({ role: "MODERATOR" }),
    await makeUser({ role: "MANAGER" }),
  ];
  const idea = async (inChallenge: boolean) => {
    const { id } = await makeIdea({ author, space: slug });
    if (inChallenge)
      await prisma.idea.update({ where: { id }, data: { challengeId: challenge.id }, select: { id: true } });
    return id;
  };
  // Six ideas, three in the challenge; one selected. Then one hidden and one merged, both in the challenge.
  const [a, b, c, d, e, f] = [
    await idea(true),
    await idea(true),
    await idea(true),
    await idea(false),
    await idea(false),
    await idea(false),
  ];
  await advanceIdea({ ideaId: d, manager, to: "SELECTED" });
  await hideContent({ user: moderator, target: "idea", targetId: a, reason: "Hors charte" });
  await mergeIdeas({ user: manager, sourceId: b, targetId: e });
  const unlisted = [a, b];

  const personas = {
    anonymous: null,
    PUBLIC: await makeUser({ role: "PUBLIC" }),
    SUPPLIER: await makeUser({ role: "SUPPLIER" }),
    "SUPPLIER+access": await makeUser({ role: "SUPPLIER", grantedSpaces: [slug] }),
    EMPLOYEE: await makeUser({ role: "EMPLOYEE" }),
    MODERATOR: moderator,
    MANAGER: manager,
    author,
  };
  const outsiders = new Set(["anonymous", "PUBLIC", "SUPPLIER"]);
  // What each list holds, by hand: c, d, e, f listed; c alone in the challenge; d alone selected.
  const expected = { all: 4, selected: 1, proposed: 3, challenge: 1 };

  const seen = async (viewer: (typeof personas)[keyof typeof personas]) => {
    const list = async (options: { stage?: IdeaStage; challengeId?: string }) => {
      const page = await listIdeas({ viewer, space, sort: "newest", cursor: null, ...options });
      expect(page.nextCursor).toBeNull();
      for (const id of unlisted) expect(page.items.map((i) => i.id)).not.toContain(id);
      // The header's number is what the list shows.
      expect(page.position.total).toBe(page.items.length);
      return page.position.total;
    };
    const challenges = await listSpaceChallenges(viewer, space);
    const listedInChallenge = await list({ challengeId: challenge.id });
    expect(challenges.open.map((x) => [x.id, x.ideas])).toEqual([[challenge.id, listedInChallenge]]);
    const everything = await listIdeas({ viewer, space, sort: "newest", cursor: null });
    expect(everything.items.map((i) => i.id).sort()).toEqual([c, d, e, f].sort());
    return {
      all: await list({}),
      selected: await list({ stage: "SELECTED" }),
      proposed: await list({ stage: "PROPOSED" }),
      challenge: listedInChallenge,
    };
  };

  for (const step of ["deltas not folded", "folded"]) {
    if (step === "folded") await foldCounterDeltas();
    for (const [name, viewer] of Object.entries(personas)) {
      if (outsiders.has(name)) {
        await expect(seen(viewer), `${name}, ${step}`).rejects.toBeInstanceOf(NotFound);
        await expect(listSpaceChallenges(viewer, space), `${name}, ${step}`).rejects.toBeInstanceOf(NotFound);
      } else {
        expect(await seen(viewer), `${name}, ${step}`).toEqual(expected);
      }
    }
  }
  // The hidden and merged ideas are still there: the numbers leave them out, not the database.
  expect(await prisma.idea.count({ where: { spaceId: space.id } })).toBe(6);
});
