// E-mails about the account itself, through the outbox of email.server.ts (docs/decisions/0013) but
// outside notifications: no preferences, no unsubscribe link. "sign-up" carries the link that
// activates a new account, "sign-up-existing" tells the owner of an address that someone tried to
// sign up with it (docs/decisions/0021-account-enumeration.md).
import { issueEmailToken } from "~/auth/email-token.server.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import type { Translate } from "~/lib/i18n.ts";
import { signUpEmail, signUpExistingEmail, type Email } from "./email.ts";

export type AccountEmailKind = "sign-up" | "sign-up-existing";
const KINDS: readonly string[] = ["sign-up", "sign-up-existing"] satisfies AccountEmailKind[];
export const isAccountEmailKind = (kind: string): kind is AccountEmailKind => KINDS.includes(kind);

/**
 * In the sign-up's transaction, when e-mail is configured: one account e-mail, at most one of each
 * kind per person and hour, so that signing up again and again with someone's address cannot flood
 * their mailbox. Returns whether a row was queued.
 */
export async function queueAccountEmail(tx: Tx, userId: string, kind: AccountEmailKind): Promise<boolean> {
  const hour = new Date().toISOString().slice(0, 13);
  const queued = await tx.$executeRaw`
    insert into email_outbox (user_id, kind, dedupe_key)
    values (${userId}, ${kind}, ${`${kind}:${userId}:${hour}`})
    on conflict (dedupe_key) do nothing`;
  return queued > 0;
}

/** At sending time, by the outbox worker; null when there is nothing to send any more. */
export async function renderAccountEmail(
  kind: AccountEmailKind,
  to: { id: string; displayName: string },
  t: Translate,
  appUrl: string,
): Promise<Email | null> {
  if (kind === "sign-up-existing") return signUpExistingEmail(t, to.displayName, `${appUrl}/connexion`);
  // Already activated (with an earlier link): nothing to send. Otherwise a fresh link, which replaces
  // the earlier ones; the secret exists only in the e-mail, never in the outbox.
  const user = await prisma.user.findUnique({ where: { id: to.id }, select: { emailVerifiedAt: true } });
  if (!user || user.emailVerifiedAt) return null;
  const token = await issueEmailToken(to.id, "sign-up");
  return signUpEmail(t, `${appUrl}/inscription/confirmer/${token}`);
}
