// E-mails about the account itself, through the outbox of email.server.ts (docs/decisions/0013) but
// outside notifications: no preferences, no unsubscribe link. "sign-up" carries the link that
// activates a new account, "sign-up-existing" tells the owner of an address that someone tried to
// sign up with it (docs/decisions/0021-account-enumeration.md); "password-reset", "invitation",
// "email-change" (to the new address) and "email-changed" (to the old one) are those of
// docs/decisions/0024-invitations-terms-and-passwords.md. Every link's secret is made when the e-mail
// is rendered, never kept in the outbox.
import { issueEmailToken } from "~/auth/email-token.server.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { addJob, TASK } from "~/lib/job-queue.server.ts";
import { formatDateTime, type Translate } from "~/lib/i18n.ts";
import { emailChangedEmail, emailChangeEmail, invitationEmail, passwordResetEmail } from "./account-email.ts";
import { isLocaleCode, signUpEmail, signUpExistingEmail, type Email } from "./email.ts";

export type AccountEmailKind =
  "sign-up" | "sign-up-existing" | "password-reset" | "invitation" | "email-change" | "email-changed";
const KINDS: readonly string[] = [
  "sign-up",
  "sign-up-existing",
  "password-reset",
  "invitation",
  "email-change",
  "email-changed",
] satisfies AccountEmailKind[];
export const isAccountEmailKind = (kind: string): kind is AccountEmailKind => KINDS.includes(kind);

/**
 * In the caller's transaction, when e-mail is configured: one account e-mail, at most one of each
 * kind per person, hour (and `scope`: an invitation, a new address) so that asking again and again
 * cannot flood a mailbox. Returns whether a row was queued.
 */
export async function queueAccountEmail(
  tx: Tx,
  userId: string,
  kind: AccountEmailKind,
  options: { data?: Record<string, string>; scope?: string } = {},
): Promise<boolean> {
  const hour = new Date().toISOString().slice(0, 13);
  const key = `${kind}:${userId}:${hour}${options.scope ? `:${options.scope}` : ""}`;
  const queued = await tx.$executeRaw`
    insert into email_outbox (user_id, kind, dedupe_key, data)
    values (${userId}, ${kind}, ${key}, ${JSON.stringify(options.data ?? {})}::jsonb)
    on conflict (dedupe_key) do nothing`;
  if (queued > 0) await addJob(tx, TASK.emailDelivery, {});
  return queued > 0;
}

type To = { id: string; displayName: string; locale: string };

/** The link an account e-mail carries, made now; null when there is nothing to send any more. */
export async function accountEmailLink(
  kind: "sign-up" | "password-reset" | "invitation" | "email-change",
  userId: string,
  data: Record<string, unknown> = {},
): Promise<{ path: string; expiresAt?: Date } | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      emailVerifiedAt: true,
      suspendedAt: true,
      accessEndsAt: true,
      invitation: { select: { expiresAt: true, acceptedAt: true, revokedAt: true } },
    },
  });
  if (!user) return null;
  switch (kind) {
    case "sign-up":
      // Already activated (with an earlier link), or an invited account: nothing to send.
      if (user.emailVerifiedAt || user.invitation) return null;
      return { path: `/inscription/confirmer/${await issueEmailToken(userId, "sign-up")}` };
    case "password-reset":
      if (!user.emailVerifiedAt || user.suspendedAt || (user.accessEndsAt && user.accessEndsAt <= new Date()))
        return null;
      return { path: `/mot-de-passe/nouveau/${await issueEmailToken(userId, "password-reset")}` };
    case "invitation": {
      const inv = user.invitation;
      if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) return null;
      const token = await issueEmailToken(userId, "invitation", { expiresAt: inv.expiresAt });
      return { path: `/invitation/${token}`, expiresAt: inv.expiresAt };
    }
    case "email-change": {
      const newEmail = typeof data.newEmail === "string" ? data.newEmail : null;
      if (!newEmail || !user.emailVerifiedAt || user.suspendedAt) return null;
      // Taken (the page said "a link was sent" all the same: no enumeration): nothing to send.
      if (await prisma.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return null;
      return { path: `/compte/adresse/${await issueEmailToken(userId, "email-change", { newEmail })}` };
    }
  }
}

/** At sending time, by the outbox worker; null when there is nothing to send any more. */
export async function renderAccountEmail(
  kind: AccountEmailKind,
  to: To,
  t: Translate,
  appUrl: string,
  data: Record<string, unknown> = {},
): Promise<Email | null> {
  if (kind === "sign-up-existing") return signUpExistingEmail(t, to.displayName, `${appUrl}/connexion`);
  if (kind === "email-changed") {
    if (typeof data.oldEmail !== "string" || typeof data.newEmail !== "string") return null;
    return {
      ...emailChangedEmail(t, to.displayName, data.newEmail, `${appUrl}/mot-de-passe-oublie`),
      to: data.oldEmail,
    };
  }
  const link = await accountEmailLink(kind, to.id, data);
  if (!link) return null;
  const url = `${appUrl}${link.path}`;
  switch (kind) {
    case "sign-up":
      return signUpEmail(t, url);
    case "password-reset":
      return passwordResetEmail(t, to.displayName, url);
    case "invitation": {
      const inv = await prisma.invitation.findUnique({ where: { userId: to.id }, select: { company: true } });
      const locale = isLocaleCode(to.locale) ? to.locale : "fr";
      return invitationEmail(t, inv?.company ?? "", url, formatDateTime(locale, link.expiresAt!.toISOString()));
    }
    case "email-change":
      return { ...emailChangeEmail(t, to.displayName, url), to: String(data.newEmail) };
  }
}
