// The manager board (`/pilotage`) on the database: ideas by stage, each column with its exact count and
// one page of cards, paged by keyset cursors (app/lib/cursor.server.ts) so that no column is cut short.
// Only what the viewer may see (the policy's visibleSpaceFilter and listedIdeaWhere), filtered by space,
// challenge, tag and time at the current stage. docs/decisions/0006-pipeline.md
import { z } from "zod";
import { canUseManagerBoard, listedIdeaWhere, type Viewer, visibleSpaceFilter } from "~/auth/policy.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { cursorTime, decodeCursor, encodeCursor } from "~/lib/cursor.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { recordId } from "~/lib/validation.ts";
import { parisDay } from "~/lib/time.ts";
import { sortsByUrgency, type BoardFilters, type BoardPage } from "./board.ts";
import { forbidden } from "./errors.ts";
import { availableMoves, isOpenStage, STAGES } from "./pipeline.ts";
import { listVisibleSpaces } from "./space.server.ts";

export const BOARD_COLUMN_SIZE = 30;
const dueDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const daysBetweenDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a column's page ends: the last card's stage date and id (the column's order). */
const BoardCursor = z.object({ t: cursorTime(), i: recordId() });
type BoardCursor = z.output<typeof BoardCursor>;
/** Under the urgency sort: the last card's due day (null: no commitment, last) and id. */
const UrgencyCursor = z.object({ d: z.iso.date().nullable(), i: recordId() });
type UrgencyCursor = z.output<typeof UrgencyCursor>;
const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

const cardSelect = {
  id: true,
  title: true,
  language: true,
  tags: true,
  stage: true,
  stageChangedAt: true,
  supportCount: true,
  space: { select: { id: true, slug: true, nameFr: true, nameEn: true } },
  commitmentDueOn: true,
  pilot: { select: { decision: true } },
} as const satisfies Prisma.IdeaSelect;

/**
 * Open stages show the ideas waiting longest first, closed ones the latest; the id breaks ties, so the
 * order is total and a cursor resumes exactly after the last card shown.
 */
function columnOrder(stage: IdeaStage): { dir: "asc" | "desc"; orderBy: Prisma.IdeaOrderByWithRelationInput[] } {
  const dir = isOpenStage(stage) ? "asc" : "desc";
  return { dir, orderBy: [{ stageChangedAt: dir }, { id: dir }] };
}

function afterCursor(stage: IdeaStage, cursor: BoardCursor | null): Prisma.IdeaWhereInput {
  if (!cursor) return {};
  const op = columnOrder(stage).dir === "asc" ? "gt" : "lt";
  return {
    OR: [{ stageChangedAt: { [op]: cursor.t } }, { stageChangedAt: cursor.t, id: { [op]: cursor.i } }],
  };
}

/** The urgency order: due day, the earliest (most overdue) first, ideas without a due day last; then id. */
const URGENCY_ORDER: Prisma.IdeaOrderByWithRelationInput[] = [
  { commitmentDueOn: { sort: "asc", nulls: "last" } },
  { id: "asc" },
];

function afterUrgencyCursor(cursor: UrgencyCursor | null): Prisma.IdeaWhereInput {
  if (!cursor) return {};
  if (cursor.d === null) return { commitmentDueOn: null, id: { gt: cursor.i } };
  const d = dateOf(cursor.d);
  return {
    OR: [{ commitmentDueOn: { gt: d } }, { commitmentDueOn: d, id: { gt: cursor.i } }, { commitmentDueOn: null }],
  };
}

/**
 * Ideas by stage for managers: per column the exact count (under the filters) and one page of cards —
 * the first, or for the paged column (`page`) the one after its cursor. A forged cursor is the first
 * page; a space or challenge the viewer may not see is dropped from the filters. 403 for non-managers.
 */
export async function getManagerBoard(options: {
  viewer: Viewer;
  filters: BoardFilters;
  page?: BoardPage;
  now?: Date;
}) {
  const { viewer, filters } = options;
  if (!canUseManagerBoard(viewer)) forbidden();
  const now = options.now ?? new Date();
  const spaces = await listVisibleSpaces(viewer);
  const space = filters.space ? (spaces.find((s) => s.slug === filters.space) ?? null) : null;
  const challenges = await prisma.challenge.findMany({
    where: { spaceId: { in: space ? [space.id] : spaces.map((s) => s.id) } },
    orderBy: [{ opensAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, language: true },
  });
  const challenge = filters.challenge ? (challenges.find((c) => c.id === filters.challenge) ?? null) : null;
  const tag = filters.tag?.trim().toLocaleLowerCase("fr").slice(0, 30) || null;
  const olderThanDays = filters.olderThanDays;
  // Overdue: the last day its wait may last (idees_commitment_due_on, kept by triggers) is before today.
  const today = parisDay(now);
  // Hidden and merged ideas leave the board (moderators find hidden ones in their queue: docs/decisions/0008).
  const where: Prisma.IdeaWhereInput = {
    ...listedIdeaWhere,
    space: visibleSpaceFilter(viewer),
    ...(space ? { spaceId: space.id } : {}),
    ...(challenge ? { challengeId: challenge.id } : {}),
    ...(tag ? { tags: { has: tag } } : {}),
    ...(olderThanDays ? { stageChangedAt: { lte: new Date(now.getTime() - olderThanDays * DAY_MS) } } : {}),
    ...(filters.overdue ? { commitmentDueOn: { lt: dateOf(today) } } : {}),
  };
  const paged = options.page ?? null;
  const applied = { ...filters, overdue: filters.overdue, sort: filters.sort };
  const pageOf = (stage: IdeaStage) => {
    const after = paged?.column === stage ? paged.after : null;
    if (sortsByUrgency(applied, stage)) {
      const cursor = after ? decodeCursor(after, UrgencyCursor) : null;
      return { cursor, where: afterUrgencyCursor(cursor), orderBy: URGENCY_ORDER };
    }
    const cursor = after ? decodeCursor(after, BoardCursor) : null;
    return { cursor, where: afterCursor(stage, cursor), orderBy: columnOrder(stage).orderBy };
  };
  const [counts, columns] = await Promise.all([
    prisma.idea.groupBy({ by: ["stage"], where, _count: { _all: true } }),
    Promise.all(
      STAGES.map(async (stage) => {
        const page = pageOf(stage);
        const rows = await prisma.idea.findMany({
          where: { AND: [where, { stage }, page.where] },
          orderBy: page.orderBy,
          take: BOARD_COLUMN_SIZE + 1,
          select: cardSelect,
        });
        return { cursor: page.cursor, rows };
      }),
    ),
  ]);
  const countOf = new Map(counts.map((c) => [c.stage, c._count._all]));
  return {
    now: now.toISOString(),
    spaces: spaces.map((s) => ({ id: s.id, slug: s.slug, nameFr: s.nameFr, nameEn: s.nameEn })),
    challenges,
    filters: {
      space: space?.slug ?? null,
      challenge: challenge?.id ?? null,
      tag,
      olderThanDays,
      overdue: filters.overdue,
      sort: filters.sort,
    } satisfies BoardFilters,
    columns: STAGES.map((stage, i) => {
      const { cursor, rows } = columns[i]!;
      const page = rows.slice(0, BOARD_COLUMN_SIZE);
      const last = page.at(-1);
      return {
        stage,
        count: countOf.get(stage) ?? 0,
        /** Past its first page (a "back to the start" link is offered). */
        paged: cursor !== null,
        next:
          rows.length > BOARD_COLUMN_SIZE && last
            ? encodeCursor(
                sortsByUrgency(applied, stage)
                  ? { d: dueDay(last.commitmentDueOn), i: last.id }
                  : { t: last.stageChangedAt.toISOString(), i: last.id },
              )
            : null,
        cards: page.map((idea) => ({
          id: idea.id,
          title: idea.title,
          language: idea.language,
          tags: idea.tags,
          stage: idea.stage,
          space: idea.space,
          supports: idea.supportCount,
          stageChangedAt: idea.stageChangedAt.toISOString(),
          ageMs: Math.max(0, now.getTime() - idea.stageChangedAt.getTime()),
          moves: availableMoves(idea.stage, idea.pilot?.decision ?? null),
          dueOn: dueDay(idea.commitmentDueOn),
          /** Paris days past the commitment (0 or less: not overdue). */
          overdueDays: idea.commitmentDueOn ? daysBetweenDays(dueDay(idea.commitmentDueOn)!, today) : 0,
        })),
      };
    }),
  };
}
export type ManagerBoard = Awaited<ReturnType<typeof getManagerBoard>>;
