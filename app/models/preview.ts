// The editor's preview (docs/decisions/0030-attachments-and-editor.md): what it is asked to render.
import { z } from "zod";
import { IDEA_BODY } from "./idea.ts";

export const PreviewSchema = z.object({
  texte: z.string().max(IDEA_BODY.max).default(""),
  pour: z.enum(["idee", "commentaire"]),
});
export type PreviewKind = z.infer<typeof PreviewSchema>["pour"];
