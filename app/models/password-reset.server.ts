// "Mot de passe oublié" (OWASP ASVS 5.0 V6.4; docs/decisions/0024-invitations-terms-and-passwords.md).
// Asking answers the same whether or not the address has an account; an account that may sign in gets
// a single-use link, stored hashed (app/auth/email-token.server.ts), valid one hour, which replaces the
// earlier ones. Using it sets a new password (not a common one) and ends every session of the person.
import { consumeEmailToken, findEmailToken, issueEmailToken } from "~/auth/email-token.server.ts";
import { hashPassword } from "~/auth/password.server.ts";
import { refuseCommonPassword } from "~/auth/password-policy.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { queueAccountEmail } from "./account-email.server.ts";
import { recordAudit } from "./audit.server.ts";
import { isEmailConfigured } from "./email.server.ts";
import { RuleBroken } from "./errors.ts";

/** Queues the reset e-mail when the address belongs to an account that may sign in; returns nothing either way. */
export async function requestPasswordReset(email: string): Promise<void> {
  const mail = isEmailConfigured();
  const user = await prisma.$transaction(async (tx) => {
    const found = await tx.user.findUnique({
      where: { email },
      select: { id: true, emailVerifiedAt: true, suspendedAt: true, accessEndsAt: true },
    });
    const eligible =
      found?.emailVerifiedAt && !found.suspendedAt && !(found.accessEndsAt && found.accessEndsAt <= new Date());
    if (!found || !eligible) return null;
    if (mail) await queueAccountEmail(tx, found.id, "password-reset");
    return found;
  });
  if (!user) return;
  if (mail) return; // the queue sends it (the job was added in the transaction)
  // No SMTP_URL (a local demo): the operator reads the link in the server's log, as for sign-ups.
  const token = await issueEmailToken(user.id, "password-reset");
  console.info(`[email] SMTP_URL is not set: the password of ${email} can be reset at /mot-de-passe/nouveau/${token}`);
}

/** Whether a reset link can still be used (the page shows the form, or says it is not valid). */
export async function isResetLinkLive(token: string): Promise<boolean> {
  return (await findEmailToken(token, "password-reset")) !== null;
}

/** Sets the new password with a live link, uses the link up and ends every session of the person. */
export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  const found = await findEmailToken(input.token, "password-reset");
  if (!found) throw new RuleBroken("auth.resetInvalidLink");
  refuseCommonPassword(input.password, "password");
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    if (!(await consumeEmailToken(tx, input.token, "password-reset"))) throw new RuleBroken("auth.resetInvalidLink");
    await tx.user.update({ where: { id: found.userId }, data: { passwordHash }, select: { id: true } });
    const { count } = await tx.session.deleteMany({ where: { userId: found.userId } });
    await recordAudit(tx, {
      actorId: found.userId,
      action: "user.password.reset",
      target: { type: "user", id: found.userId },
      after: { sessionsEnded: count },
    });
  });
  // Open sockets of the ended sessions are disconnected on every process.
  publish({ type: "user:access-changed", userId: found.userId });
}
