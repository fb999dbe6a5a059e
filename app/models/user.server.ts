import type { Locale } from "~/lib/i18n.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/auth/password.server.ts";
import { canManageUsers, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { recordAudit } from "./audit.server.ts";
import { DELETED_USER_ID } from "./user.ts";
import { publish } from "~/realtime/publish.server.ts";
import { forbidden, invalid, notFound } from "./errors.ts";

export class EmailTakenError extends Error {}

export async function createUser(input: {
  email: string;
  displayName: string;
  password: string;
  role?: Role;
  locale?: Locale;
}) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        id: newId(),
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        role: input.role ?? "PUBLIC",
        locale: input.locale ?? "fr",
      },
      select: { id: true, displayName: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

/**
 * The user when the password matches; null otherwise, in the same time whether or not the account exists.
 * A suspended account answers "suspended" — only to someone who knows its password.
 */
export async function authenticate(
  email: string,
  password: string,
): Promise<{ id: string; displayName: string } | "suspended" | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, displayName: true, passwordHash: true, suspendedAt: true },
  });
  if (!user) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.suspendedAt) return "suspended";
  return { id: user.id, displayName: user.displayName };
}

export async function listUsersForAdmin(viewer: Viewer, query: string) {
  if (!canManageUsers(viewer)) forbidden();
  const q = query.trim().slice(0, 100);
  return prisma.user.findMany({
    where: {
      // The placeholder that deleted people's contributions are attributed to is nobody to manage.
      id: { not: DELETED_USER_ID },
      ...(q
        ? {
            OR: [
              { email: { contains: q, mode: "insensitive" as const } },
              { displayName: { contains: q, mode: "insensitive" as const } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      email: true,
      displayName: true,
      role: true,
      createdAt: true,
      spaceAccesses: { select: { spaceId: true } },
    },
  });
}

export async function changeRole(options: { viewer: Viewer; userId: string; role: Role }) {
  const { viewer, userId, role } = options;
  if (!canManageUsers(viewer)) forbidden();
  if (viewer!.id === userId && role !== "ADMIN") invalid("admin.selfDemote");
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!before) notFound();
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    if (before.role !== role) {
      await recordAudit(tx, {
        actorId: viewer!.id,
        action: "user.role",
        target: { type: "user", id: userId },
        before,
        after: { role },
      });
    }
  });
  // Their open sockets reconnect with the new rights (they may no longer see InnovAction).
  publish({ type: "user:access-changed", userId });
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true, role: true } });
}

export async function setSpaceAccess(options: { viewer: Viewer; userId: string; spaceId: string; granted: boolean }) {
  const { viewer, userId, spaceId, granted } = options;
  if (!canManageUsers(viewer)) forbidden();
  const [user, space] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { displayName: true } }),
    prisma.space.findUnique({ where: { id: spaceId }, select: { nameFr: true, nameEn: true, audience: true } }),
  ]);
  if (!user || !space) notFound();
  if (space.audience !== "INTERNAL") invalid("Only internal spaces need a grant");
  await prisma.$transaction(async (tx) => {
    const { count } = granted
      ? await tx.spaceAccess.createMany({ data: [{ userId, spaceId, grantedById: viewer!.id }], skipDuplicates: true })
      : await tx.spaceAccess.deleteMany({ where: { userId, spaceId } });
    if (count > 0) {
      await recordAudit(tx, {
        actorId: viewer!.id,
        action: granted ? "space.grant" : "space.revoke",
        target: { type: "user", id: userId },
        after: { spaceId },
      });
    }
  });
  publish({ type: "user:access-changed", userId });
  return { user, space };
}
