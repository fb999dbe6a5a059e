// Versioned intellectual-property and confidentiality terms for suppliers (docs/decisions/0024-
// invitations-terms-and-passwords.md). Admins publish a new version (French and English); the highest
// version is in force; a supplier accepts it before their first idea and again after each new version.
// Who accepted which version and when is kept (and exported: CSV for managers, the person's own export).
import { canInviteSuppliers, canPublishSupplierTerms, mustAcceptSupplierTerms, type Viewer } from "~/auth/policy.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { Forbidden, forbidden, RuleBroken } from "./errors.ts";

export async function currentSupplierTerms(db: Tx | typeof prisma = prisma) {
  return db.supplierTerms.findFirst({
    orderBy: { version: "desc" },
    select: { version: true, bodyFr: true, bodyEn: true, publishedAt: true },
  });
}

/** The version the viewer still has to accept before proposing, or null (nothing to accept). */
export async function supplierTermsToAccept(viewer: Viewer, db: Tx | typeof prisma = prisma): Promise<number | null> {
  if (!mustAcceptSupplierTerms(viewer)) return null;
  const current = await currentSupplierTerms(db);
  if (!current) return null;
  const accepted = await db.supplierTermsAcceptance.findUnique({
    where: { userId_version: { userId: viewer!.id, version: current.version } },
    select: { version: true },
  });
  return accepted ? null : current.version;
}

/**
 * In the transaction that stores an idea: the terms version it is submitted under (null for people who
 * accept no terms, or while none is published); a supplier who has not accepted the version in force is refused.
 */
export async function termsVersionForIdea(tx: Tx, viewer: Viewer): Promise<number | null> {
  if (!mustAcceptSupplierTerms(viewer)) return null;
  if ((await supplierTermsToAccept(viewer, tx)) !== null) throw new Forbidden("terms.mustAccept");
  return (await currentSupplierTerms(tx))?.version ?? null;
}

export async function publishSupplierTerms(options: { viewer: Viewer; bodyFr: string; bodyEn: string }) {
  const { viewer, bodyFr, bodyEn } = options;
  if (!canPublishSupplierTerms(viewer)) forbidden();
  return prisma.$transaction(async (tx) => {
    // Serialises two admins publishing at once: one gets n+1, the other n+2.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('supplier_terms'))`;
    const last = await currentSupplierTerms(tx);
    const version = (last?.version ?? 0) + 1;
    await tx.supplierTerms.create({
      data: { version, bodyFr, bodyEn, publishedById: viewer.id },
      select: { version: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "terms.publish",
      target: { type: "user", id: viewer.id },
      after: { version },
    });
    return { version };
  });
}

/** Accepts `version`, which must be the one in force (a page read before a new version was published is refused). */
export async function acceptSupplierTerms(options: { viewer: Viewer; version: number }) {
  const { viewer, version } = options;
  if (!viewer || !mustAcceptSupplierTerms(viewer)) forbidden();
  await prisma.$transaction(async (tx) => {
    const current = await currentSupplierTerms(tx);
    if (!current || current.version !== version) throw new RuleBroken("terms.outdated", { conflict: true });
    const { count } = await tx.supplierTermsAcceptance.createMany({
      data: [{ userId: viewer.id, version }],
      skipDuplicates: true,
    });
    if (count > 0)
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "terms.accept",
        target: { type: "user", id: viewer.id },
        after: { version },
      });
  });
}

/** Every acceptance, for the CSV export of the admin page. */
export async function listTermsAcceptances(viewer: Viewer) {
  if (!canInviteSuppliers(viewer)) forbidden();
  return prisma.supplierTermsAcceptance.findMany({
    orderBy: [{ acceptedAt: "asc" }, { userId: "asc" }],
    select: {
      version: true,
      acceptedAt: true,
      user: { select: { id: true, email: true, displayName: true, invitation: { select: { company: true } } } },
    },
  });
}

const csvCell = (value: string) => {
  // Quoted, and a leading formula character neutralised (CSV injection in spreadsheets).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
};

export function termsAcceptancesCsv(rows: Awaited<ReturnType<typeof listTermsAcceptances>>): string {
  const lines = [["user_id", "email", "name", "company", "version", "accepted_at"].join(",")];
  for (const r of rows)
    lines.push(
      [
        r.user.id,
        r.user.email,
        r.user.displayName,
        r.user.invitation?.company ?? "",
        String(r.version),
        r.acceptedAt.toISOString(),
      ]
        .map(csvCell)
        .join(","),
    );
  return lines.join("\r\n") + "\r\n";
}

/** The terms version an idea was submitted under, for its managers' page (the caller checked they manage it). */
export async function ideaTermsVersion(ideaId: string): Promise<number | null> {
  const idea = await prisma.idea.findUnique({ where: { id: ideaId }, select: { termsVersion: true } });
  return idea?.termsVersion ?? null;
}
