import { z } from "zod";
import { text } from "~/lib/validation.ts";

/** The agency's official answer on an idea: markdown, public, one per idea (editable). */
export const OfficialAnswerSchema = z.object({ body: text({ min: 10, max: 10_000 }) });
export type OfficialAnswerInput = z.output<typeof OfficialAnswerSchema>;
