// What a hackathon's pages show (docs/decisions/0035-hackathons.md): the schedule and its current phase at
// the database's clock, live counts, teams and their projects, the viewer's place in it, and — only where
// the policy allows — the jury's scores. The page and the actions ask the same questions: the flags below
// are the policy's and the schedule's rules, the actions ask them again in their transactions.
import { canManageHackathon, canScore, canSeeJuryScores, canTakePart } from "~/auth/policy-hackathons.ts";
import { isListedIdea, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { averageScore, hackathonPhase, juryOpen, registrationOpen, submissionsOpen, teamsOpen } from "./hackathon.ts";
import { databaseNow, hackathonCounts, requireVisibleHackathon } from "./hackathon.server.ts";

export async function getHackathonPage(viewer: Viewer, hackathonId: string) {
  const h = await requireVisibleHackathon(viewer, hackathonId);
  const now = await databaseNow();
  const [counts, teamRows, registration, jurorRows, awards] = await Promise.all([
    hackathonCounts(h.id),
    prisma.hackathonTeam.findMany({
      where: { hackathonId: h.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 200,
      select: {
        id: true,
        name: true,
        repoUrl: true,
        idea: { select: { id: true, title: true, language: true, hiddenAt: true, mergedIntoId: true } },
        members: {
          orderBy: [{ createdAt: "asc" }],
          select: { owner: true, accepted: true, user: { select: { id: true, displayName: true } } },
        },
      },
    }),
    viewer
      ? prisma.hackathonRegistration.findUnique({
          where: { hackathonId_userId: { hackathonId: h.id, userId: viewer.id } },
          select: { status: true },
        })
      : null,
    prisma.hackathonJuror.findMany({
      where: { hackathonId: h.id },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, displayName: true } } },
    }),
    prisma.hackathonAward.findMany({ where: { hackathonId: h.id }, select: { ideaId: true, kind: true } }),
  ]);
  const published = h.resultsPublishedAt !== null;
  const manage = canManageHackathon(viewer, h.space);
  const mine = viewer ? teamRows.find((t) => t.members.some((m) => m.user.id === viewer.id)) : undefined;
  const myMembership = mine?.members.find((m) => m.user.id === viewer?.id);
  const isJuror = viewer !== null && jurorRows.some((j) => j.user.id === viewer.id);
  const scoring = canScore(viewer, h.space, { isJuror, inTeam: Boolean(mine) }) && juryOpen(h, now);
  const scoresVisible = canSeeJuryScores(viewer, h.space, published);
  // A project hidden by moderation or merged into another idea is not listed (the one rule: isListedIdea).
  const ideaIds = teamRows.flatMap((t) => (t.idea && isListedIdea(t.idea) ? [t.idea.id] : []));
  const scoreRows =
    scoresVisible || scoring
      ? await prisma.hackathonScore.findMany({
          where: { hackathonId: h.id, ideaId: { in: ideaIds }, ...(scoresVisible ? {} : { jurorId: viewer?.id }) },
          select: { ideaId: true, jurorId: true, criterion: true, score: true },
        })
      : [];
  const awardOf = new Map(awards.map((a) => [a.ideaId, a.kind]));
  const teams = teamRows.map((t) => {
    const idea =
      t.idea && isListedIdea(t.idea) ? { id: t.idea.id, title: t.idea.title, language: t.idea.language } : null;
    const own = idea && scoring ? scoreRows.filter((s) => s.ideaId === idea.id && s.jurorId === viewer?.id) : [];
    return {
      id: t.id,
      name: t.name,
      repoUrl: t.repoUrl,
      idea,
      members: t.members.filter((m) => m.accepted).map((m) => ({ ...m.user, owner: m.owner })),
      // Pending requests: seen by the team's owner only.
      requests: myMembership?.owner && mine?.id === t.id ? t.members.filter((m) => !m.accepted).map((m) => m.user) : [],
      award: idea ? (awardOf.get(idea.id) ?? null) : null,
      average: idea && scoresVisible ? averageScore(scoreRows.filter((s) => s.ideaId === idea.id)) : null,
      myScores: own.length ? Object.fromEntries(own.map((s) => [`c${s.criterion}`, String(s.score)])) : null,
    };
  });
  const seat = registration?.status ?? null;
  const participant = canTakePart(viewer, h.space);
  return {
    hackathon: {
      id: h.id,
      title: h.title,
      cover: h.cover,
      language: h.language,
      place: h.place,
      onlineUrl: h.onlineUrl,
      objectiveHtml: renderMarkdown(h.objective, { headingBase: 2 }),
      resourcesHtml: h.resources ? renderMarkdown(h.resources, { headingBase: 2 }) : "",
      schedule: {
        registrationOpensAt: h.registrationOpensAt.toISOString(),
        registrationClosesAt: h.registrationClosesAt.toISOString(),
        startsAt: h.startsAt.toISOString(),
        endsAt: h.endsAt.toISOString(),
        submissionDeadline: h.submissionDeadline.toISOString(),
        resultsAt: h.resultsAt.toISOString(),
      },
      capacity: h.capacity,
      teamSizeMax: h.teamSizeMax,
      mixedTeams: h.mixedTeams,
      criteria: h.criteria,
      resultsHtml: published && h.resultsText ? renderMarkdown(h.resultsText, { headingBase: 2 }) : "",
      phase: hackathonPhase(h, now),
    },
    space: h.space,
    counts,
    teams,
    jurors: manage ? jurorRows.map((j) => j.user) : [],
    me: {
      signedIn: viewer !== null,
      seat,
      teamId: mine?.id ?? null,
      accepted: myMembership?.accepted ?? false,
      owner: myMembership?.owner ?? false,
      isJuror,
    },
    can: {
      manage,
      register: participant && seat === null && registrationOpen(h, now),
      cancel: participant && seat !== null && !published && now < h.submissionDeadline,
      formTeam: participant && seat === "REGISTERED" && !mine && !isJuror && teamsOpen(h, now),
      leaveTeam: participant && Boolean(mine) && teamsOpen(h, now),
      submit: participant && Boolean(myMembership?.accepted) && submissionsOpen(h, now),
      score: scoring,
      publish: manage && !published && now >= h.submissionDeadline,
      seeScores: scoresVisible,
    },
  };
}
export type HackathonPage = Awaited<ReturnType<typeof getHackathonPage>>;

/** The current submission of the viewer's team, to prefill its form. */
export async function getTeamSubmission(teamId: string) {
  const team = await prisma.hackathonTeam.findUnique({
    where: { id: teamId },
    select: { repoUrl: true, idea: { select: { title: true, body: true } } },
  });
  return team?.idea ? { title: team.idea.title, body: team.idea.body, repoUrl: team.repoUrl ?? "" } : null;
}
