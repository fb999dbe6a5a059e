// The roll-out page's form to record an agency's adoption (docs/decisions/0028, part 4). Its own module:
// the form's schema goes to the browser, the CSV reading of agency.ts (csv-parse) does not.
import { z } from "zod";
import { msg } from "~/lib/validation.ts";
import { isValidDay } from "./pilot.ts";

/**
 * A manager records an adoption directly, on the roll-out page: the agency (its code or its exact name,
 * as in the reference list) and the day it started using the idea (a Paris day, not in the future:
 * checked against the clock by the model).
 */
export const RecordAdoptionSchema = z.object({
  agency: z
    .string({ error: msg("form.required") })
    .trim()
    .min(1, { error: msg("form.required") })
    .max(120, { error: msg("form.tooLong", { max: 120 }) }),
  adoptedOn: z.string({ error: msg("form.required") }).refine(isValidDay, { error: msg("form.invalidDate") }),
});
export type RecordAdoptionInput = z.output<typeof RecordAdoptionSchema>;
