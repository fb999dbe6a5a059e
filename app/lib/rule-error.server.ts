// A refused business rule inside a form: models throw RuleBroken (app/models/errors.ts), even from inside
// a transaction (which then rolls back); routes that show the refusal in their form run the model
// through `attempt` and answer the form: status 400 (or 409 for a conflict with someone else's change)
// with the message next to the field, or at its top. Any other domain error goes on to the one mapping
// of domain errors to pages (app/lib/http.server.ts withDomainErrors).
import { RuleBroken } from "~/models/errors.ts";
import { msg } from "./validation.ts";

/** Runs a model call; a RuleBroken comes back as a value, anything else is rethrown. */
export async function attempt<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: RuleBroken }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof RuleBroken) return { ok: false, error };
    throw error;
  }
}

/** The status a refused rule answers in its form. */
export const ruleStatus = (error: RuleBroken): 400 | 409 => (error.conflict ? 409 : 400);

/** The conform reply options for a refused submission: the message goes to its field, or the form. */
export function ruleReply(error: RuleBroken) {
  const text = msg(error.key, error.options.params);
  return error.field ? { fieldErrors: { [error.field]: [text] } } : { formErrors: [text] };
}
