// A business rule refused what a person asked (a stale stage, a missing "go", an unknown evaluator).
// Models throw it, even from inside a transaction (which then rolls back); routes turn it into the
// form's answer: status 400 (or 409 for a conflict with someone else's change) with a message the
// form shows next to the field, or at its top. Authorization failures stay thrown 403/404 Responses.
import type { MessageKey } from "./i18n.ts";

export class RuleError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly options: { status?: 400 | 409; field?: string } = {},
  ) {
    super(key);
    this.name = "RuleError";
  }

  get status(): 400 | 409 {
    return this.options.status ?? 400;
  }
}

/** Runs a model call; a RuleError comes back as a value, anything else is rethrown. */
export async function attempt<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: RuleError }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, error };
    throw error;
  }
}

/** The conform reply options for a refused submission: the message goes to its field, or the form. */
export function ruleReply(error: RuleError) {
  return error.options.field ? { fieldErrors: { [error.options.field]: [error.key] } } : { formErrors: [error.key] };
}
