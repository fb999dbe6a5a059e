// The editor's preview (docs/decisions/0030-attachments-and-editor.md): what it is asked to render, and
// where the text is written (the idea, or the space of a new idea: mentions resolve against it).
import { z } from "zod";
import { recordId } from "~/lib/validation.ts";
import { IDEA_BODY } from "./idea.ts";

export const PreviewSchema = z.object({
  texte: z.string().max(IDEA_BODY.max).default(""),
  pour: z.enum(["idee", "commentaire"]),
  idee: recordId().optional(),
  espace: recordId().optional(),
});
export type PreviewKind = z.infer<typeof PreviewSchema>["pour"];
