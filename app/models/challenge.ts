// Challenges — themed calls for ideas in a space (docs/decisions/0015-challenges.md). Pure: the form
// schema (its dates are Paris wall-clock times as typed in the form: app/lib/time.ts), and when a
// challenge takes ideas.
import { z } from "zod";
import { fromParisLocal } from "~/lib/time.ts";
import type { MessageKey } from "~/lib/i18n.ts";
import { msg, text } from "~/lib/validation.ts";
import { tagsField } from "./idea.ts";

export const CHALLENGE_TITLE = { min: 8, max: 140 } as const;
export const CHALLENGE_COVER = { min: 10, max: 280 } as const;
export const CHALLENGE_BRIEF = { min: 10, max: 20_000 } as const;

export type ChallengeStatus = "upcoming" | "open" | "closed";

export function challengeStatus(
  challenge: { opensAt: Date | string; closesAt: Date | string },
  now: Date,
): ChallengeStatus {
  if (now < new Date(challenge.opensAt)) return "upcoming";
  return now < new Date(challenge.closesAt) ? "open" : "closed";
}

/** Ideas are proposed into a challenge only while it is open. */
export const acceptsIdeas = (challenge: { opensAt: Date | string; closesAt: Date | string }, now: Date) =>
  challengeStatus(challenge, now) === "open";

/** Time left until it closes, in whole units, for "plus que 3 jours" (null once closed). */
export function timeLeft(
  closesAt: Date | string,
  now: Date,
): { unit: "day" | "hour" | "minute"; count: number } | null {
  const ms = new Date(closesAt).getTime() - now.getTime();
  if (ms <= 0) return null;
  if (ms >= 2 * 86_400_000) return { unit: "day", count: Math.floor(ms / 86_400_000) };
  if (ms >= 2 * 3_600_000) return { unit: "hour", count: Math.floor(ms / 3_600_000) };
  return { unit: "minute", count: Math.max(1, Math.ceil(ms / 60_000)) };
}

const parisDateTime = () =>
  z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required") })
    .transform((value, ctx) => {
      const date = fromParisLocal(value);
      if (!date) ctx.addIssue({ code: "custom", message: msg("form.invalidDate") });
      return date ?? new Date(0);
    });

export const ChallengeFormSchema = z
  .object({
    title: text({ ...CHALLENGE_TITLE, singleLine: true }),
    cover: text({ ...CHALLENGE_COVER, singleLine: true }),
    brief: text(CHALLENGE_BRIEF),
    tags: tagsField(),
    opensAt: parisDateTime(),
    closesAt: parisDateTime(),
  })
  .superRefine((value, ctx) => {
    if (value.closesAt.getTime() <= value.opensAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: msg("challenge.closesBeforeOpens") });
    }
  });

export type ChallengeInput = z.output<typeof ChallengeFormSchema>;

export const ChallengeParticipationSchema = z.object({ open: z.enum(["true", "false"]) });

/** Why proposing into a challenge is refused, as the propose form says it on the challenge field. */
export const CHALLENGE_REFUSALS = {
  unknown: "ideaForm.challengeUnknown",
  upcoming: "ideaForm.challengeUpcoming",
  closed: "ideaForm.challengeClosed",
} as const satisfies Record<string, MessageKey>;
