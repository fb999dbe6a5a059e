// A person's own account: sessions, e-mail and password changes, export and deletion. Forms and pure rules.
import { z } from "zod";
import { email, msg, recordId } from "~/lib/validation.ts";
import { PASSWORD } from "./user.ts";

const currentPassword = () =>
  z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required") })
    .max(PASSWORD.max, { error: msg("form.tooLong", { max: PASSWORD.max }) });

export const ChangePasswordSchema = z.object({
  currentPassword: currentPassword(),
  newPassword: z
    .string({ error: msg("form.required") })
    .min(1, { error: msg("form.required"), abort: true })
    .min(PASSWORD.min, { error: msg("form.tooShort", { min: PASSWORD.min }) })
    .max(PASSWORD.max, { error: msg("form.tooLong", { max: PASSWORD.max }) }),
});

export const ChangeEmailSchema = z.object({
  currentPassword: currentPassword(),
  email: email(),
});

export const EndSessionSchema = z.object({
  sessionId: recordId(),
});

export const CONTRIBUTION_CHOICES = ["keep", "remove"] as const;
export type ContributionChoice = (typeof CONTRIBUTION_CHOICES)[number];

export const DeleteAccountSchema = z.object({
  currentPassword: currentPassword(),
  contributions: z.enum(CONTRIBUTION_CHOICES, { error: msg("form.invalid") }).default("keep"),
});

export { DELETED_USER_ID, DELETED_USER_NAME } from "./user.ts";

/** "Firefox · Windows": enough for a person to recognise a device, from a User-Agent header. */
export function summarizeUserAgent(userAgent: string | null | undefined): {
  browser: string | null;
  os: string | null;
} {
  const ua = userAgent ?? "";
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS\//.test(ua)
        ? "Firefox"
        : /Chrom(e|ium)\/|CriOS\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua) && /Version\//.test(ua)
            ? "Safari"
            : null;
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad|iPod/.test(ua)
        ? "iOS"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  return { browser, os };
}
