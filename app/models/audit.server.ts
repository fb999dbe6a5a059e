// The audit trail: one row per thing a manager or admin did, written by recordAudit() inside the very
// transaction that does it (the entry exists if and only if the change does). Read by admins only.
import { canReadAuditLog, type Viewer } from "~/auth/policy.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { fromParisLocal, startOfNextParisDay } from "~/lib/time.ts";
import { cursorTime, decodeCursor, encodeCursor } from "~/lib/cursor.server.ts";
import { z } from "zod";
import { isValidDay } from "./pilot.ts";
import type { AuditAction, AuditTarget } from "./audit.ts";
import { forbidden } from "./errors.ts";

export type AuditRecord = {
  actorId: string | null;
  action: AuditAction;
  target: { type: AuditTarget; id: string };
  /** JSON-ready snapshots (ISO dates, decimals as strings) of what changed. */
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  /**
   * The language of the free text in the snapshots (a note, a reason, a KPI's name): the actor's interface
   * language, or the stored language of the text it quotes (docs/decisions/0037). French when left out.
   */
  language?: string;
};

export async function recordAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: record.actorId,
      action: record.action,
      targetType: record.target.type,
      targetId: record.target.id,
      ...(record.before === undefined ? {} : { before: record.before }),
      ...(record.after === undefined ? {} : { after: record.after }),
      ...(record.language === undefined ? {} : { language: record.language }),
    },
    select: { id: true },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = { action: AuditAction | null; actor: string; from: string | null; to: string | null };

// The journal's keyset cursor (app/lib/cursor.server.ts): the row's time and its bigint id, at most 18
// digits so it always fits PostgreSQL's int8.
const AuditCursor = z.object({ c: cursorTime(), i: z.string().regex(/^\d{1,18}$/) });

/** Newest first, keyset-paginated; `from`/`to` are whole Paris days (as entries are shown), both included. */
export async function listAuditLog(options: { viewer: Viewer; filters: AuditFilters; cursor: string | null }) {
  const { viewer, filters } = options;
  if (!canReadAuditLog(viewer)) forbidden();
  const cursor = decodeCursor(options.cursor, AuditCursor);
  const actor = filters.actor.trim().slice(0, 100);
  const createdAt: Prisma.DateTimeFilter = {};
  const from = filters.from && isValidDay(filters.from) ? fromParisLocal(filters.from) : null;
  const to = filters.to && isValidDay(filters.to) ? startOfNextParisDay(filters.to) : null;
  if (from) createdAt.gte = from;
  if (to) createdAt.lt = to;
  const where: Prisma.AuditLogWhereInput = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(actor
      ? {
          actor: {
            OR: [
              { email: { contains: actor, mode: "insensitive" } },
              { displayName: { contains: actor, mode: "insensitive" } },
            ],
          },
        }
      : {}),
    ...(Object.keys(createdAt).length ? { createdAt } : {}),
    ...(cursor
      ? {
          OR: [{ createdAt: { lt: cursor.c } }, { createdAt: cursor.c, id: { lt: BigInt(cursor.i) } }],
        }
      : {}),
  };
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      language: true,
      createdAt: true,
      actor: { select: { displayName: true, email: true } },
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const ideaIds = [...new Set(page.filter((r) => r.targetType === "idea").map((r) => r.targetId))];
  const userIds = [...new Set(page.filter((r) => r.targetType === "user").map((r) => r.targetId))];
  const [ideas, users] = await Promise.all([
    ideaIds.length
      ? prisma.idea.findMany({ where: { id: { in: ideaIds } }, select: { id: true, title: true, language: true } })
      : [],
    userIds.length
      ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })
      : [],
  ]);
  const labels = new Map<string, string>([
    ...ideas.map((i) => [`idea:${i.id}`, i.title] as const),
    ...users.map((u) => [`user:${u.id}`, u.displayName] as const),
  ]);
  // An idea's title keeps the language it was written in (docs/decisions/0029); a name has none.
  const languages = new Map<string, string>(ideas.map((i) => [`idea:${i.id}`, i.language]));
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      targetLabel: labels.get(`${r.targetType}:${r.targetId}`) ?? null,
      targetLanguage: languages.get(`${r.targetType}:${r.targetId}`),
      actor: r.actor,
      before: r.before,
      after: r.after,
      createdAt: r.createdAt.toISOString(),
      language: r.language,
    })),
    nextCursor:
      rows.length > AUDIT_PAGE_SIZE && last
        ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id.toString() })
        : null,
  };
}
