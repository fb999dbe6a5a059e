// The weekly reminder of overdue ideas (docs/decisions/0028-response-time-commitments.md): once per ISO
// week, from 8 a.m. Paris time, each manager who runs a space with ideas past its commitment gets one
// notification (and, through the outbox, one e-mail unless they turned that type off). Idempotent and
// safe from every process at once: the notification is written in the transaction that inserts the
// (manager, week) row of commitment_reminders, and a second insert of that row does nothing.
import { canManagePipeline, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { parisHour } from "~/lib/time.ts";
import { isoWeek } from "~/models/commitments.ts";
import { announceNotifications, notifyUser } from "~/models/notification.server.ts";
import { listAllSpaces } from "~/models/space.server.ts";
import { DELETED_USER_ID } from "~/models/user.ts";

const MANAGER_ROLES: Role[] = ["MANAGER", "ADMIN"];
export const REMINDER_HOUR = 8;

/** Overdue listed ideas per space, today (Paris): their due day (idees_commitment_due_on) is past. */
async function overdueBySpace(now: Date): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ space_id: string; n: number }>(
    `select i.space_id, count(*)::int as n from ideas i
      where ${listedIdeaSql("i")} and i.commitment_due_on < idees_paris_day($1::timestamptz)
      group by i.space_id`,
    [now],
  );
  return new Map(rows.map((r) => [r.space_id, r.n]));
}

/** Sends this week's reminders not sent yet; returns who was reminded now. */
export async function sendOverdueReminders(options: { now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  if (parisHour(now) < REMINDER_HOUR) return [];
  const week = isoWeek(now);
  const overdue = await overdueBySpace(now);
  if (overdue.size === 0) return [];
  const spaces = await listAllSpaces();
  const managers = await prisma.user.findMany({
    where: {
      role: { in: MANAGER_ROLES },
      suspendedAt: null,
      id: { not: DELETED_USER_ID },
      commitmentReminders: { none: { week } },
    },
    select: { id: true, role: true, spaceAccesses: { select: { spaceId: true } } },
  });
  const reminded: string[] = [];
  for (const manager of managers) {
    const viewer: Viewer = {
      id: manager.id,
      role: manager.role,
      grantedSpaceIds: manager.spaceAccesses.map((a) => a.spaceId),
    };
    const count = spaces
      .filter((space) => canManagePipeline(viewer, space))
      .reduce((sum, space) => sum + (overdue.get(space.id) ?? 0), 0);
    if (count === 0) continue;
    const notified = await prisma.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        insert into commitment_reminders (user_id, week, overdue) values (${manager.id}, ${week}, ${count})
        on conflict do nothing`;
      if (inserted === 0) return [];
      return notifyUser(tx, { userId: manager.id, ideaId: null, type: "commitment.overdue", data: { count, week } });
    });
    reminded.push(...notified);
  }
  announceNotifications(reminded);
  return reminded;
}
