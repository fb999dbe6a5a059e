// Pilot forms: dates, decimals, places, links and the decision — the rules people meet as field messages.
import { expect, test } from "vitest";
import { summarizeEvaluations, EvaluationFormSchema } from "./evaluation.ts";
import {
  isValidDay,
  isWebLink,
  KpiFormSchema,
  kpiProgress,
  normalizeDecimal,
  PilotDecisionSchema,
  PilotFormSchema,
  RolloutFormSchema,
  splitList,
} from "./pilot.ts";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

test("a pilot ends on or after its start", () => {
  const base = { hypothesis: "Les rendez-vous en ligne réduisent l'attente." };
  expect(PilotFormSchema.safeParse({ ...base, startsOn: "2027-03-01", endsOn: "2027-03-01" }).success).toBe(true);
  expect(issuesOf(PilotFormSchema.safeParse({ ...base, startsOn: "2027-03-02", endsOn: "2027-03-01" }))).toEqual({
    endsOn: "pilot.endBeforeStart",
  });
  expect(issuesOf(PilotFormSchema.safeParse({ ...base, startsOn: "2027-02-30" }))).toEqual({
    startsOn: "form.invalidDate",
  });
  expect(PilotFormSchema.safeParse({ ...base }).success).toBe(true);
  expect(PilotFormSchema.safeParse({ hypothesis: "court" }).success).toBe(false);
});

test("calendar days are real days between 2000 and 2100", () => {
  for (const ok of ["2027-01-31", "2028-02-29", "2000-01-01"]) expect(isValidDay(ok)).toBe(true);
  for (const bad of [
    "2027-02-29",
    "2027-13-01",
    "27-01-01",
    "2027-1-1",
    "1999-12-31",
    "2101-01-01",
    "2027-01-01T00:00",
    "",
  ])
    expect(isValidDay(bad)).toBe(false);
});

test("KPI values accept French decimals and keep them exact", () => {
  expect(normalizeDecimal("12,5")).toBe("12.5");
  expect(normalizeDecimal("1 200,25")).toBe("1200.25");
  const parsed = KpiFormSchema.parse({
    name: "Délai moyen",
    unit: "jours",
    baseline: "12,5",
    target: "7",
    actual: "0,1",
  });
  expect(parsed).toMatchObject({ baseline: "12.5", target: "7", actual: "0.1" });
  expect(issuesOf(KpiFormSchema.safeParse({ name: "Délai", unit: "j", baseline: "douze", target: "1e3" }))).toEqual({
    baseline: "pilot.invalidNumber",
    target: "pilot.invalidNumber",
  });
  expect(KpiFormSchema.safeParse({ name: "Délai", unit: "j", baseline: "1.23456", target: "1" }).success).toBe(false);
  expect(KpiFormSchema.safeParse({ name: "Délai", unit: "j", baseline: "123456789012345", target: "1" }).success).toBe(
    false,
  );
  expect(issuesOf(KpiFormSchema.safeParse({ name: "Délai", unit: "j", target: "1" }))).toEqual({
    baseline: "form.required",
  });
});

test("KPI progress runs from the baseline (0) to the target (1), whichever way the target lies", () => {
  expect(kpiProgress({ baseline: "10", target: "20", actual: "15" })).toBe(0.5);
  expect(kpiProgress({ baseline: "30", target: "10", actual: "20" })).toBe(0.5);
  expect(kpiProgress({ baseline: "1", target: "2", actual: null })).toBeNull();
});

test("places are split on commas, trimmed, deduplicated without regard to case", () => {
  expect(splitList(" Bretagne, agence de Rennes ,bretagne;;Nantes\n")).toEqual([
    "Bretagne",
    "agence de Rennes",
    "Nantes",
  ]);
  expect(PilotFormSchema.safeParse({ hypothesis: "Une hypothèse assez longue", scope: "<script>" }).success).toBe(
    false,
  );
});

test("a rollout link is http or https, nothing else", () => {
  for (const ok of ["https://emploi.example/outil", "http://intranet.local/page?x=1"]) expect(isWebLink(ok)).toBe(true);
  for (const bad of ["javascript:alert(1)", "data:text/html,x", "//evil.example", "ftp://x", "https://", "https://a b"])
    expect(isWebLink(bad)).toBe(false);
  expect(issuesOf(RolloutFormSchema.safeParse({ releasedOn: "2027-05-01", link: "javascript:alert(1)" }))).toEqual({
    link: "pilot.invalidLink",
  });
  expect(RolloutFormSchema.parse({ releasedOn: "2027-05-01", agencies: "Rennes, Brest" })).toEqual({
    releasedOn: "2027-05-01",
    agencies: ["Rennes", "Brest"],
  });
});

test("a go / no-go decision carries its reason", () => {
  expect(PilotDecisionSchema.safeParse({ decision: "GO", reason: "Objectifs atteints" }).success).toBe(true);
  expect(issuesOf(PilotDecisionSchema.safeParse({ decision: "NO_GO" }))).toEqual({ reason: "form.required" });
  expect(issuesOf(PilotDecisionSchema.safeParse({ decision: "MAYBE", reason: "Objectifs atteints" }))).toEqual({
    decision: "pilot.chooseDecision",
  });
});

test("evaluations: scores 1 to 5, and averages per criterion and overall", () => {
  expect(EvaluationFormSchema.parse({ impact: "5", feasibility: "4", cost: "1", alignment: "3" })).toEqual({
    impact: 5,
    feasibility: 4,
    cost: 1,
    alignment: 3,
  });
  for (const bad of ["0", "6", "4.5", "", "cinq"]) {
    expect(
      issuesOf(EvaluationFormSchema.safeParse({ impact: bad, feasibility: "4", cost: "1", alignment: "3" })),
    ).toEqual({ impact: "evaluation.chooseScore" });
  }
  const summary = summarizeEvaluations([
    { impact: 5, feasibility: 4, cost: 3, alignment: 4 },
    { impact: 3, feasibility: 2, cost: 3, alignment: 4 },
  ]);
  expect(summary).toEqual({
    count: 2,
    byCriterion: { impact: 4, feasibility: 3, cost: 3, alignment: 4 },
    overall: 3.5,
  });
  expect(summarizeEvaluations([])).toEqual({
    count: 0,
    byCriterion: { impact: null, feasibility: null, cost: null, alignment: null },
    overall: null,
  });
});
