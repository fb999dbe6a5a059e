// Pilots, their KPIs, the go / no-go decision and the rollout: form schemas and pure helpers shared by
// the UI and the server. docs/decisions/0006-pipeline.md
import { z } from "zod";
import { msg, recordId, text } from "~/lib/validation.ts";

export const PILOT_DECISIONS = ["GO", "NO_GO"] as const;
export const MAX_KPIS = 12;
export const MAX_PLACES = 30;

/** "Bretagne, agence de Rennes ,bretagne" → ["Bretagne", "agence de Rennes"] (case-insensitive dedup, order kept). */
export function splitList(raw: string | undefined): string[] {
  if (!raw) return [];
  const seen = new Map<string, string>();
  for (const part of raw.split(/[,;\n]/)) {
    const item = part.trim().replace(/\s+/g, " ");
    if (item && !seen.has(item.toLocaleLowerCase("fr"))) seen.set(item.toLocaleLowerCase("fr"), item);
  }
  return [...seen.values()];
}

const PLACE = /^[^\u0000-\u001F\u007F-\u009F<>]{1,80}$/u;

/** A comma-separated list of agencies or regions. */
const places = () =>
  z
    .string()
    .max(3_000, { error: msg("form.tooLong", { max: 3_000 }) })
    .optional()
    .transform(splitList)
    .pipe(
      z
        .array(z.string().regex(PLACE, { error: msg("pilot.invalidPlace") }))
        .max(MAX_PLACES, { error: msg("pilot.tooManyPlaces", { max: MAX_PLACES }) }),
    );

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2027-03-01" as typed in <input type="date">; a real calendar day between 2000 and 2100. */
export function isValidDay(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const day = () => z.string({ error: msg("form.required") }).refine(isValidDay, { error: msg("form.invalidDate") });

/** The "YYYY-MM-DD" of a DATE column (stored at UTC midnight). */
export const toDay = (date: Date | null | undefined): string | null => (date ? date.toISOString().slice(0, 10) : null);
export const fromDay = (value: string): Date => new Date(`${value}T00:00:00.000Z`);

const DECIMAL = /^-?\d{1,14}(\.\d{1,4})?$/;

/**
 * A measure as people type it ("12,5", "1 200", "-3.25"): at most 14 digits before the separator and
 * 4 after. Kept as a string so that it reaches the DECIMAL column exactly.
 */
export function normalizeDecimal(raw: string): string {
  return raw.replace(/[\s\u00A0\u202F]/g, "").replace(",", ".");
}

const decimal = () =>
  z
    .string({ error: msg("form.required") })
    .transform(normalizeDecimal)
    .pipe(z.string().regex(DECIMAL, { error: msg("pilot.invalidNumber") }));

export const PilotFormSchema = z
  .object({
    hypothesis: text({ min: 10, max: 2_000 }),
    scope: places(),
    startsOn: day().optional(),
    endsOn: day().optional(),
    ownerEmail: z.string().trim().toLowerCase().max(254).optional(),
    resultSummary: text({ max: 5_000 }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: msg("pilot.endBeforeStart") });
    }
  });
export type PilotInput = z.output<typeof PilotFormSchema>;

export const KpiFormSchema = z.object({
  kpiId: recordId().optional(),
  name: text({ min: 2, max: 120, singleLine: true }),
  unit: text({ max: 30, singleLine: true }),
  baseline: decimal(),
  target: decimal(),
  actual: decimal().optional(),
  measuredOn: day().optional(),
});
export type KpiInput = z.output<typeof KpiFormSchema>;

export const KpiDeleteSchema = z.object({ kpiId: recordId() });

export const PilotDecisionSchema = z.object({
  decision: z.enum(PILOT_DECISIONS, { error: msg("pilot.chooseDecision") }),
  reason: text({ min: 5, max: 2_000 }),
});
export type PilotDecisionInput = z.output<typeof PilotDecisionSchema>;

/** http and https only: the link is shown to everyone. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !/\s/.test(value) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const RolloutFormSchema = z.object({
  releasedOn: day(),
  link: z
    .string()
    .trim()
    .max(500, { error: msg("form.tooLong", { max: 500 }) })
    .refine(isWebLink, { error: msg("pilot.invalidLink") })
    .optional(),
  agencies: places(),
});
export type RolloutInput = z.output<typeof RolloutFormSchema>;

/** Where the actual stands between baseline and target: 0 at the baseline, 1 at the target (can exceed). */
export function kpiProgress(kpi: { baseline: string; target: string; actual: string | null }): number | null {
  if (kpi.actual === null) return null;
  const [b, t, a] = [Number(kpi.baseline), Number(kpi.target), Number(kpi.actual)];
  if (t === b) return a === t ? 1 : null;
  return (a - b) / (t - b);
}
