// New passwords (OWASP ASVS 5.0 V6.2): at least 10 characters (the form's schema) and not one of the
// common or breached passwords that @zxcvbn-ts/language-common ships (about 49,000, ranked by how often
// they appear in breaches). Checked on the server only: the list stays out of the browser bundle.
// docs/decisions/0024-invitations-terms-and-passwords.md
import { dictionary } from "@zxcvbn-ts/language-common";
import { RuleBroken } from "~/models/errors.ts";

let common: Set<string> | undefined;

/** Whether the password is on the list (case-insensitive: "Azerty123456" is as guessable as "azerty123456"). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/** Refuses a new password that is on the list, with the message next to `field`. */
export function refuseCommonPassword(password: string, field: string): void {
  if (isCommonPassword(password)) throw new RuleBroken("auth.passwordCommon", { field });
}
