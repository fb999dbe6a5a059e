// Profiles (docs/decisions/0031-mentions-following-profiles.md): the settings form and the mention
// autocomplete's query. Pure, shared by the UI and the server.
import { z } from "zod";
import { recordId, text } from "~/lib/validation.ts";

export const BIO_MAX = 280;

export const ProfileFormSchema = z.object({
  bio: text({ min: 0, max: BIO_MAX }).optional(),
  profilePrivate: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

/** `/api/personnes?idee=<id>&q=…` (commenting, editing) or `?espace=<slug>&q=…` (proposing). */
export const MentionQuerySchema = z
  .object({
    q: z.string().max(60),
    idee: recordId().optional(),
    espace: recordId().optional(),
  })
  .refine((v) => (v.idee === undefined) !== (v.espace === undefined), { path: ["idee"], message: "idee or espace" });

/** Initials for the default avatar: the first letter of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? "");
  return letters.join("").toLocaleUpperCase("fr") || "?";
}
export type ProfileForm = z.infer<typeof ProfileFormSchema>;
