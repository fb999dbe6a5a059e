// Hackathon teams and their co-authored projects (docs/decisions/0035-hackathons.md). A team is formed
// by a registered person (its owner), who accepts or refuses requests to join; its size is capped and,
// unless the hackathon allows mixed teams, its members are of one audience (staff, suppliers, public).
// One team (or one request) per person per hackathon: the unique key says it. A juror joins no team.
// A team submits one project before the deadline (the database's clock): an idea whose co-authors are
// the team's members, all shown, all notified, all able to edit it while submissions are open.
import { canEditSubmission, canTakePart } from "~/auth/policy-hackathons.ts";
import type { Viewer } from "~/auth/policy.ts";
import { isUniqueViolation, prisma, type Tx } from "~/lib/db.server.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";
import { newId } from "~/lib/id.ts";
import { recordDomainEvent, transactionWithEvents } from "~/realtime/publish.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { submissionsOpen, teamJoinProblem, teamsOpen, type SubmissionInput } from "./hackathon.ts";
import { announceHackathon, leaveTeamInTx, lockHackathon, requireVisibleHackathon } from "./hackathon.server.ts";
import { summarize } from "./idea.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";

async function requireSeat(tx: Tx, hackathonId: string, userId: string) {
  const seat = await tx.hackathonRegistration.findUnique({
    where: { hackathonId_userId: { hackathonId, userId } },
    select: { status: true },
  });
  if (seat?.status !== "REGISTERED") throw new RuleBroken("hackathon.seatRequired");
  const juror = await tx.hackathonJuror.count({ where: { hackathonId, userId } });
  if (juror > 0) throw new RuleBroken("hackathon.jurorCannotJoin");
}

const alreadyInTeam = (error: unknown): never => {
  if (isUniqueViolation(error)) throw new RuleBroken("hackathon.alreadyInTeam");
  throw error;
};

export async function createTeam(options: { user: NonNullable<Viewer>; hackathonId: string; name: string }) {
  const { user, hackathonId, name } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  if (!canTakePart(user, h.space)) notFound();
  return transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, hackathonId, "share");
    if (!teamsOpen(locked.schedule, locked.now)) throw new RuleBroken("hackathon.teamsClosed");
    await requireSeat(tx, hackathonId, user.id);
    const id = newId();
    try {
      await tx.hackathonTeam.create({ data: { id, hackathonId, name }, select: { id: true } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RuleBroken("hackathon.teamNameTaken", { field: "name" });
      throw error;
    }
    await tx.hackathonTeamMember
      .create({
        data: { teamId: id, userId: user.id, hackathonId, owner: true, accepted: true },
        select: { teamId: true },
      })
      .catch(alreadyInTeam);
    announceHackathon(events, { id: hackathonId, spaceId: h.space.id });
    return { id };
  });
}

async function requireTeam(viewer: NonNullable<Viewer>, teamId: string) {
  const team = await prisma.hackathonTeam.findUnique({
    where: { id: teamId },
    select: { id: true, hackathonId: true, name: true },
  });
  if (!team) notFound();
  const h = await requireVisibleHackathon(viewer, team.hackathonId);
  if (!canTakePart(viewer, h.space)) notFound();
  return { team, h };
}

/** Asks to join a team; its owner is notified and decides. */
export async function askToJoinTeam(options: { user: NonNullable<Viewer>; teamId: string }) {
  const { user, teamId } = options;
  const { team, h } = await requireTeam(user, teamId);
  const { notified } = await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, team.hackathonId, "share");
    if (!teamsOpen(locked.schedule, locked.now)) throw new RuleBroken("hackathon.teamsClosed");
    await requireSeat(tx, team.hackathonId, user.id);
    await tx.hackathonTeamMember
      .create({ data: { teamId, userId: user.id, hackathonId: team.hackathonId }, select: { teamId: true } })
      .catch(alreadyInTeam);
    const owner = await tx.hackathonTeamMember.findFirst({ where: { teamId, owner: true }, select: { userId: true } });
    const notified = owner
      ? await notifyUser(tx, {
          userId: owner.userId,
          ideaId: null,
          type: "hackathon.team",
          data: { hackathonId: h.id, event: "request" },
        })
      : [];
    announceHackathon(events, { id: h.id, spaceId: h.space.id });
    return { notified };
  });
  announceNotifications(notified);
}

/**
 * The owner accepts or refuses a request. Accepting checks the size limit and the audience rule on the
 * team's accepted members, with the team locked (two acceptances cannot both take its last place); a
 * team that already submitted makes the newcomer a co-author of its project.
 */
export async function answerJoinRequest(options: {
  user: NonNullable<Viewer>;
  teamId: string;
  userId: string;
  accept: boolean;
}) {
  const { user, teamId, userId, accept } = options;
  const { team, h } = await requireTeam(user, teamId);
  const { notified } = await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, team.hackathonId, "share");
    if (!teamsOpen(locked.schedule, locked.now)) throw new RuleBroken("hackathon.teamsClosed");
    const [teamRow] = await tx.$queryRaw<{ idea_id: string | null }[]>`
      select idea_id from hackathon_teams where id = ${teamId} for update`;
    if (!teamRow) notFound();
    const isOwner = await tx.hackathonTeamMember.count({ where: { teamId, userId: user.id, owner: true } });
    if (!isOwner) forbidden();
    const request = await tx.hackathonTeamMember.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { accepted: true, user: { select: { role: true } } },
    });
    if (!request || request.accepted) throw new RuleBroken("hackathon.noSuchRequest", { conflict: true });
    if (!accept) {
      await tx.hackathonTeamMember.delete({ where: { teamId_userId: { teamId, userId } } });
    } else {
      const members = await tx.hackathonTeamMember.findMany({
        where: { teamId, accepted: true },
        select: { user: { select: { role: true } } },
      });
      const problem = teamJoinProblem({
        memberRoles: members.map((m) => m.user.role),
        joinerRole: request.user.role,
        teamSizeMax: locked.teamSizeMax,
        mixedTeams: locked.mixedTeams,
      });
      if (problem) throw new RuleBroken(problem === "full" ? "hackathon.teamFull" : "hackathon.teamNotMixed");
      await tx.hackathonTeamMember.update({ where: { teamId_userId: { teamId, userId } }, data: { accepted: true } });
      if (teamRow.idea_id)
        await tx.ideaCoauthor.create({ data: { ideaId: teamRow.idea_id, userId, acceptedAt: locked.now } });
    }
    const notified = await notifyUser(tx, {
      userId,
      ideaId: null,
      type: "hackathon.team",
      data: { hackathonId: h.id, event: accept ? "accepted" : "refused" },
    });
    announceHackathon(events, { id: h.id, spaceId: h.space.id });
    return { notified };
  });
  announceNotifications(notified);
}

/** Leaves the team (or withdraws a request) while teams may change. */
export async function leaveTeam(options: { user: NonNullable<Viewer>; hackathonId: string }) {
  const { user, hackathonId } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, hackathonId, "share");
    if (!teamsOpen(locked.schedule, locked.now)) throw new RuleBroken("hackathon.teamsClosed");
    await leaveTeamInTx(tx, hackathonId, user.id);
    announceHackathon(events, { id: h.id, spaceId: h.space.id });
  });
}

/**
 * A member submits (or edits) the team's project while submissions are open at the database's clock.
 * First submission: an idea in the hackathon's challenge, written by the member who sends it, whose
 * co-authors are the team's other members (accepted at once: they formed the team); all are notified.
 */
export async function submitProject(options: {
  user: NonNullable<Viewer>;
  teamId: string;
  input: SubmissionInput;
  language?: Locale;
}) {
  const { user, teamId, input, language = DEFAULT_LOCALE } = options;
  const { team, h } = await requireTeam(user, teamId);
  const result = await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, team.hackathonId, "share");
    const [teamRow] = await tx.$queryRaw<{ idea_id: string | null }[]>`
      select idea_id from hackathon_teams where id = ${teamId} for update`;
    const member = await tx.hackathonTeamMember.count({ where: { teamId, userId: user.id, accepted: true } });
    const facts = { isTeamMember: member > 0, submissionsOpen: submissionsOpen(locked.schedule, locked.now) };
    if (!facts.isTeamMember) forbidden();
    if (!canEditSubmission(user, h.space, facts)) throw new RuleBroken("hackathon.submissionsClosed");
    const members = await tx.hackathonTeamMember.findMany({
      where: { teamId, accepted: true },
      select: { userId: true },
    });
    let ideaId = teamRow?.idea_id ?? null;
    const fields = { title: input.title, body: input.body, summary: summarize(input.body) };
    if (ideaId) {
      await tx.idea.update({ where: { id: ideaId }, data: fields, select: { id: true } });
      await tx.hackathonTeam.update({ where: { id: teamId }, data: { repoUrl: input.repoUrl ?? null } });
      events.publish({ type: "idea:updated", ideaId, spaceId: h.space.id });
      return { ideaId, notified: [] as string[] };
    }
    ideaId = newId();
    await tx.idea.create({
      data: { id: ideaId, spaceId: h.space.id, authorId: user.id, challengeId: h.id, language, ...fields },
      select: { id: true },
    });
    await tx.hackathonTeam.update({ where: { id: teamId }, data: { ideaId, repoUrl: input.repoUrl ?? null } });
    const notified: string[] = [];
    for (const m of members) {
      if (m.userId === user.id) continue;
      await tx.ideaCoauthor.create({ data: { ideaId, userId: m.userId, acceptedAt: locked.now } });
      notified.push(
        ...(await notifyUser(tx, { userId: m.userId, ideaId, type: "idea.coauthor", data: { hackathonId: h.id } })),
      );
    }
    events.publish({ type: "space:idea-created", ideaId, spaceId: h.space.id, challengeId: h.id });
    await recordDomainEvent(tx, { type: "idea.created", ideaId, spaceId: h.space.id });
    announceHackathon(events, { id: h.id, spaceId: h.space.id });
    return { ideaId, notified };
  });
  announceNotifications(result.notified);
  return { ideaId: result.ideaId };
}

/** The co-authors of an idea (accepted), shown with the author. */
export async function listCoauthors(ideaId: string) {
  const rows = await prisma.ideaCoauthor.findMany({
    where: { ideaId, acceptedAt: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, displayName: true } } },
  });
  return rows.map((r) => r.user);
}

/** Inside a transaction: does the person hold a team place or request in this hackathon (a juror's conflict)? */
export async function isInTeam(tx: Tx | typeof prisma, hackathonId: string, userId: string): Promise<boolean> {
  return (await tx.hackathonTeamMember.count({ where: { hackathonId, userId } })) > 0;
}
