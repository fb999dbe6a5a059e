// Personal API tokens (docs/decisions/0026-read-api.md), pure: the form that creates one and the shape of
// a token as its owner presents it. The UI imports this file too.
import { z } from "zod";
import { msg, recordId, text } from "~/lib/validation.ts";

/** How long a new token lives, in days: the form offers these. */
export const TOKEN_LIFETIMES = ["30", "90", "365"] as const;
/** A person keeps at most this many live tokens. */
export const MAX_TOKENS = 10;
/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = "idees_";

export const CreateTokenSchema = z.object({
  name: text({ min: 2, max: 60, singleLine: true }),
  lifetime: z.enum(TOKEN_LIFETIMES, { error: msg("form.invalid") }),
});
export type CreateTokenInput = z.output<typeof CreateTokenSchema>;

export const RevokeTokenSchema = z.object({ tokenId: recordId() });

/** "idees_<id>.<secret>": the id is an index key, the secret is only ever stored hashed. */
export function splitToken(token: string): { id: string; secret: string } | null {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const match = /^([a-z2-7]{1,64})\.([a-z2-7]{1,128})$/.exec(token.slice(TOKEN_PREFIX.length));
  return match ? { id: match[1]!, secret: match[2]! } : null;
}
