// Hackathons on the database (docs/decisions/0035-hackathons.md): creating and editing one (a challenge
// row and its hackathon row, one transaction), reading it for its page, and registration with its waiting
// list. Teams and submissions: hackathon-teams.server.ts; jury and results: hackathon-jury.server.ts.
//
// Every time-bound rule is asked at the DATABASE's clock: the hackathon row is read with now() in the
// transaction that acts, and locked — FOR UPDATE for registrations (so capacity and the waiting list
// serialise per hackathon), FOR SHARE elsewhere (so an edit of its dates cannot slip between).
import { canManageHackathon, canTakePart, canViewHackathon } from "~/auth/policy-hackathons.ts";
import type { Viewer } from "~/auth/policy.ts";
import { prisma, type Tx, isUniqueViolation } from "~/lib/db.server.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";
import { isRecordId } from "~/lib/validation.ts";
import { transactionWithEvents, type EventQueue } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { insertChallenge } from "./challenge.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import {
  hackathonPhase,
  registrationOpen,
  registrationStatusFor,
  type HackathonInput,
  type HackathonSchedule,
} from "./hackathon.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";
import { spaceSelect, type SpaceSummary } from "./space.server.ts";

const hackathonSelect = {
  challengeId: true,
  objective: true,
  resources: true,
  place: true,
  onlineUrl: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
  startsAt: true,
  endsAt: true,
  submissionDeadline: true,
  resultsAt: true,
  capacity: true,
  teamSizeMax: true,
  mixedTeams: true,
  criteria: true,
  resultsText: true,
  resultsPublishedAt: true,
  challenge: { select: { title: true, cover: true, language: true, space: { select: spaceSelect } } },
} as const;

/** The hackathon when the viewer may see its space; a 404 otherwise (InnovAction ones do not exist for outsiders). */
export async function requireVisibleHackathon(viewer: Viewer, hackathonId: string) {
  const row = isRecordId(hackathonId)
    ? await prisma.hackathon.findUnique({ where: { challengeId: hackathonId }, select: hackathonSelect })
    : null;
  if (!row || !canViewHackathon(viewer, row.challenge.space)) notFound();
  const { challenge, challengeId, ...rest } = row;
  return {
    ...rest,
    id: challengeId,
    title: challenge.title,
    cover: challenge.cover,
    language: challenge.language,
    space: challenge.space,
  };
}
export type VisibleHackathon = Awaited<ReturnType<typeof requireVisibleHackathon>>;

/** Whether the challenge is a hackathon (its page is the hackathon's). */
export async function isHackathon(challengeId: string): Promise<boolean> {
  return (await prisma.hackathon.count({ where: { challengeId } })) > 0;
}

type LockedRow = {
  registration_opens_at: Date;
  registration_closes_at: Date;
  starts_at: Date;
  ends_at: Date;
  submission_deadline: Date;
  results_at: Date;
  results_published_at: Date | null;
  capacity: number;
  team_size_max: number;
  mixed_teams: boolean;
  criteria: string[];
  now: Date;
};

/**
 * Inside a transaction: the hackathon's schedule and rules, locked, with the database's clock. Every
 * time-bound decision of this feature is taken on what this returns.
 */
export async function lockHackathon(tx: Tx, hackathonId: string, mode: "update" | "share") {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<
          LockedRow[]
        >`select *, now() as now from hackathons where challenge_id = ${hackathonId} for update`
      : await tx.$queryRaw<
          LockedRow[]
        >`select *, now() as now from hackathons where challenge_id = ${hackathonId} for share`;
  const row = rows[0];
  if (!row) notFound();
  const schedule: HackathonSchedule = {
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    submissionDeadline: row.submission_deadline,
    resultsAt: row.results_at,
    resultsPublishedAt: row.results_published_at,
  };
  return {
    schedule,
    now: row.now,
    capacity: row.capacity,
    teamSizeMax: row.team_size_max,
    mixedTeams: row.mixed_teams,
    criteria: row.criteria,
  };
}

/** After commit: open hackathon pages re-read their counts (ids only travel; app/realtime/events.ts). */
export const announceHackathon = (events: EventQueue, h: { id: string; spaceId: string }) =>
  events.publish({ type: "hackathon:changed", hackathonId: h.id, spaceId: h.spaceId });

function rowData(input: HackathonInput) {
  return {
    objective: input.objective,
    resources: input.resources ?? "",
    place: input.place ?? null,
    onlineUrl: input.onlineUrl ?? null,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    submissionDeadline: input.submissionDeadline,
    resultsAt: input.resultsAt,
    capacity: input.capacity,
    teamSizeMax: input.teamSizeMax,
    mixedTeams: input.mixedTeams,
    criteria: input.criteria,
  };
}

/** The challenge row carries the title, cover and the window in which its projects (ideas) come in. */
const challengeData = (input: HackathonInput) => ({
  title: input.title,
  cover: input.cover,
  brief: input.objective,
  opensAt: input.registrationOpensAt,
  closesAt: input.submissionDeadline,
});

export async function createHackathon(options: {
  user: NonNullable<Viewer>;
  space: SpaceSummary;
  input: HackathonInput;
  language?: Locale;
}) {
  const { user, space, input, language = DEFAULT_LOCALE } = options;
  if (!canManageHackathon(user, space)) forbidden();
  return prisma.$transaction(async (tx) => {
    // Like any challenge: announced now when registration is open, else by the crontab when it opens.
    const { id } = await insertChallenge(tx, { user, space, language, data: challengeData(input) });
    await tx.hackathon.create({ data: { challengeId: id, ...rowData(input) }, select: { challengeId: true } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "hackathon.create",
      target: { type: "hackathon", id },
      after: { title: input.title, space: space.slug, capacity: input.capacity, teamSizeMax: input.teamSizeMax },
    });
    return { id };
  });
}

export async function updateHackathon(options: {
  user: NonNullable<Viewer>;
  hackathonId: string;
  input: HackathonInput;
}) {
  const { user, hackathonId, input } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  if (!canManageHackathon(user, h.space)) forbidden();
  await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, hackathonId, "update");
    if (locked.schedule.resultsPublishedAt) throw new RuleBroken("hackathon.alreadyPublished");
    await tx.challenge.update({ where: { id: hackathonId }, data: challengeData(input), select: { id: true } });
    await tx.hackathon.update({
      where: { challengeId: hackathonId },
      data: rowData(input),
      select: { challengeId: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "hackathon.update",
      target: { type: "hackathon", id: hackathonId },
      before: { title: h.title, capacity: h.capacity, teamSizeMax: h.teamSizeMax },
      after: { title: input.title, capacity: input.capacity, teamSizeMax: input.teamSizeMax },
    });
    announceHackathon(events, { id: hackathonId, spaceId: h.space.id });
  });
}

// --- registration ------------------------------------------------------------------------------------

/**
 * Registers the person: a seat while fewer than `capacity` hold one, else the waiting list. The
 * hackathon row is locked FOR UPDATE, so two people racing for the last seat are served one after the
 * other; registration must be open at the database's clock.
 */
export async function registerForHackathon(options: { user: NonNullable<Viewer>; hackathonId: string }) {
  const { user, hackathonId } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  if (!canTakePart(user, h.space)) notFound();
  return transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, hackathonId, "update");
    if (!registrationOpen(locked.schedule, locked.now)) throw new RuleBroken("hackathon.registrationClosed");
    const registered = await tx.hackathonRegistration.count({ where: { hackathonId, status: "REGISTERED" } });
    const status = registrationStatusFor(registered, locked.capacity);
    try {
      await tx.hackathonRegistration.create({ data: { hackathonId, userId: user.id, status, createdAt: locked.now } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RuleBroken("hackathon.alreadyRegistered");
      throw error;
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "hackathon.register",
      target: { type: "hackathon", id: hackathonId },
      after: { status },
    });
    announceHackathon(events, { id: hackathonId, spaceId: h.space.id });
    return { status };
  });
}

/**
 * Cancels the person's registration (and leaves their team or request). When they held a seat, the
 * first on the waiting list takes it, in the same transaction (the hackathon row is locked FOR UPDATE:
 * no registration or other cancellation runs between) — and is notified after commit.
 */
export async function cancelRegistration(options: { user: NonNullable<Viewer>; hackathonId: string }) {
  const { user, hackathonId } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  const { notified } = await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, hackathonId, "update");
    if (locked.schedule.resultsPublishedAt || locked.now >= new Date(locked.schedule.submissionDeadline))
      throw new RuleBroken("hackathon.tooLateToCancel");
    const released = await releaseSeatInTx(tx, hackathonId, user.id);
    if (!released) throw new RuleBroken("hackathon.notRegistered");
    await recordAudit(tx, {
      actorId: user.id,
      action: "hackathon.cancel",
      target: { type: "hackathon", id: hackathonId },
      before: { status: released.status },
    });
    announceHackathon(events, { id: hackathonId, spaceId: h.space.id });
    return { notified: released.notified };
  });
  announceNotifications(notified);
}

/**
 * Inside a transaction that locked the hackathon row FOR UPDATE: deletes the person's registration,
 * takes them out of their team, and when they held a seat gives it to the first on the waiting list
 * (notified). Null when they were not registered. Used by cancelling and by account deletion.
 */
export async function releaseSeatInTx(tx: Tx, hackathonId: string, userId: string) {
  const removed = await tx.$queryRaw<{ status: string }[]>`
    delete from hackathon_registrations where hackathon_id = ${hackathonId} and user_id = ${userId} returning status::text`;
  if (removed.length === 0) return null;
  await leaveTeamInTx(tx, hackathonId, userId);
  const notified: string[] = [];
  if (removed[0]!.status === "REGISTERED") {
    const promoted = await tx.$queryRaw<{ user_id: string }[]>`
      update hackathon_registrations set status = 'REGISTERED'
       where hackathon_id = ${hackathonId}
         and user_id = (select user_id from hackathon_registrations
                         where hackathon_id = ${hackathonId} and status = 'WAITING'
                         order by created_at, user_id limit 1)
      returning user_id`;
    for (const p of promoted)
      notified.push(
        ...(await notifyUser(tx, {
          userId: p.user_id,
          ideaId: null,
          type: "hackathon.promoted",
          data: { hackathonId },
        })),
      );
  }
  return { status: removed[0]!.status, notified };
}

/**
 * Inside a transaction: the person leaves their team of this hackathon (or withdraws their request).
 * An owner who leaves hands the team to its longest-standing member; a team left empty is deleted
 * unless it already submitted a project (the project stays, with its co-authors).
 */
export async function leaveTeamInTx(tx: Tx, hackathonId: string, userId: string) {
  const left = await tx.$queryRaw<{ team_id: string; owner: boolean }[]>`
    delete from hackathon_team_members where hackathon_id = ${hackathonId} and user_id = ${userId}
    returning team_id, owner`;
  const row = left[0];
  if (!row) return;
  if (row.owner) {
    const next = await tx.$queryRaw<{ user_id: string }[]>`
      update hackathon_team_members set owner = true
       where team_id = ${row.team_id}
         and user_id = (select user_id from hackathon_team_members where team_id = ${row.team_id} and accepted
                         order by created_at, user_id limit 1)
      returning user_id`;
    if (next.length === 0) {
      await tx.$executeRaw`delete from hackathon_team_members where team_id = ${row.team_id}`;
      await tx.$executeRaw`delete from hackathon_teams where id = ${row.team_id} and idea_id is null`;
    }
  }
}

/** Counts for the page and for live updates: seats taken, waiting list, teams, projects. */
export async function hackathonCounts(hackathonId: string) {
  const [registered, waiting, teams, projects] = await Promise.all([
    prisma.hackathonRegistration.count({ where: { hackathonId, status: "REGISTERED" } }),
    prisma.hackathonRegistration.count({ where: { hackathonId, status: "WAITING" } }),
    prisma.hackathonTeam.count({ where: { hackathonId } }),
    prisma.hackathonTeam.count({ where: { hackathonId, ideaId: { not: null } } }),
  ]);
  return { registered, waiting, teams, projects };
}

/** The database's clock, for pages that show a phase (the same clock the actions decide on). */
export async function databaseNow(): Promise<Date> {
  const [row] = await prisma.$queryRaw<{ now: Date }[]>`select now() as now`;
  return row!.now;
}

export const phaseOf = (h: HackathonSchedule & { resultsPublishedAt: Date | string | null }, now: Date) =>
  hackathonPhase(h, now);
