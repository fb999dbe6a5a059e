// Evaluations: the rubric, its form schemas and the averages managers see. Pure; shared by UI and
// server. Scores are never shown to authors or the public (app/auth/policy.ts: canSeeEvaluations).
import { z } from "zod";
import { email, msg, recordId, text } from "~/lib/validation.ts";

export const CRITERIA = ["impact", "feasibility", "cost", "alignment"] as const;
export type Criterion = (typeof CRITERIA)[number];
export const SCORES = [1, 2, 3, 4, 5] as const;

const score = () =>
  z
    .string({ error: msg("evaluation.chooseScore") })
    .regex(/^[1-5]$/, { error: msg("evaluation.chooseScore") })
    .transform(Number);

export const EvaluationFormSchema = z.object({
  impact: score(),
  feasibility: score(),
  cost: score(),
  alignment: score(),
  comment: text({ max: 2_000 }).optional(),
});
export type EvaluationInput = z.output<typeof EvaluationFormSchema>;

export const AssignEvaluatorSchema = z.object({ email: email() });
export const UnassignEvaluatorSchema = z.object({ evaluatorId: recordId() });

export type Scores = Record<Criterion, number>;

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** An evaluator's overall mark: the mean of the four criteria. */
export const overallScore = (s: Scores): number => mean(CRITERIA.map((c) => s[c]))!;

/** Per-criterion and overall averages over the evaluations received (null when there are none). */
export function summarizeEvaluations(evaluations: readonly Scores[]) {
  const byCriterion = Object.fromEntries(CRITERIA.map((c) => [c, mean(evaluations.map((e) => e[c]))])) as Record<
    Criterion,
    number | null
  >;
  return { count: evaluations.length, byCriterion, overall: mean(evaluations.map(overallScore)) };
}
