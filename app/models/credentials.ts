// Forms of password reset, supplier invitations and supplier terms (docs/decisions/0024-invitations-
// terms-and-passwords.md). Pure: shared by the pages and the server.
import { z } from "zod";
import { email, msg, recordId, text } from "~/lib/validation.ts";
import { newPasswordField } from "./user.ts";

export const ForgotPasswordSchema = z.object({
  email: email(),
  website: z
    .string()
    .max(0, { error: msg("form.honeypot") })
    .optional(),
});

export const ResetPasswordSchema = z.object({ password: newPasswordField() });

/** `accessEndsAt`: a day (YYYY-MM-DD); access ends at the end of that day, Paris time. */
export const InviteSupplierSchema = z.object({
  email: email(),
  company: text({ min: 2, max: 120, singleLine: true }),
  accessEndsAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: msg("form.invalid") })
    .optional(),
});

export const AcceptInvitationSchema = z.object({
  displayName: text({ min: 2, max: 60, singleLine: true }),
  password: newPasswordField(),
});

export const InvitationIdSchema = z.object({ invitationId: recordId() });

export const SupplierTermsSchema = z.object({
  bodyFr: text({ min: 20, max: 20_000 }),
  bodyEn: text({ min: 20, max: 20_000 }),
});

export const AcceptTermsSchema = z.object({ version: z.coerce.number().int().positive() });

export type InvitationState = "pending" | "expired" | "revoked" | "active" | "ended";

/** Where an invitation stands, from its dates and its supplier's access end. */
export function invitationState(
  inv: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  accessEndsAt: Date | null,
  now = new Date(),
): InvitationState {
  if (inv.acceptedAt) return inv.revokedAt || (accessEndsAt && accessEndsAt <= now) ? "ended" : "active";
  if (inv.revokedAt) return "revoked";
  return inv.expiresAt <= now ? "expired" : "pending";
}
