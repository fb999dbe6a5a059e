import { expect, test } from "vitest";
import {
  audienceOf,
  fillMonths,
  filtersQuery,
  kpiProgress,
  monthsBetween,
  parseIndicatorFilters,
  shapeFunnel,
  shapeParticipation,
} from "./indicators.ts";

test("the funnel counts every idea at PROPOSED and converts each step from the previous one", () => {
  const { steps, current } = shapeFunnel(
    { UNDER_REVIEW: 5, SELECTED: 3, PILOT: 2, PRODUCTION: 1 },
    { PROPOSED: 1, REJECTED: 2 },
    6,
  );
  expect(steps.map((s) => [s.stage, s.reached, s.conversion])).toEqual([
    ["PROPOSED", 6, null],
    ["UNDER_REVIEW", 5, 5 / 6],
    ["SELECTED", 3, 3 / 5],
    ["PILOT", 2, 2 / 3],
    ["PRODUCTION", 1, 1 / 2],
  ]);
  expect(current.find((c) => c.stage === "REJECTED")?.count).toBe(2);
  expect(current.find((c) => c.stage === "ARCHIVED")?.count).toBe(0);
  // Nobody reached a step: the next conversion is unknown, not a division by zero.
  expect(shapeFunnel({}, {}, 0).steps.map((s) => s.conversion)).toEqual([null, null, null, null, null]);
});

test("months are filled between the first and the last, across a year end", () => {
  expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  expect(
    fillMonths(
      [
        { month: "2027-01", n: 2 },
        { month: "2026-11", n: 1 },
      ],
      ["n"],
    ),
  ).toEqual([
    { month: "2026-11", n: 1 },
    { month: "2026-12", n: 0 },
    { month: "2027-01", n: 2 },
  ]);
  expect(fillMonths([], ["n"])).toEqual([]);
});

test("participation is shaped per month and audience; roles map to audiences", () => {
  expect(
    ["PUBLIC", "EMPLOYEE", "MODERATOR", "MANAGER", "ADMIN", "SUPPLIER"].map((r) => audienceOf(r as never)),
  ).toEqual(["public", "staff", "staff", "staff", "staff", "suppliers"]);
  const shaped = shapeParticipation([
    { month: "2026-01", audience: "staff", participants: 2, proposers: 1, supporters: 1, commenters: 0 },
    { month: "2026-03", audience: "public", participants: 1, proposers: 0, supporters: 0, commenters: 1 },
  ]);
  expect(shaped.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03"]);
  expect(shaped[0]!.byAudience.staff).toEqual({ participants: 2, proposers: 1, supporters: 1, commenters: 0 });
  expect(shaped[1]!.byAudience.public.participants).toBe(0);
  expect(shaped[2]!.byAudience.public.commenters).toBe(1);
});

test("KPI progress runs from the baseline (0) to the target (1), also when the target is lower", () => {
  expect(kpiProgress({ baseline: "10", target: "20", actual: "15" })).toBe(0.5);
  expect(kpiProgress({ baseline: "30", target: "10", actual: "25" })).toBe(0.25);
  expect(kpiProgress({ baseline: "10", target: "20", actual: null })).toBe(null);
  expect(kpiProgress({ baseline: "5", target: "5", actual: "5" })).toBe(1);
});

test("filters from the URL: malformed values are absent, a reversed period is put back in order", () => {
  const parse = (q: string) => parseIndicatorFilters(new URLSearchParams(q));
  expect(parse("espace=innovaction&defi=abc_12&du=2026-01-01&au=2026-01-31")).toEqual({
    space: "innovaction",
    challenge: "abc_12",
    from: "2026-01-01",
    to: "2026-01-31",
  });
  expect(parse("espace=<x>&defi=a%20b&du=2026-02-30&au=hier")).toEqual({
    space: null,
    challenge: null,
    from: null,
    to: null,
  });
  expect(parse("du=2026-03-01&au=2026-01-01")).toMatchObject({ from: "2026-01-01", to: "2026-03-01" });
  expect(filtersQuery({ space: "s", challenge: null, from: "2026-01-01", to: null }, { sep: "comma" })).toBe(
    "?espace=s&du=2026-01-01&sep=comma",
  );
});
