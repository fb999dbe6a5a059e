// The jury and the results of a hackathon (docs/decisions/0035-hackathons.md). Managers name jurors:
// staff, in no team of the hackathon (a conflict of interest is refused, both ways: a juror joins no
// team). Jurors score each project on the hackathon's rubric (1..5 per criterion, like evaluations);
// scores stay private (managers; a juror their own) until the results are published. Publishing names
// winners and mentions with a text; winners move to SELECTED through the pipeline (applyMove: stage
// history, audit, notifications, webhooks), with the hackathon named in the move's note; every
// participant is notified after commit.
import { canBeJuror, canManageHackathon, canScore } from "~/auth/policy-hackathons.ts";
import type { Viewer } from "~/auth/policy.ts";
import { isUniqueViolation, prisma } from "~/lib/db.server.ts";
import { publish, recordDomainEvent, transactionWithEvents } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { juryOpen, type ResultsInput } from "./hackathon.ts";
import { announceHackathon, lockHackathon, requireVisibleHackathon } from "./hackathon.server.ts";
import { isInTeam } from "./hackathon-teams.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";
import { applyMove } from "./pipeline.server.ts";

export async function addJuror(options: { user: NonNullable<Viewer>; hackathonId: string; email: string }) {
  const { user, hackathonId, email } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  if (!canManageHackathon(user, h.space)) forbidden();
  await prisma.$transaction(async (tx) => {
    await lockHackathon(tx, hackathonId, "share");
    const person = await tx.user.findUnique({
      where: { email: email.toLowerCase() },
      select: { id: true, role: true },
    });
    if (!person) throw new RuleBroken("hackathon.jurorUnknown", { field: "email" });
    const inTeam = await isInTeam(tx, hackathonId, person.id);
    if (inTeam) throw new RuleBroken("hackathon.jurorConflict", { field: "email" });
    if (!canBeJuror(person, inTeam)) throw new RuleBroken("hackathon.jurorNotStaff", { field: "email" });
    try {
      await tx.hackathonJuror.create({ data: { hackathonId, userId: person.id } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RuleBroken("hackathon.jurorAlready", { field: "email" });
      throw error;
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "hackathon.juror",
      target: { type: "hackathon", id: hackathonId },
      after: { jurorId: person.id },
    });
  });
}

/** A juror scores a project on every criterion of the rubric; scoring again replaces their scores. */
export async function scoreProject(options: {
  user: NonNullable<Viewer>;
  hackathonId: string;
  ideaId: string;
  scores: number[];
}) {
  const { user, hackathonId, ideaId, scores } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  await prisma.$transaction(async (tx) => {
    const locked = await lockHackathon(tx, hackathonId, "share");
    const isJuror = (await tx.hackathonJuror.count({ where: { hackathonId, userId: user.id } })) > 0;
    const inTeam = await isInTeam(tx, hackathonId, user.id);
    if (!canScore(user, h.space, { isJuror, inTeam })) forbidden(inTeam ? "hackathon.jurorConflict" : undefined);
    if (!juryOpen(locked.schedule, locked.now)) throw new RuleBroken("hackathon.juryClosed");
    if (scores.length !== locked.criteria.length || scores.some((s) => !Number.isInteger(s) || s < 1 || s > 5))
      throw new RuleBroken("evaluation.chooseScore");
    const project = await tx.hackathonTeam.count({ where: { hackathonId, ideaId } });
    if (!project) notFound();
    for (const [criterion, score] of scores.entries()) {
      await tx.hackathonScore.upsert({
        where: { ideaId_jurorId_criterion: { ideaId, jurorId: user.id, criterion } },
        create: { hackathonId, ideaId, jurorId: user.id, criterion, score, updatedAt: locked.now },
        update: { score, updatedAt: locked.now },
      });
    }
  });
}

/**
 * Publishes the results once the submission deadline passed (the database's clock), once. Winners at
 * PROPOSED or UNDER_REVIEW walk the pipeline's main line to SELECTED, each move noting the hackathon.
 */
export async function publishResults(options: { user: NonNullable<Viewer>; hackathonId: string; input: ResultsInput }) {
  const { user, hackathonId, input } = options;
  const h = await requireVisibleHackathon(user, hackathonId);
  if (!canManageHackathon(user, h.space)) forbidden();
  const winners = [...new Set(input.winners)];
  const mentions = [...new Set(input.mentions)].filter((id) => !winners.includes(id));
  const { notified, moved } = await transactionWithEvents(async (tx, events) => {
    const locked = await lockHackathon(tx, hackathonId, "update");
    if (locked.schedule.resultsPublishedAt) throw new RuleBroken("hackathon.alreadyPublished", { conflict: true });
    if (locked.now < new Date(locked.schedule.submissionDeadline)) throw new RuleBroken("hackathon.tooEarlyForResults");
    const projects = await tx.hackathonTeam.findMany({
      where: { hackathonId, ideaId: { in: [...winners, ...mentions] } },
      select: { ideaId: true },
    });
    if (projects.length !== winners.length + mentions.length) throw new RuleBroken("hackathon.unknownProject");
    await tx.hackathonAward.createMany({
      data: [
        ...winners.map((ideaId) => ({ ideaId, hackathonId, kind: "WINNER" as const })),
        ...mentions.map((ideaId) => ({ ideaId, hackathonId, kind: "MENTION" as const })),
      ],
    });
    await tx.hackathon.update({
      where: { challengeId: hackathonId },
      data: { resultsText: input.text, resultsPublishedAt: locked.now },
      select: { challengeId: true },
    });
    const notified: string[] = [];
    const moved: { ideaId: string }[] = [];
    const note = `Hackathon « ${h.title} » : projet lauréat`;
    for (const ideaId of winners) {
      const idea = await tx.idea.findUniqueOrThrow({
        where: { id: ideaId },
        select: { stage: true, hiddenAt: true, mergedIntoId: true },
      });
      if (idea.hiddenAt || idea.mergedIntoId) continue;
      let stage = idea.stage;
      for (const to of ["UNDER_REVIEW", "SELECTED"] as const) {
        if ((stage === "PROPOSED" && to === "UNDER_REVIEW") || (stage === "UNDER_REVIEW" && to === "SELECTED")) {
          // The note is the French sentence above (docs/decisions/0037).
          const r = await applyMove(tx, {
            ideaId,
            actorId: user.id,
            from: stage,
            to,
            note,
            language: "fr",
            now: locked.now,
          });
          notified.push(...r.notified);
          stage = to;
        }
      }
      if (stage === "SELECTED") moved.push({ ideaId });
    }
    const people = await tx.$queryRaw<{ user_id: string }[]>`
      select user_id from hackathon_registrations where hackathon_id = ${hackathonId}
      union select user_id from hackathon_team_members where hackathon_id = ${hackathonId} and accepted`;
    for (const p of people)
      notified.push(
        ...(await notifyUser(tx, {
          userId: p.user_id,
          ideaId: null,
          type: "hackathon.results",
          data: { hackathonId },
        })),
      );
    await recordAudit(tx, {
      actorId: user.id,
      action: "hackathon.results",
      target: { type: "hackathon", id: hackathonId },
      after: { winners, mentions },
    });
    await recordDomainEvent(tx, { type: "hackathon.results_published", challengeId: hackathonId, spaceId: h.space.id });
    announceHackathon(events, { id: hackathonId, spaceId: h.space.id });
    return { notified, moved };
  });
  for (const m of moved) publish({ type: "idea:stage", ideaId: m.ideaId, spaceId: h.space.id, stage: "SELECTED" });
  announceNotifications(notified);
}
