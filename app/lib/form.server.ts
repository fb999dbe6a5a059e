// One way for an action to handle a form: parse with the shared zod schema, run the model, and answer
// 400 (or 409) with the submission — field messages included — when the input or a business rule says
// no. The answer names the form (`formId`) so a page with several forms shows it on the right one.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { $ZodType, output } from "zod/v4/core";
import { formShapeProblem } from "./form-bounds.ts";
import { badRequest } from "./http.server.ts";
import { attempt, ruleReply, ruleStatus } from "./rule-error.server.ts";
import { Forbidden } from "~/models/errors.ts";
import type { MessageKey } from "./i18n.ts";
import { HONEYPOT_FIELD } from "./validation.ts";

/**
 * The one way an action reads its form: the body parsed by the platform (a malformed one — a broken
 * multipart body, multipart without a boundary — is a 400, not a 500), then held to the bounds of
 * app/lib/form-bounds.ts before anything else (conform above all) looks at it: too many fields is a
 * 413, a name or a repeat no form of ours sends is a 400.
 */
export async function readForm(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    badRequest("Bad Request: the form body could not be read (malformed or not a form).");
  }
  const problem = formShapeProblem([...formData.keys()]);
  if (problem) throw new Response(problem.message, { status: problem.status });
  return formData;
}

export async function handleForm<Schema extends $ZodType>(options: {
  formData: FormData;
  schema: Schema;
  formId: string;
  run: (value: output<Schema>) => Promise<Response>;
}) {
  const { formData, schema, formId, run } = options;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const outcome = await attempt(() => run(submission.value));
  if (!outcome.ok)
    return data({ formId, result: submission.reply(ruleReply(outcome.error)) }, { status: ruleStatus(outcome.error) });
  return outcome.value;
}

/** The form's id as sent by the page (a hidden field), bounded. */
export const formIdOf = (formData: FormData, fallback: string) =>
  String(formData.get("formId") ?? fallback).slice(0, 80) || fallback;

/** Refuses (400, nothing stored) a submission whose honeypot field was filled: see HONEYPOT_FIELD. */
export function refuseFilledHoneypot(formData: FormData): void {
  const value = formData.get(HONEYPOT_FIELD);
  if (typeof value === "string" ? value.length > 0 : value !== null) badRequest("Submission refused");
}

/**
 * Runs a model call for a form or fetcher whose refusal must not cost what was typed: when the policy
 * says no with a reason to tell (Forbidden with a `reason`, e.g. the challenge's participation closed
 * since the page was read), the reason comes back as a value, for the form to show with a 403, instead
 * of the error page. A bare refusal (a hidden or merged idea) and every other error go on to the one
 * mapping of domain errors (app/lib/http.server.ts).
 */
export async function unlessRefused<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: MessageKey }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof Forbidden && error.reason) return { ok: false, reason: error.reason };
    throw error;
  }
}
