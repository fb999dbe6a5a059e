// Every form of the house validates the same way (issue 16; tests/e2e/sign-up-click.test.ts): in the
// browser with the server's zod schema, errors appearing on submit and leaving while the person types.
// Never on leaving a field: an error shown on blur moved the submit button under the pointer and lost
// the click that followed.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

/** A zod schema of a form: an object in, an object out. */
export type FormSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export function useSchemaForm<Schema extends FormSchema>(
  schema: Schema,
  options: {
    id?: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: Parameters<typeof useForm<z.input<Schema>, z.output<Schema>>>[0]["defaultValue"];
  } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...options,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
