// Moderation: the form schemas and pure rules, shared by the UI and the server.
// docs/decisions/0008-moderation.md
import { z } from "zod";
import type { FlagReason } from "~/generated/prisma/enums.ts";
import { msg, recordId, text } from "~/lib/validation.ts";

export const FLAG_REASONS = [
  "SPAM",
  "ABUSE",
  "PERSONAL_DATA",
  "OFF_TOPIC",
  "OTHER",
] as const satisfies readonly FlagReason[];
export const FLAG_NOTE_MAX = 500;
export const MODERATION_REASON = { min: 5, max: 500 } as const;

const id = recordId;
/**
 * A required reason. conform's type coercion also reaches the string inside text()'s pipe, so a blank
 * value ("   ", trimmed to "" there) came back as zod's generic English type message: blank input is
 * made empty first, which text() answers with "Ce champ est obligatoire.".
 */
/** An optional free text: empty means absent. */
const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .pipe(text({ max }).optional());

/** "Signaler": on the idea itself (no commentId) or on one of its comments. */
export const FlagSchema = z.object({
  commentId: id().optional(),
  reason: z.enum(FLAG_REASONS, { error: msg("moderation.chooseReason") }),
  note: optionalText(FLAG_NOTE_MAX),
});
export type FlagInput = z.output<typeof FlagSchema>;

export const MODERATION_TARGETS = ["idea", "comment"] as const;
export type ModerationTarget = (typeof MODERATION_TARGETS)[number];

const target = { target: z.enum(MODERATION_TARGETS), targetId: id() };

/** Hiding needs a reason: the author is shown it. */
export const HideSchema = z.object({ ...target, reason: text(MODERATION_REASON) });
/** Restoring or dismissing: the flags are closed. */
export const ResolveSchema = z.object(target);

export const SuspendSchema = z.object({ userId: id(), reason: text(MODERATION_REASON) });
export const UnsuspendSchema = z.object({ userId: id() });

/** Content is hidden pending review once this many distinct people flagged it (and nobody decided yet). */
export function reachesThreshold(openFlags: number, threshold: number): boolean {
  return openFlags >= threshold;
}
