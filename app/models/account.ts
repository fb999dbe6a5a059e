// A person's own account: sessions, e-mail and password changes, export and deletion. Forms and pure rules.
import { z } from "zod";
import { email, msg, recordId } from "~/lib/validation.ts";
import { PASSWORD } from "./user.ts";

// Optional: an account without a password confirms through its provider instead; for the others, a
// missing password is a wrong one (app/models/account.server.ts, requireCurrentPassword).
const currentPassword = () =>
  z
    .string()
    .max(PASSWORD.max, { error: msg("form.tooLong", { max: PASSWORD.max }) })
    .optional();

/** How long a re-authentication through a provider stands in for the password (ASVS V7). */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;

export const isRecentReauthentication = (at: Date | null, now: Date) =>
  at !== null && now.getTime() - at.getTime() < REAUTH_WINDOW_MS && at.getTime() <= now.getTime() + 60_000;

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
