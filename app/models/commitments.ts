// Response-time commitments (docs/decisions/0028-response-time-commitments.md): how long an idea may wait
// for a first answer, and stay in review, in whole Paris days. Pure, importable by the UI. The same rules
// run in SQL (idees_first_answer_at, idees_commitment_due_on in the migration); tests hold them together.
import { z } from "zod";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { msg } from "~/lib/validation.ts";
import { parisDay } from "~/lib/time.ts";

export type Commitments = { answerWithinDays: number | null; reviewWithinDays: number | null };
export const MAX_COMMITMENT_DAYS = 365;

const DAY_MS = 86_400_000;
/** Whole Paris calendar days from `from` to `to` (the same day: 0; summer time changes nothing). */
export function parisDaysBetween(from: Date | string, to: Date | string): number {
  return Math.round((Date.parse(parisDay(to)) - Date.parse(parisDay(from))) / DAY_MS);
}

export type AnswerFacts = {
  /** Moves of the idea, any order. */
  transitions: { fromStage: IdeaStage; createdAt: Date | string }[];
  officialAnswerAt: Date | string | null;
};

/**
 * THE definition of a first answer: the idea's first move out of PROPOSED (to review, or rejected, or
 * archived) or the publication of its official answer, whichever came first. Null while it has neither.
 */
export function firstAnswerAt(facts: AnswerFacts): Date | null {
  const times = [
    ...facts.transitions.filter((t) => t.fromStage === "PROPOSED").map((t) => new Date(t.createdAt).getTime()),
    ...(facts.officialAnswerAt ? [new Date(facts.officialAnswerAt).getTime()] : []),
  ];
  return times.length ? new Date(Math.min(...times)) : null;
}

export type ResponseStatus =
  /** Answered `days` Paris days after it was proposed; `within` is null without a commitment. */
  | { kind: "answered"; days: number; commitment: number | null; within: boolean | null }
  /** No first answer yet: waiting `days` days; overdue once `days` exceeds the commitment. */
  | { kind: "waiting"; days: number; commitment: number | null; overdue: boolean }
  /** In review (stage UNDER_REVIEW) for `days` days, since it entered that stage. */
  | { kind: "review"; days: number; commitment: number | null; overdue: boolean; answeredDays: number | null };

/**
 * What the idea page says about the idea's waits. "Waiting N days" counts the Paris days from the day it
 * was proposed to today; N may equal the commitment, and is overdue from the day after.
 */
export function responseStatus(options: {
  stage: IdeaStage;
  createdAt: Date | string;
  stageChangedAt: Date | string;
  firstAnswerAt: Date | string | null;
  commitments: Commitments;
  now: Date;
}): ResponseStatus {
  const { stage, createdAt, commitments, now } = options;
  const answeredDays = options.firstAnswerAt ? parisDaysBetween(createdAt, options.firstAnswerAt) : null;
  if (stage === "UNDER_REVIEW") {
    const days = parisDaysBetween(options.stageChangedAt, now);
    const commitment = commitments.reviewWithinDays;
    return { kind: "review", days, commitment, overdue: commitment !== null && days > commitment, answeredDays };
  }
  const commitment = commitments.answerWithinDays;
  if (answeredDays !== null)
    return {
      kind: "answered",
      days: answeredDays,
      commitment,
      within: commitment === null ? null : answeredDays <= commitment,
    };
  const days = parisDaysBetween(createdAt, now);
  return { kind: "waiting", days, commitment, overdue: commitment !== null && days > commitment };
}

/** The record a space keeps: the figures of its public commitments page (see the ADR for the cohort). */
export type CommitmentRecord = {
  /** Ideas proposed in the window. */
  proposed: number;
  answered: number;
  answeredWithin: number;
  /** Still waiting, past the commitment. */
  waitingOverdue: number;
  /** Still waiting, within the commitment (not counted in the share yet). */
  waitingWithin: number;
  /** Median Paris days from proposal to first answer, over the answered ideas; null when none. */
  medianDays: number | null;
};

/** Share answered within the commitment, of the ideas whose outcome is known (answered, or overdue). */
export function shareWithin(record: CommitmentRecord): number | null {
  const settled = record.answered + record.waitingOverdue;
  return settled === 0 ? null : record.answeredWithin / settled;
}

/** ISO 8601 week of a Paris day, "2027-W09": the reminder is once per manager and week. */
export function isoWeek(now: Date): string {
  const [y, m, d] = parisDay(now).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the week's Thursday decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

const days = z
  .number({ error: msg("commitments.daysInvalid") })
  .int(msg("commitments.daysInvalid"))
  .min(1, msg("commitments.daysInvalid"))
  .max(MAX_COMMITMENT_DAYS, msg("commitments.daysInvalid"))
  .optional();

/** The admins' form: both fields optional (empty = no commitment), whole days 1..365. */
export const CommitmentsForm = z.object({ answerWithinDays: days, reviewWithinDays: days });
export type CommitmentsInput = z.output<typeof CommitmentsForm>;
