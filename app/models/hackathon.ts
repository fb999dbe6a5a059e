// Hackathons — a challenge with an event (docs/decisions/0035-hackathons.md). Pure: the schedule's
// phases, who may register, form and join teams, submit and score when, the team rules, and the forms.
// Every time-bound rule takes `now`; the server passes the DATABASE's clock (now() read in the
// transaction that acts), never the app server's.
import { z } from "zod";
import type { Role } from "~/generated/prisma/enums.ts";
import { fromParisLocal } from "~/lib/time.ts";
import { msg, recordId, text } from "~/lib/validation.ts";
import { CHALLENGE_BRIEF, CHALLENGE_COVER, CHALLENGE_TITLE } from "./challenge.ts";
import { isWebLink } from "./pilot.ts";

export type HackathonSchedule = {
  registrationOpensAt: Date | string;
  registrationClosesAt: Date | string;
  startsAt: Date | string;
  endsAt: Date | string;
  submissionDeadline: Date | string;
  resultsAt: Date | string;
  resultsPublishedAt: Date | string | null;
};

export const HACKATHON_PHASES = ["announced", "registration", "ready", "event", "judging", "results"] as const;
export type HackathonPhase = (typeof HACKATHON_PHASES)[number];

const t = (d: Date | string) => new Date(d).getTime();

/** The current phase: results once published; else judging after the deadline; the event; registration… */
export function hackathonPhase(h: HackathonSchedule, now: Date): HackathonPhase {
  const n = now.getTime();
  if (h.resultsPublishedAt !== null) return "results";
  if (n >= t(h.submissionDeadline)) return "judging";
  if (n >= t(h.startsAt)) return "event";
  if (n >= t(h.registrationOpensAt) && n < t(h.registrationClosesAt)) return "registration";
  if (n < t(h.registrationOpensAt)) return "announced";
  return "ready"; // registration closed, the event not begun
}

/** Registering (and cancelling onto the waiting list's benefit) while registration is open. */
export const registrationOpen = (h: HackathonSchedule, now: Date): boolean =>
  now.getTime() >= t(h.registrationOpensAt) && now.getTime() < t(h.registrationClosesAt) && !h.resultsPublishedAt;

/** Teams form and change from the registration's opening until the submission deadline. */
export const teamsOpen = (h: HackathonSchedule, now: Date): boolean =>
  now.getTime() >= t(h.registrationOpensAt) && now.getTime() < t(h.submissionDeadline) && !h.resultsPublishedAt;

/** Projects are submitted and edited from the event's start until the submission deadline. */
export const submissionsOpen = (h: HackathonSchedule, now: Date): boolean =>
  now.getTime() >= t(h.startsAt) && now.getTime() < t(h.submissionDeadline) && !h.resultsPublishedAt;

/** The jury scores after the deadline… or during the event on what is already submitted; until results. */
export const juryOpen = (h: HackathonSchedule, now: Date): boolean =>
  now.getTime() >= t(h.startsAt) && !h.resultsPublishedAt;

// --- teams ------------------------------------------------------------------------------------------

/** The three audiences a space may or may not mix in one team. */
export type Audience = "staff" | "supplier" | "public";
export function audienceOf(role: Role): Audience {
  if (role === "SUPPLIER") return "supplier";
  if (role === "PUBLIC") return "public";
  return "staff";
}

export type TeamJoinProblem = "full" | "mixed";

/**
 * Whether a person may be added to a team: below its size limit, and, unless mixed teams are allowed,
 * of the same audience as every member already in it.
 */
export function teamJoinProblem(options: {
  memberRoles: readonly Role[];
  joinerRole: Role;
  teamSizeMax: number;
  mixedTeams: boolean;
}): TeamJoinProblem | null {
  const { memberRoles, joinerRole, teamSizeMax, mixedTeams } = options;
  if (memberRoles.length >= teamSizeMax) return "full";
  if (!mixedTeams && memberRoles.some((r) => audienceOf(r) !== audienceOf(joinerRole))) return "mixed";
  return null;
}

/** Where the registration lands: a seat while fewer than `capacity` are registered, else the waiting list. */
export const registrationStatusFor = (registered: number, capacity: number): "REGISTERED" | "WAITING" =>
  registered < capacity ? "REGISTERED" : "WAITING";

// --- jury --------------------------------------------------------------------------------------------

/** Average of a project's scores (all jurors, all criteria), or null when nobody scored it. */
export function averageScore(scores: readonly { score: number }[]): number | null {
  if (scores.length === 0) return null;
  return scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
}

// --- forms -------------------------------------------------------------------------------------------

const parisDateTime = () =>
  z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required") })
    .transform((value, ctx) => {
      const date = fromParisLocal(value);
      if (!date) ctx.addIssue({ code: "custom", message: msg("form.invalidDate") });
      return date ?? new Date(0);
    });

/** An http(s) link, or absent. */
export const webLink = () =>
  z
    .string()
    .trim()
    .max(500, { error: msg("form.tooLong", { max: 500 }) })
    .refine(isWebLink, { error: msg("hackathon.invalidLink") })
    .optional();

const count = (min: number, max: number) =>
  z
    .string({ error: msg("form.required") })
    .regex(/^\d{1,5}$/, { error: msg("hackathon.invalidNumber", { min, max }) })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: msg("hackathon.invalidNumber", { min, max }) });

export const MAX_CRITERIA = 8;

/** One criterion a line; at least one. */
const criteriaField = () =>
  z
    .string({ error: msg("form.required") })
    .max(1_000, { error: msg("form.tooLong", { max: 1_000 }) })
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(80, { error: msg("form.tooLong", { max: 80 }) }))
        .min(1, { error: msg("form.required") })
        .max(MAX_CRITERIA, { error: msg("hackathon.tooManyCriteria", { max: MAX_CRITERIA }) }),
    );

export const HackathonFormSchema = z
  .object({
    title: text({ ...CHALLENGE_TITLE, singleLine: true }),
    cover: text({ ...CHALLENGE_COVER, singleLine: true }),
    objective: text(CHALLENGE_BRIEF),
    resources: text({ max: 10_000 }).optional(),
    place: text({ max: 200, singleLine: true }).optional(),
    onlineUrl: webLink(),
    registrationOpensAt: parisDateTime(),
    registrationClosesAt: parisDateTime(),
    startsAt: parisDateTime(),
    endsAt: parisDateTime(),
    submissionDeadline: parisDateTime(),
    resultsAt: parisDateTime(),
    capacity: count(1, 10_000),
    teamSizeMax: count(1, 20),
    mixedTeams: z
      .enum(["on"])
      .optional()
      .transform((v) => v === "on"),
    criteria: criteriaField(),
  })
  .superRefine((v, ctx) => {
    const after = (later: keyof typeof v, earlier: keyof typeof v, key: Parameters<typeof msg>[0], orEqual = false) => {
      const [a, b] = [(v[later] as Date).getTime(), (v[earlier] as Date).getTime()];
      if (orEqual ? a < b : a <= b) ctx.addIssue({ code: "custom", path: [later], message: msg(key) });
    };
    after("registrationClosesAt", "registrationOpensAt", "hackathon.order.registration");
    after("endsAt", "startsAt", "hackathon.order.event");
    after("submissionDeadline", "startsAt", "hackathon.order.submission");
    after("resultsAt", "submissionDeadline", "hackathon.order.results", true);
    if (!v.place && !v.onlineUrl)
      ctx.addIssue({ code: "custom", path: ["place"], message: msg("hackathon.whereRequired") });
  });
export type HackathonInput = z.output<typeof HackathonFormSchema>;

export const TeamFormSchema = z.object({ name: text({ min: 2, max: 80, singleLine: true }) });
export const TeamRefSchema = z.object({ teamId: recordId() });
export const MemberRefSchema = z.object({ teamId: recordId(), userId: recordId() });

export const SubmissionFormSchema = z.object({
  title: text({ min: 8, max: 140, singleLine: true }),
  body: text({ min: 20, max: 20_000 }),
  repoUrl: webLink(),
});
export type SubmissionInput = z.output<typeof SubmissionFormSchema>;

export const JurorFormSchema = z.object({ email: z.string().trim().min(3).max(254) });

/** Scores on the rubric: `c0`, `c1`… each 1..5; the server checks every criterion of the hackathon is there. */
export function scoreFormSchema(criteria: number) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (let i = 0; i < criteria; i++)
    shape[`c${i}`] = z
      .string({ error: msg("evaluation.chooseScore") })
      .regex(/^[1-5]$/, { error: msg("evaluation.chooseScore") })
      .transform(Number);
  return z.object({ ideaId: recordId(), ...shape });
}

export const ResultsFormSchema = z.object({
  text: text({ min: 10, max: 10_000 }),
  winners: z.array(recordId()).max(20).default([]),
  mentions: z.array(recordId()).max(20).default([]),
});
export type ResultsInput = z.output<typeof ResultsFormSchema>;
