// Suppliers by invitation (docs/decisions/0024-invitations-terms-and-passwords.md). An admin or a
// manager invites an address for a company, with an optional end of access; the account exists from
// then on (unverified, no usable password) and the e-mailed link — single-use, valid seven days — lets
// the supplier choose a name and a password: they become SUPPLIER with InnovAction access until the
// end date or a revocation. Self sign-ups never become suppliers: an address with an activated account
// cannot be invited, and a pending self sign-up is taken over (it belongs to nobody yet).
import { consumeEmailToken, findEmailToken, issueEmailToken } from "~/auth/email-token.server.ts";
import { hashPassword } from "~/auth/password.server.ts";
import { refuseCommonPassword } from "~/auth/password-policy.server.ts";
import { canInviteSuppliers, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { env } from "~/lib/env.server.ts";
import { startOfNextParisDay } from "~/lib/time.ts";
import { publish } from "~/realtime/publish.server.ts";
import { queueAccountEmail } from "./account-email.server.ts";
import { recordAudit } from "./audit.server.ts";
import { isEmailConfigured } from "./email.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { invitationState } from "./credentials.ts";
import { NO_PASSWORD } from "./identity.server.ts";
import { isStaffEmail } from "./identity.ts";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
export const INNOVACTION_SLUG = "innovaction";

export async function inviteSupplier(options: {
  viewer: Viewer;
  email: string;
  company: string;
  accessEndsAt?: string;
}): Promise<{ id: string }> {
  const { viewer, email, company } = options;
  if (!canInviteSuppliers(viewer)) forbidden();
  // Staff addresses sign in through the agency's provider (STAFF_EMAIL_DOMAINS), never as suppliers.
  if (isStaffEmail(email, env().STAFF_EMAIL_DOMAINS)) throw new RuleBroken("identity.staffDomain", { field: "email" });
  const accessEndsAt = options.accessEndsAt ? startOfNextParisDay(options.accessEndsAt) : null;
  if (options.accessEndsAt && (!accessEndsAt || accessEndsAt <= new Date()))
    throw new RuleBroken("invite.endInPast", { field: "accessEndsAt" });
  const mail = isEmailConfigured();
  const result = await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true } });
    if (existing?.emailVerifiedAt) throw new RuleBroken("invite.emailTaken", { field: "email" });
    const account = { role: "SUPPLIER" as const, passwordHash: NO_PASSWORD, emailVerifiedAt: null, accessEndsAt };
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: account, select: { id: true } })
      : await tx.user.create({
          data: { id: newId(), email, displayName: company, ...account },
          select: { id: true },
        });
    await tx.emailToken.deleteMany({ where: { userId: user.id } });
    await tx.invitation.deleteMany({ where: { userId: user.id } });
    const invitation = await tx.invitation.create({
      data: {
        id: newId(),
        userId: user.id,
        email,
        company,
        accessEndsAt,
        invitedById: viewer!.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: viewer!.id,
      action: "supplier.invite",
      target: { type: "user", id: user.id },
      after: { company, accessEndsAt: accessEndsAt?.toISOString() ?? null },
    });
    if (mail) await queueAccountEmail(tx, user.id, "invitation", { scope: invitation.id });
    return { invitationId: invitation.id, userId: user.id };
  });
  // With e-mail on, the queue sends it (the job was added in the transaction).
  if (!mail) {
    const token = await issueEmailToken(result.userId, "invitation");
    console.info(`[email] SMTP_URL is not set: the invitation of ${email} is accepted at /invitation/${token}`);
  }
  return { id: result.invitationId };
}

/** The invitations, newest first, with their state, for the admin page. */
export async function listInvitations(viewer: Viewer) {
  if (!canInviteSuppliers(viewer)) forbidden();
  const rows = await prisma.invitation.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      email: true,
      company: true,
      accessEndsAt: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedBy: { select: { displayName: true } },
      user: { select: { accessEndsAt: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    company: r.company,
    invitedBy: r.invitedBy?.displayName ?? null,
    createdAt: r.createdAt.toISOString(),
    accessEndsAt: r.user.accessEndsAt?.toISOString() ?? null,
    state: invitationState(r, r.user.accessEndsAt),
  }));
}

/** Revokes a pending invitation (its link stops working) or an accepted one (the supplier's access ends now). */
export async function revokeInvitation(options: { viewer: Viewer; invitationId: string }) {
  const { viewer, invitationId } = options;
  if (!canInviteSuppliers(viewer)) forbidden();
  const userId = await prisma.$transaction(async (tx) => {
    const inv = await tx.invitation.findUnique({
      where: { id: invitationId },
      select: { userId: true, revokedAt: true, acceptedAt: true, expiresAt: true },
    });
    if (!inv) notFound();
    if (inv.revokedAt) return inv.userId;
    const now = new Date();
    await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: now }, select: { id: true } });
    await tx.emailToken.deleteMany({ where: { userId: inv.userId, purpose: "invitation" } });
    if (inv.acceptedAt) {
      await tx.user.update({ where: { id: inv.userId }, data: { accessEndsAt: now }, select: { id: true } });
      await tx.session.deleteMany({ where: { userId: inv.userId } });
    }
    await recordAudit(tx, {
      actorId: viewer!.id,
      action: "supplier.revoke",
      target: { type: "user", id: inv.userId },
      after: { accepted: inv.acceptedAt !== null },
    });
    return inv.userId;
  });
  publish({ type: "user:access-changed", userId });
}

/** The invitation a link opens, while it can be accepted; null otherwise. */
export async function findLiveInvitation(token: string) {
  const found = await findEmailToken(token, "invitation");
  if (!found) return null;
  const inv = await prisma.invitation.findUnique({
    where: { userId: found.userId },
    select: { id: true, userId: true, email: true, company: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  if (!inv || invitationState(inv, null) !== "pending") return null;
  return inv;
}

/** Accepts an invitation: the supplier's name and password, SUPPLIER with InnovAction access. Returns the person to sign in. */
export async function acceptInvitation(input: { token: string; displayName: string; password: string }) {
  const inv = await findLiveInvitation(input.token);
  if (!inv) throw new RuleBroken("invite.invalidLink");
  refuseCommonPassword(input.password, "password");
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    if (!(await consumeEmailToken(tx, input.token, "invitation"))) throw new RuleBroken("invite.invalidLink");
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (count !== 1) throw new RuleBroken("invite.invalidLink");
    const full = await tx.invitation.findUniqueOrThrow({
      where: { id: inv.id },
      select: { accessEndsAt: true, invitedById: true },
    });
    await tx.user.update({
      where: { id: inv.userId },
      data: {
        displayName: input.displayName,
        passwordHash,
        role: "SUPPLIER",
        emailVerifiedAt: new Date(),
        accessEndsAt: full.accessEndsAt,
      },
      select: { id: true },
    });
    const space = await tx.space.findUnique({ where: { slug: INNOVACTION_SLUG }, select: { id: true } });
    if (space)
      await tx.spaceAccess.createMany({
        data: [{ userId: inv.userId, spaceId: space.id, grantedById: full.invitedById }],
        skipDuplicates: true,
      });
    await recordAudit(tx, {
      actorId: inv.userId,
      action: "supplier.accept",
      target: { type: "user", id: inv.userId },
      after: { company: inv.company },
    });
  });
  return { id: inv.userId, displayName: input.displayName };
}

/**
 * Access that ended by itself at its end date: sessions are already refused (app/auth/session.server.ts);
 * this job deletes them and disconnects open sockets. Returns how many people it ended.
 */
export async function endExpiredSupplierAccess(): Promise<number> {
  const rows = await prisma.$queryRaw<{ user_id: string }[]>`
    delete from sessions s using users u
     where s.user_id = u.id and u.access_ends_at is not null and u.access_ends_at <= now()
    returning s.user_id`;
  const users = [...new Set(rows.map((r) => r.user_id))];
  for (const userId of users) publish({ type: "user:access-changed", userId });
  return users.length;
}
