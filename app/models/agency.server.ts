// The agencies' reference list and the roll-out per agency on the database (docs/decisions/0028).
// Importing the list is one transaction: every row is checked first, and a file with any problem stores
// nothing; the upsert is by code. Progress counts only confirmed adoptions of listed ideas.
import { canEditRollout, canManageAgencies, isStaff, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import type { RecordAdoptionInput } from "./adoption.ts";
import { parseAgencyCsv, type RolloutProgress, type RowProblem } from "./agency.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { fromDay, toDay } from "./pilot.ts";
import { parisDay } from "~/lib/time.ts";

export type ImportOutcome =
  { ok: true; created: number; updated: number; matched: number } | { ok: false; problems: RowProblem[] };

export async function importAgencies(options: { user: Viewer; csv: string }): Promise<ImportOutcome> {
  const { user } = options;
  if (!canManageAgencies(user)) forbidden();
  const { rows, problems } = parseAgencyCsv(options.csv);
  if (problems.length) return { ok: false, problems };
  return prisma.$transaction(async (tx) => {
    const upserted = await tx.$queryRaw<{ created: boolean }[]>`
      insert into agencies (code, name, region, updated_at)
      select * , now() from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[],
                                   ${rows.map((r) => r.region)}::text[])
      on conflict (code) do update set name = excluded.name, region = excluded.region, updated_at = now()
      returning (xmax = 0) as created`;
    // The production records' free text (before the reference list existed): a name or code of the list
    // becomes a confirmed adoption, dated by the release.
    const matched = await tx.$executeRaw`
      insert into agency_adoptions (idea_id, agency_code, adopted_on, confirmed_at)
      select distinct on (r.idea_id, a.code) r.idea_id, a.code, r.released_on, now()
        from rollouts r cross join unnest(r.agencies) as x(name)
        join agencies a on lower(a.name) = lower(trim(x.name)) or lower(a.code) = lower(trim(x.name))
      on conflict do nothing`;
    const created = upserted.filter((r) => r.created).length;
    await recordAudit(tx, {
      actorId: user.id,
      action: "agencies.import",
      target: { type: "agency", id: "list" },
      after: { rows: rows.length, created, updated: rows.length - created, matched },
    });
    return { ok: true as const, created, updated: rows.length - created, matched };
  });
}

export async function listAgencyRegions(viewer: Viewer) {
  if (!canManageAgencies(viewer)) forbidden();
  const regions = await prisma.agency.groupBy({ by: ["region"], _count: { _all: true }, orderBy: { region: "asc" } });
  return regions.map((r) => ({ region: r.region, agencies: r._count._all }));
}

/** Per idea: confirmed adoptions among the listed ideas asked for, out of the reference list. */
export async function rolloutProgress(ideaIds: string[]): Promise<Map<string, NonNullable<RolloutProgress>>> {
  if (ideaIds.length === 0) return new Map();
  const { rows } = await pool.query<{ idea_id: string; adopted: number; regions: number; total: number }>(
    `select i.id as idea_id, count(a.agency_code)::int as adopted, count(distinct g.region)::int as regions,
            (select count(*) from agencies)::int as total
       from ideas i
       left join agency_adoptions a on a.idea_id = i.id and a.confirmed_at is not null
       left join agencies g on g.code = a.agency_code
      where i.id = any($1::text[]) and ${listedIdeaSql("i")}
      group by i.id`,
    [ideaIds],
  );
  return new Map(rows.filter((r) => r.total > 0).map((r) => [r.idea_id, r]));
}

/** The idea page's roll-out: progress, and what the viewer may do (declare; confirm pending ones). */
export async function getIdeaRollout(viewer: Viewer, ideaId: string) {
  const idea = await requireVisibleIdea(viewer, ideaId);
  if (idea.stage !== "PRODUCTION") return null;
  const progress = (await rolloutProgress([ideaId])).get(ideaId) ?? null;
  const mine = viewer && isStaff(viewer.role) ? await viewerAgency(viewer.id) : null;
  const declared = mine
    ? await prisma.agencyAdoption.findUnique({
        where: { ideaId_agencyCode: { ideaId, agencyCode: mine.code } },
        select: { confirmedAt: true },
      })
    : null;
  const canConfirm = canEditRollout(viewer, idea);
  const pending = canConfirm
    ? await prisma.agencyAdoption.findMany({
        where: { ideaId, confirmedAt: null },
        orderBy: { declaredAt: "asc" },
        select: { agency: { select: { code: true, name: true, region: true } }, declaredAt: true },
      })
    : [];
  return {
    progress,
    myAgency: mine ? { ...mine, state: declared ? (declared.confirmedAt ? "confirmed" : "pending") : "none" } : null,
    pending: pending.map((p) => ({ ...p.agency, declaredAt: p.declaredAt.toISOString() })),
    canConfirm,
  };
}

/** The agency the person's `users.agency` names, by code first, else by name (case-insensitive). */
async function viewerAgency(userId: string) {
  const { rows } = await pool.query<{ code: string; name: string }>(
    `select a.code, a.name from users u join agencies a
        on lower(a.code) = lower(trim(u.agency)) or lower(a.name) = lower(trim(u.agency))
      where u.id = $1 order by (lower(a.code) = lower(trim(u.agency))) desc limit 1`,
    [userId],
  );
  return rows[0] ?? null;
}

/** "My agency uses this": staff of a known agency, on a listed idea in production; counts once confirmed. */
export async function declareAdoption(options: { user: Viewer; ideaId: string }) {
  const { user, ideaId } = options;
  if (!user || !isStaff(user.role)) forbidden();
  const idea = await requireVisibleIdea(user, ideaId);
  if (idea.stage !== "PRODUCTION" || idea.hiddenAt || idea.mergedIntoId)
    throw new RuleBroken("rollout.notInProduction", { conflict: true });
  const agency = await viewerAgency(user.id);
  if (!agency) throw new RuleBroken("rollout.noAgency");
  await prisma.agencyAdoption.upsert({
    where: { ideaId_agencyCode: { ideaId, agencyCode: agency.code } },
    create: { ideaId, agencyCode: agency.code, declaredById: user.id },
    update: {},
    select: { ideaId: true },
  });
}

/** A manager confirms a declaration (or records an adoption directly): from then on it counts. */
export async function confirmAdoption(options: { user: Viewer; ideaId: string; agencyCode: string }) {
  const { user, ideaId, agencyCode } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!user || !canEditRollout(user, idea)) forbidden();
  const agency = await prisma.agency.findUnique({ where: { code: agencyCode }, select: { code: true } });
  if (!agency) notFound();
  await prisma.$transaction(async (tx) => {
    await tx.agencyAdoption.upsert({
      where: { ideaId_agencyCode: { ideaId, agencyCode } },
      create: { ideaId, agencyCode, confirmedAt: new Date(), confirmedById: user.id },
      update: { confirmedAt: new Date(), confirmedById: user.id },
      select: { ideaId: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "rollout.adoption",
      target: { type: "idea", id: ideaId },
      after: { agencyCode },
    });
  });
}

/**
 * A manager records that an agency adopted the idea on a given day (the roll-out page's form): counted at
 * once, dated, audited. The agency is named by its code or its exact name (case-insensitive); an unknown
 * one, a day after today (Paris) or an idea not in production is refused on its field.
 */
export async function recordAdoption(options: {
  user: Viewer;
  ideaId: string;
  input: RecordAdoptionInput;
  now?: Date;
}) {
  const { user, ideaId, input, now = new Date() } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!user || !canEditRollout(user, idea)) forbidden();
  if (idea.stage !== "PRODUCTION" || idea.hiddenAt || idea.mergedIntoId)
    throw new RuleBroken("rollout.notInProduction", { conflict: true });
  if (input.adoptedOn > parisDay(now)) throw new RuleBroken("rollout.adoptedInFuture", { field: "adoptedOn" });
  const { rows } = await pool.query<{ code: string }>(
    `select code from agencies where lower(code) = lower($1) or lower(name) = lower($1)
      order by (lower(code) = lower($1)) desc limit 1`,
    [input.agency],
  );
  const agencyCode = rows[0]?.code;
  if (!agencyCode) throw new RuleBroken("rollout.unknownAgency", { field: "agency", params: { agency: input.agency } });
  const adoptedOn = fromDay(input.adoptedOn);
  await prisma.$transaction(async (tx) => {
    const before = await tx.agencyAdoption.findUnique({
      where: { ideaId_agencyCode: { ideaId, agencyCode } },
      select: { adoptedOn: true, confirmedAt: true },
    });
    await tx.agencyAdoption.upsert({
      where: { ideaId_agencyCode: { ideaId, agencyCode } },
      create: { ideaId, agencyCode, adoptedOn, confirmedAt: now, confirmedById: user.id },
      update: { adoptedOn, confirmedAt: before?.confirmedAt ?? now, confirmedById: user.id },
      select: { ideaId: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "rollout.adoption",
      target: { type: "idea", id: ideaId },
      ...(before ? { before: { agencyCode, adoptedOn: toDay(before.adoptedOn) } } : {}),
      after: { agencyCode, adoptedOn: input.adoptedOn, recordedDirectly: true },
    });
  });
  return { agencyCode };
}

/** The latest confirmed adoptions of an idea, for the roll-out page (agency, region, day). */
export async function listAdoptions(options: { user: Viewer; ideaId: string }) {
  const { user, ideaId } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!user || !canEditRollout(user, idea)) return [];
  const rows = await prisma.agencyAdoption.findMany({
    where: { ideaId, confirmedAt: { not: null } },
    orderBy: [{ confirmedAt: "desc" }, { agencyCode: "asc" }],
    take: 20,
    select: { adoptedOn: true, confirmedAt: true, agency: { select: { code: true, name: true, region: true } } },
  });
  return rows.map((r) => ({ ...r.agency, adoptedOn: toDay(r.adoptedOn) ?? parisDay(r.confirmedAt!) }));
}
