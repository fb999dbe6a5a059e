import { z } from "zod";
import { ROLES } from "~/auth/policy.ts";
import { email, msg, recordId, text } from "~/lib/validation.ts";
import { DELETED_USER_NAME } from "./user-names.ts";

export const PASSWORD = { min: 10, max: 256 } as const;

export { DELETED_USER_ID, DELETED_USER_NAME } from "./user-names.ts";

const password = () =>
  z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required"), abort: true })
    .min(PASSWORD.min, { error: msg("form.tooShort", { min: PASSWORD.min }) })
    .max(PASSWORD.max, { error: msg("form.tooLong", { max: PASSWORD.max }) });

export const SignUpSchema = z.object({
  email: email(),
  // Nobody may pass for the placeholder that deleted people's contributions are signed with.
  displayName: text({ min: 2, max: 60, singleLine: true }).refine(
    (name) => name.toLocaleLowerCase("fr") !== DELETED_USER_NAME.toLocaleLowerCase("fr"),
    {
      error: msg("auth.reservedName"),
    },
  ),
  password: password(),
  // Honeypot: a field hidden from people; bots fill it.
  website: z
    .string()
    .max(0, { error: msg("form.honeypot") })
    .optional(),
});

/** The e-mailed link's form: the password chosen at sign-up (docs/decisions/0021-account-enumeration.md). */
export const ConfirmSignUpSchema = z.object({
  password: z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required") })
    .max(PASSWORD.max, { error: msg("form.tooLong", { max: PASSWORD.max }) }),
});

export const SignInSchema = z.object({
  email: email(),
  password: z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required") })
    .max(PASSWORD.max, { error: msg("form.tooLong", { max: PASSWORD.max }) }),
  redirectTo: z.string().max(500).optional(),
});

export const RoleChangeSchema = z.object({
  userId: recordId(),
  role: z.enum(ROLES, { error: msg("form.invalid") }),
});

export const AccessChangeSchema = z.object({
  userId: recordId(),
  spaceId: recordId(),
});

export const EndUserSessionsSchema = z.object({
  userId: recordId(),
});

/** A new password: the same rule wherever one is chosen (the common-password check is on the server). */
export const newPasswordField = password;
