import { expect, test } from "vitest";
import { acceptsIdeas, ChallengeFormSchema, challengeStatus, timeLeft } from "./challenge.ts";

test("a challenge is upcoming, open, then closed, at the instants it says", () => {
  const c = { opensAt: "2027-03-01T08:00:00.000Z", closesAt: "2027-03-31T16:00:00.000Z" };
  expect(challengeStatus(c, new Date("2027-03-01T07:59:59.999Z"))).toBe("upcoming");
  expect(challengeStatus(c, new Date("2027-03-01T08:00:00.000Z"))).toBe("open");
  expect(challengeStatus(c, new Date("2027-03-31T15:59:59.999Z"))).toBe("open");
  expect(challengeStatus(c, new Date("2027-03-31T16:00:00.000Z"))).toBe("closed");
  expect(acceptsIdeas(c, new Date("2027-03-15T00:00:00Z"))).toBe(true);
  expect(acceptsIdeas(c, new Date("2027-04-01T00:00:00Z"))).toBe(false);
});

test("time left is said in days, then hours, then minutes", () => {
  const closes = "2027-03-31T16:00:00.000Z";
  expect(timeLeft(closes, new Date("2027-03-20T16:00:00Z"))).toEqual({ unit: "day", count: 11 });
  expect(timeLeft(closes, new Date("2027-03-30T12:00:00Z"))).toEqual({ unit: "hour", count: 28 });
  expect(timeLeft(closes, new Date("2027-03-31T15:00:30Z"))).toEqual({ unit: "minute", count: 60 });
  expect(timeLeft(closes, new Date("2027-03-31T16:00:00Z"))).toBeNull();
});

test("the challenge form wants a real period, closing after it opens", () => {
  const base = {
    title: "Défi Big Data 2027",
    cover: "Vos idées pour mieux utiliser les données.",
    brief: "Le contexte et les attentes du défi.",
    opensAt: "2027-03-01T09:00",
    closesAt: "2027-03-31T18:00",
  };
  const ok = ChallengeFormSchema.safeParse({ ...base, tags: "données, big data" });
  expect(ok.success).toBe(true);
  expect(ok.data?.tags).toEqual(["données", "big data"]);
  expect(ok.data?.opensAt.toISOString()).toBe("2027-03-01T08:00:00.000Z");
  const backwards = ChallengeFormSchema.safeParse({ ...base, closesAt: "2027-02-01T09:00" });
  expect(backwards.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
    ["closesAt", "challenge.closesBeforeOpens"],
  ]);
  const invalid = ChallengeFormSchema.safeParse({ ...base, opensAt: "2027-02-30T09:00" });
  expect(invalid.error?.issues[0]?.path).toEqual(["opensAt"]);
});
