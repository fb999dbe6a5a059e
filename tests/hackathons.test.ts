// Hackathons on a real database (docs/decisions/0035-hackathons.md): registration within capacity and
// the waiting list (racing registrations and cancellations), team rules, co-authored submissions, the
// submission deadline at the DATABASE's clock, jury privacy and conflicts, results moving projects in
// the pipeline.
import { afterEach, expect, test, vi } from "vitest";
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { addJuror, publishResults, scoreProject } from "~/models/hackathon-jury.server.ts";
import { getHackathonPage } from "~/models/hackathon-page.server.ts";
import {
  answerJoinRequest,
  askToJoinTeam,
  createTeam,
  listCoauthors,
  submitProject,
} from "~/models/hackathon-teams.server.ts";
import { cancelRegistration, createHackathon, registerForHackathon } from "~/models/hackathon.server.ts";
import type { HackathonInput } from "~/models/hackathon.ts";
import { getSpace, makeUser, SPACES } from "./factories.ts";

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;

/** A hackathon whose registration is open and whose event runs now (submissions open), unless told otherwise. */
async function makeHackathon(options: Partial<HackathonInput> & { space?: string } = {}) {
  const manager = await makeUser({ role: "MANAGER" });
  const space = await getSpace(options.space ?? SPACES.public);
  const now = Date.now();
  const input: HackathonInput = {
    title: "Hackathon des trajets vers l'emploi",
    cover: "Deux jours pour faciliter les trajets.",
    objective: "Construire un service avec les **données ouvertes**.",
    resources: "[Données ouvertes](/donnees-ouvertes)",
    place: "Paris",
    onlineUrl: undefined,
    registrationOpensAt: new Date(now - 2 * HOUR),
    registrationClosesAt: new Date(now + 24 * HOUR),
    startsAt: new Date(now - HOUR),
    endsAt: new Date(now + 48 * HOUR),
    submissionDeadline: new Date(now + 47 * HOUR),
    resultsAt: new Date(now + 72 * HOUR),
    capacity: 10,
    teamSizeMax: 3,
    mixedTeams: false,
    criteria: ["Impact", "Faisabilité"],
    ...options,
  };
  const { id } = await createHackathon({ user: manager, space, input });
  return { id, manager };
}

/** Moves the submission deadline (and what must follow it) relative to the database's clock. */
async function deadlineIn(hackathonId: string, interval: string) {
  await prisma.$executeRawUnsafe(
    `update hackathons set submission_deadline = now() + interval '${interval}', results_at = now() + interval '${interval}' + interval '1 day'
      where challenge_id = $1`,
    hackathonId,
  );
}

async function registered(hackathonId: string, role: SessionUser["role"] = "PUBLIC") {
  const user = await makeUser({ role });
  await registerForHackathon({ user, hackathonId });
  return user;
}

const seats = (hackathonId: string) =>
  prisma.hackathonRegistration.findMany({
    where: { hackathonId },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    select: { userId: true, status: true },
  });

test("registration fills the capacity, then the waiting list; a cancellation promotes the first waiting, who is notified", async () => {
  const { id } = await makeHackathon({ capacity: 2 });
  const [a, b, c, d] = [await registered(id), await registered(id), await registered(id), await registered(id)];
  expect((await seats(id)).map((s) => s.status)).toEqual(["REGISTERED", "REGISTERED", "WAITING", "WAITING"]);
  await expect(registerForHackathon({ user: a, hackathonId: id })).rejects.toMatchObject({
    key: "hackathon.alreadyRegistered",
  });
  await cancelRegistration({ user: b, hackathonId: id });
  const after = new Map((await seats(id)).map((s) => [s.userId, s.status]));
  expect(after.get(b.id)).toBeUndefined();
  expect(after.get(c.id)).toBe("REGISTERED");
  expect(after.get(d.id)).toBe("WAITING");
  const note = await prisma.notification.findFirst({ where: { userId: c.id, type: "hackathon.promoted" } });
  expect(note?.data).toEqual({ hackathonId: id });
  // Cancelling from the waiting list promotes nobody.
  await cancelRegistration({ user: d, hackathonId: id });
  expect((await seats(id)).filter((s) => s.status === "REGISTERED")).toHaveLength(2);
  await expect(cancelRegistration({ user: d, hackathonId: id })).rejects.toMatchObject({
    key: "hackathon.notRegistered",
  });
});

test("racing registrations never exceed the capacity; racing cancellations promote exactly as many, in order", async () => {
  const { id } = await makeHackathon({ capacity: 3 });
  const people = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
  await Promise.all(people.map((user) => registerForHackathon({ user, hackathonId: id })));
  let rows = await seats(id);
  expect(rows.filter((s) => s.status === "REGISTERED")).toHaveLength(3);
  expect(rows.filter((s) => s.status === "WAITING")).toHaveLength(7);
  const holders = rows.filter((s) => s.status === "REGISTERED").map((s) => s.userId);
  const firstWaiting = rows
    .filter((s) => s.status === "WAITING")
    .slice(0, 2)
    .map((s) => s.userId);
  const byId = new Map(people.map((p) => [p.id, p]));
  await Promise.all(holders.slice(0, 2).map((uid) => cancelRegistration({ user: byId.get(uid)!, hackathonId: id })));
  rows = await seats(id);
  const nowRegistered = rows.filter((s) => s.status === "REGISTERED").map((s) => s.userId);
  expect(nowRegistered).toHaveLength(3);
  expect(nowRegistered).toEqual(expect.arrayContaining([holders[2], ...firstWaiting]));
});

test("registration is refused outside its window, by the database's clock", async () => {
  const { id } = await makeHackathon();
  await prisma.$executeRaw`update hackathons set registration_closes_at = now() - interval '1 second' where challenge_id = ${id}`;
  // The app server's clock says registration is still open: it is not what decides.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() - HOUR));
  await expect(registerForHackathon({ user: await makeUser(), hackathonId: id })).rejects.toMatchObject({
    key: "hackathon.registrationClosed",
  });
});

test("team rules: a seat is needed, the owner accepts, the size limit, one audience per team, one team per person", async () => {
  const { id } = await makeHackathon({ capacity: 6, teamSizeMax: 2 });
  const owner = await registered(id);
  const mate = await registered(id);
  const third = await registered(id);
  const staff = await registered(id, "EMPLOYEE");
  const { id: teamId } = await createTeam({ user: owner, hackathonId: id, name: "Les Rapides" });
  await expect(createTeam({ user: owner, hackathonId: id, name: "Autre" })).rejects.toMatchObject({
    key: "hackathon.alreadyInTeam",
  });
  await expect(createTeam({ user: mate, hackathonId: id, name: "Les Rapides" })).rejects.toMatchObject({
    key: "hackathon.teamNameTaken",
  });
  // Waiting list: no team.
  const full = await makeHackathon({ capacity: 1 });
  await registered(full.id);
  const waiting = await registered(full.id);
  await expect(createTeam({ user: waiting, hackathonId: full.id, name: "Attente" })).rejects.toMatchObject({
    key: "hackathon.seatRequired",
  });

  await askToJoinTeam({ user: mate, teamId });
  await expect(askToJoinTeam({ user: mate, teamId })).rejects.toMatchObject({ key: "hackathon.alreadyInTeam" });
  expect(await prisma.notification.count({ where: { userId: owner.id, type: "hackathon.team" } })).toBe(1);
  // Only the owner answers.
  await askToJoinTeam({ user: third, teamId });
  await expect(answerJoinRequest({ user: mate, teamId, userId: third.id, accept: true })).rejects.toMatchObject({
    kind: "forbidden",
  });
  await answerJoinRequest({ user: owner, teamId, userId: mate.id, accept: true });
  await expect(answerJoinRequest({ user: owner, teamId, userId: third.id, accept: true })).rejects.toMatchObject({
    key: "hackathon.teamFull",
  });
  await answerJoinRequest({ user: owner, teamId, userId: third.id, accept: false });
  expect(await prisma.hackathonTeamMember.count({ where: { teamId, userId: third.id } })).toBe(0);

  // A staff member may not join a public team unless the hackathon mixes audiences.
  const { id: solo } = await createTeam({ user: third, hackathonId: id, name: "Solo" });
  await askToJoinTeam({ user: staff, teamId: solo });
  await expect(answerJoinRequest({ user: third, teamId: solo, userId: staff.id, accept: true })).rejects.toMatchObject({
    key: "hackathon.teamNotMixed",
  });
  await prisma.hackathon.update({ where: { challengeId: id }, data: { mixedTeams: true } });
  await answerJoinRequest({ user: third, teamId: solo, userId: staff.id, accept: true });
});

async function teamOfTwo(hackathonId: string) {
  const owner = await registered(hackathonId);
  const mate = await registered(hackathonId);
  const { id: teamId } = await createTeam({ user: owner, hackathonId, name: `Équipe ${owner.id.slice(0, 5)}` });
  await askToJoinTeam({ user: mate, teamId });
  await answerJoinRequest({ user: owner, teamId, userId: mate.id, accept: true });
  return { owner, mate, teamId };
}

const submission = {
  title: "Trajets vers l'emploi",
  body: "Un service qui croise les offres et les transports publics.",
  repoUrl: "https://git.example.test/trajets",
};

test("a team's project is an idea co-authored by its members: all shown, notified, able to edit; nobody else", async () => {
  const { id } = await makeHackathon();
  const { owner, mate, teamId } = await teamOfTwo(id);
  const outsider = await registered(id);
  const { ideaId } = await submitProject({ user: owner, teamId, input: submission });
  const idea = await prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: { authorId: true, challengeId: true },
  });
  expect(idea).toEqual({ authorId: owner.id, challengeId: id });
  expect((await listCoauthors(ideaId)).map((u) => u.id)).toEqual([mate.id]);
  expect(await prisma.notification.count({ where: { userId: mate.id, type: "idea.coauthor", ideaId } })).toBe(1);
  // The co-author edits it.
  await submitProject({ user: mate, teamId, input: { ...submission, title: "Trajets vers l'emploi, v2" } });
  expect((await prisma.idea.findUniqueOrThrow({ where: { id: ideaId }, select: { title: true } })).title).toBe(
    "Trajets vers l'emploi, v2",
  );
  await expect(submitProject({ user: outsider, teamId, input: submission })).rejects.toMatchObject({
    kind: "forbidden",
  });
  // The ordinary propose form cannot slip an idea into a hackathon.
  const { challengeRefusal } = await import("~/models/challenge.server.ts");
  const space = await getSpace(SPACES.public);
  expect(await prisma.$transaction((tx) => challengeRefusal(tx, space.id, id))).toBe("unknown");
});

test("the submission deadline is the database's: refused once passed there, whatever the app server's clock says", async () => {
  const { id } = await makeHackathon();
  const { owner, teamId } = await teamOfTwo(id);
  await deadlineIn(id, "-1 second");
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() - 2 * HOUR)); // the app server thinks the deadline is ahead
  await expect(submitProject({ user: owner, teamId, input: submission })).rejects.toMatchObject({
    key: "hackathon.submissionsClosed",
  });
  vi.useRealTimers();
  await deadlineIn(id, "1 hour");
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() + 5 * HOUR)); // the app server thinks it passed
  const { ideaId } = await submitProject({ user: owner, teamId, input: submission });
  expect(ideaId).toBeTruthy();
});

test("the jury: staff only, no one in a team; scores private until results; results move winners to SELECTED", async () => {
  const { id, manager } = await makeHackathon();
  const { owner, mate, teamId } = await teamOfTwo(id);
  const other = await teamOfTwo(id);
  const { ideaId } = await submitProject({ user: owner, teamId, input: submission });
  const { ideaId: otherIdea } = await submitProject({
    user: other.owner,
    teamId: other.teamId,
    input: { ...submission, title: "Covoiturage solidaire" },
  });

  // Conflicts of interest, both ways.
  const staffInTeam = await registered(id, "EMPLOYEE");
  await createTeam({ user: staffInTeam, hackathonId: id, name: "Agents" });
  await expect(addJuror({ user: manager, hackathonId: id, email: staffInTeam.email })).rejects.toMatchObject({
    key: "hackathon.jurorConflict",
  });
  await expect(addJuror({ user: manager, hackathonId: id, email: owner.email })).rejects.toMatchObject({
    key: "hackathon.jurorConflict",
  });
  const publicPerson = await makeUser();
  await expect(addJuror({ user: manager, hackathonId: id, email: publicPerson.email })).rejects.toMatchObject({
    key: "hackathon.jurorNotStaff",
  });
  const juror = await makeUser({ role: "EMPLOYEE" });
  await expect(addJuror({ user: owner, hackathonId: id, email: juror.email })).rejects.toMatchObject({
    kind: "forbidden",
  });
  await addJuror({ user: manager, hackathonId: id, email: juror.email });
  await registerForHackathon({ user: juror, hackathonId: id });
  await expect(createTeam({ user: juror, hackathonId: id, name: "Jury" })).rejects.toMatchObject({
    key: "hackathon.jurorCannotJoin",
  });

  await expect(scoreProject({ user: mate, hackathonId: id, ideaId, scores: [5, 5] })).rejects.toMatchObject({
    kind: "forbidden",
  });
  await expect(scoreProject({ user: juror, hackathonId: id, ideaId, scores: [5] })).rejects.toMatchObject({
    key: "evaluation.chooseScore",
  });
  await scoreProject({ user: juror, hackathonId: id, ideaId, scores: [5, 4] });
  await scoreProject({ user: juror, hackathonId: id, ideaId: otherIdea, scores: [2, 2] });

  // Private: a participant and the public see no score; the juror sees their own; managers see averages.
  const averages = (page: Awaited<ReturnType<typeof getHackathonPage>>) =>
    page.teams.map((t) => t.average).filter((a) => a !== null);
  expect(averages(await getHackathonPage(owner, id))).toEqual([]);
  expect(averages(await getHackathonPage(null, id))).toEqual([]);
  const jurorPage = await getHackathonPage(juror, id);
  expect(averages(jurorPage)).toEqual([]);
  expect(jurorPage.teams.find((t) => t.idea?.id === ideaId)?.myScores).toEqual({ c0: "5", c1: "4" });
  expect(averages(await getHackathonPage(manager, id))).toEqual(expect.arrayContaining([4.5, 2]));

  // Results wait for the deadline (the database's).
  const results = { text: "Bravo à toutes les équipes.", winners: [ideaId], mentions: [otherIdea] };
  await expect(publishResults({ user: manager, hackathonId: id, input: results })).rejects.toMatchObject({
    key: "hackathon.tooEarlyForResults",
  });
  await deadlineIn(id, "-1 second");
  await publishResults({ user: manager, hackathonId: id, input: results });
  await expect(publishResults({ user: manager, hackathonId: id, input: results })).rejects.toMatchObject({
    key: "hackathon.alreadyPublished",
  });

  const winner = await prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: { stage: true, transitions: { orderBy: { id: "asc" }, select: { toStage: true, note: true } } },
  });
  expect(winner.stage).toBe("SELECTED");
  expect(winner.transitions.map((t) => t.toStage)).toEqual(["UNDER_REVIEW", "SELECTED"]);
  expect(winner.transitions.every((t) => t.note?.includes("Hackathon des trajets vers l'emploi"))).toBe(true);
  expect((await prisma.idea.findUniqueOrThrow({ where: { id: otherIdea }, select: { stage: true } })).stage).toBe(
    "PROPOSED",
  );
  // Everyone taking part is told; scores are now public (averages), still not per juror.
  for (const person of [owner, mate, other.owner, juror])
    expect(await prisma.notification.count({ where: { userId: person.id, type: "hackathon.results" } })).toBe(1);
  const publicPage = await getHackathonPage(null, id);
  expect(publicPage.hackathon.phase).toBe("results");
  expect(averages(publicPage)).toEqual(expect.arrayContaining([4.5, 2]));
  expect(publicPage.teams.find((t) => t.idea?.id === ideaId)?.award).toBe("WINNER");
  // The jury no longer scores.
  await expect(scoreProject({ user: juror, hackathonId: id, ideaId, scores: [1, 1] })).rejects.toMatchObject({
    key: "hackathon.juryClosed",
  });
});

test("an InnovAction hackathon does not exist for outsiders", async () => {
  const { id } = await makeHackathon({ space: SPACES.internal });
  await expect(getHackathonPage(null, id)).rejects.toMatchObject({ kind: "not-found" });
  await expect(getHackathonPage(await makeUser(), id)).rejects.toMatchObject({ kind: "not-found" });
  await expect(
    registerForHackathon({ user: await makeUser({ role: "SUPPLIER" }), hackathonId: id }),
  ).rejects.toMatchObject({
    kind: "not-found",
  });
  expect((await getHackathonPage(await makeUser({ role: "EMPLOYEE" }), id)).hackathon.id).toBe(id);
});

test("GDPR: the export carries registrations and team memberships; deleting the account passes the seat and the team on", async () => {
  const { exportMyData, deleteMyAccount } = await import("~/models/privacy.server.ts");
  const { id } = await makeHackathon({ capacity: 2 });
  const { owner, mate, teamId } = await teamOfTwo(id);
  const waiting = await registered(id);
  const data = await exportMyData({ user: owner });
  expect(data.hackathonRegistrations).toEqual([expect.objectContaining({ hackathonId: id, status: "REGISTERED" })]);
  expect(data.hackathonTeamMemberships).toEqual([
    expect.objectContaining({ hackathonId: id, owner: true, accepted: true }),
  ]);
  await deleteMyAccount({
    user: { id: owner.id, sessionId: "none" },
    currentPassword: owner.password,
    contributions: "keep",
  });
  const rows = new Map((await seats(id)).map((s) => [s.userId, s.status]));
  expect(rows.get(owner.id)).toBeUndefined();
  expect(rows.get(waiting.id)).toBe("REGISTERED");
  expect(
    await prisma.hackathonTeamMember.findMany({ where: { teamId }, select: { userId: true, owner: true } }),
  ).toEqual([{ userId: mate.id, owner: true }]);
});

test("ordinary ideas: the author invites, the invitee accepts and may then edit; a hackathon project is edited on its page only", async () => {
  const { inviteCoauthor, acceptCoauthorship } = await import("~/models/coauthor.server.ts");
  const { updateIdea } = await import("~/models/idea-edit.server.ts");
  const { makeIdea } = await import("./factories.ts");
  const [author, friend, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  const idea = await makeIdea({ author });
  const edit = { title: "Une idée écrite à deux mains", body: "Le texte repris par la coautrice.", tags: [] };
  await expect(inviteCoauthor({ user: friend, ideaId: idea.id, email: stranger.email })).rejects.toMatchObject({
    kind: "forbidden",
  });
  await expect(inviteCoauthor({ user: author, ideaId: idea.id, email: "personne@example.test" })).rejects.toMatchObject(
    {
      key: "coauthor.cannotInvite",
    },
  );
  await inviteCoauthor({ user: author, ideaId: idea.id, email: friend.email });
  expect(
    await prisma.notification.count({ where: { userId: friend.id, type: "idea.coauthor", ideaId: idea.id } }),
  ).toBe(1);
  // Invited is not yet a co-author.
  await expect(updateIdea({ user: friend, ideaId: idea.id, input: edit })).rejects.toMatchObject({ kind: "forbidden" });
  await expect(acceptCoauthorship({ user: stranger, ideaId: idea.id })).rejects.toMatchObject({
    key: "coauthor.noInvitation",
  });
  await acceptCoauthorship({ user: friend, ideaId: idea.id });
  await updateIdea({ user: friend, ideaId: idea.id, input: edit });
  expect((await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { title: true } })).title).toBe(
    edit.title,
  );
  expect((await listCoauthors(idea.id)).map((u) => u.id)).toEqual([friend.id]);
  await expect(updateIdea({ user: stranger, ideaId: idea.id, input: edit })).rejects.toMatchObject({
    kind: "forbidden",
  });
  // An InnovAction idea: a public person cannot be invited (they may not see it).
  const staff = await makeUser({ role: "EMPLOYEE" });
  const internal = await makeIdea({ author: staff, space: SPACES.internal });
  await expect(inviteCoauthor({ user: staff, ideaId: internal.id, email: stranger.email })).rejects.toMatchObject({
    key: "coauthor.cannotInvite",
  });
  // A hackathon project: not through the ordinary edit form, not even by its author (its deadline rules).
  const { id } = await makeHackathon();
  const { owner, teamId } = await teamOfTwo(id);
  const { ideaId } = await submitProject({ user: owner, teamId, input: submission });
  await expect(updateIdea({ user: owner, ideaId, input: edit })).rejects.toMatchObject({ kind: "forbidden" });
});

test("the results' webhook event: its payload names the hackathon for an owner who may see it, nothing for others", async () => {
  const { buildWebhookPayload } = await import("~/models/webhook-payload.server.ts");
  const { id } = await makeHackathon({ space: SPACES.internal });
  const space = await getSpace(SPACES.internal);
  const event = { type: "hackathon.results_published" as const, challengeId: id, spaceId: space.id };
  const admin = await makeUser({ role: "ADMIN" });
  const payload = await buildWebhookPayload(admin, event, new Date(), "https://idees.example.fr");
  expect(payload?.data).toMatchObject({
    challenge: { id, url: `https://idees.example.fr/hackathons/${id}/resultats` },
  });
  expect(await buildWebhookPayload(await makeUser(), event, new Date(), "https://idees.example.fr")).toBeNull();
});
