// Challenges — themed calls for ideas in a space (docs/decisions/0015-challenges.md). Pure: the form
// schema, when a challenge takes ideas, and Paris wall-clock times as typed in the form.
import { z } from "zod";
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

/* ------------------------ Paris wall-clock date-times ------------------------ */

const PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

function parisParts(date: Date) {
  const p = Object.fromEntries(PARIS.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute) };
}

/** Paris's offset from UTC at that instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffset(date: Date): number {
  const p = parisParts(date);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(date.getTime() / 60_000) * 60_000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * "2027-03-01T09:00" as typed in <input type="datetime-local">, read as Paris time. Null for anything
 * that is not a real time there (the 31st of February, 02:30 on the night clocks go forward).
 */
export function fromParisLocal(value: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (y < 2000 || y > 2100) return null;
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  let instant = naive - parisOffset(new Date(naive));
  instant = naive - parisOffset(new Date(instant));
  const date = new Date(instant);
  return toParisLocal(date) === value ? date : null;
}

export function toParisLocal(date: Date | string): string {
  const p = parisParts(new Date(date));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}`;
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
