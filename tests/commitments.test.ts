// Response-time commitments (docs/decisions/0028-response-time-commitments.md): every figure against a
// fixture computed by hand, in a space of its own, on a fixed "now" (15 June 2027, noon in Paris) — what
// is overdue, "answered in N days", the share within the commitment, the median to a first answer, the
// board's overdue filter and urgency order, the SQL rule agreeing with the pure one, the weekly reminder
// (once per manager and ISO week, across concurrent runs, notification and e-mail), and the admins' form.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { sendOverdueReminders } from "~/jobs/commitment-reminders.server.ts";
import { deliverPendingEmails } from "~/jobs/email.server.ts";
import { getManagerBoard } from "~/models/board.server.ts";
import { NO_BOARD_FILTERS } from "~/models/board.ts";
import { commitmentRecord, getIdeaResponseStatus } from "~/models/commitments.server.ts";
import { getIdeaPageWithSurroundings } from "~/models/idea-page.server.ts";
import { isoWeek, parisDaysBetween, shareWithin } from "~/models/commitments.ts";
import { makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { startSmtpServer } from "./support/smtp.ts";

const NOW = new Date("2027-06-15T10:00:00Z"); // noon in Paris (summer time)
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Person = Awaited<ReturnType<typeof makeUser>>;
let manager: Person;
let author: Person;
let space: { id: string; slug: string };
const ids: Record<string, string> = {};
let app: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

/** An idea proposed at `createdAt`, moved along `moves` ([stage, instant]); optionally answered officially. */
async function idea(
  key: string,
  options: { createdAt: string; moves?: [IdeaStage, string][]; answeredAt?: string; spaceId?: string },
) {
  const id = newId();
  const last = options.moves?.at(-1);
  await prisma.idea.create({
    data: {
      id,
      spaceId: options.spaceId ?? space.id,
      authorId: author.id,
      title: `Idée ${key} ${run}`,
      body: "Un texte assez long pour une idée.",
      stage: last?.[0] ?? "PROPOSED",
      stageChangedAt: new Date(last?.[1] ?? options.createdAt),
      createdAt: new Date(options.createdAt),
    },
  });
  let from: IdeaStage = "PROPOSED";
  for (const [to, at] of options.moves ?? []) {
    await prisma.stageTransition.create({
      data: { ideaId: id, actorId: manager.id, fromStage: from, toStage: to, note: "Motif", createdAt: new Date(at) },
    });
    from = to;
  }
  if (options.answeredAt)
    await prisma.officialAnswer.create({
      data: { ideaId: id, authorId: manager.id, body: "Merci.", createdAt: new Date(options.answeredAt) },
    });
  ids[key] = id;
  return id;
}

beforeAll(async () => {
  manager = await makeUser({ role: "MANAGER" });
  author = await makeUser({ role: "PUBLIC" });
  space = await prisma.space.create({
    data: {
      id: newId(),
      slug: `engagements-${run}`,
      audience: "PUBLIC",
      nameFr: `Engagements ${run}`,
      nameEn: `Commitments ${run}`,
      descriptionFr: "-",
      descriptionEn: "-",
      answerWithinDays: 30,
      reviewWithinDays: 60,
    },
    select: { id: true, slug: true },
  });
  // Paris days to 15 June 2027. Answered: A 10 days (in review for 35), B 45 (late), C 20 (official
  // answer, still PROPOSED), F 2 (in review for 132: overdue). Waiting: D 56 (overdue), E 14, I 30 (the
  // commitment itself: not overdue; proposed 00:30 in Paris, still 15 May in UTC), J 31 (overdue).
  // G: proposed more than 12 months ago (out of the record, overdue on the board). H hidden, M merged.
  await idea("A", { createdAt: "2027-05-01T08:00:00Z", moves: [["UNDER_REVIEW", "2027-05-11T08:00:00Z"]] });
  await idea("B", { createdAt: "2027-03-01T08:00:00Z", moves: [["REJECTED", "2027-04-15T08:00:00Z"]] });
  await idea("C", { createdAt: "2027-04-01T08:00:00Z", answeredAt: "2027-04-21T08:00:00Z" });
  await idea("D", { createdAt: "2027-04-20T08:00:00Z" });
  await idea("E", { createdAt: "2027-06-01T08:00:00Z" });
  await idea("F", { createdAt: "2027-02-01T08:00:00Z", moves: [["UNDER_REVIEW", "2027-02-03T08:00:00Z"]] });
  await idea("G", { createdAt: "2026-05-01T08:00:00Z" });
  await idea("I", { createdAt: "2027-05-15T22:30:00Z" });
  await idea("J", { createdAt: "2027-05-15T21:30:00Z" });
  await idea("H", { createdAt: "2027-05-01T08:00:00Z" });
  await prisma.idea.update({
    where: { id: ids.H },
    data: { hiddenAt: NOW, hiddenKind: "MODERATOR", hiddenReason: "Hors charte" },
  });
  await idea("M", { createdAt: "2027-05-01T08:00:00Z" });
  await prisma.idea.update({ where: { id: ids.M }, data: { mergedIntoId: ids.A } });
  smtp = await startSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url, appUrl: "https://idees.example.fr" });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
  // Ideas proposed "in 2027" would stand in other tests' boards: remove the fixture.
  if (space) {
    await prisma.idea.deleteMany({ where: { spaceId: space.id } });
    await prisma.space.delete({ where: { id: space.id } });
  }
});

test("Paris days and ISO weeks, by hand", () => {
  expect(parisDaysBetween("2027-05-15T22:30:00Z", NOW)).toBe(30); // 16 May in Paris
  expect(parisDaysBetween("2027-05-15T21:30:00Z", NOW)).toBe(31);
  expect(parisDaysBetween("2027-03-27T23:30:00Z", "2027-03-28T22:30:00Z")).toBe(1); // across the clock change
  expect(isoWeek(NOW)).toBe("2027-W24");
  expect(isoWeek(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53"); // a Friday: the week of 31 Dec 2026
  expect(isoWeek(new Date("2026-12-31T23:30:00Z"))).toBe("2026-W53"); // 1 Jan 2027 00:30 in Paris: still W53
  expect(isoWeek(new Date("2027-01-04T00:30:00Z"))).toBe("2027-W01");
});

test("each idea's wait: answered in N days, waiting N days (commitment: 30), in review, overdue", async () => {
  const status = (key: string) => getIdeaResponseStatus({ ideaId: ids[key]!, now: NOW });
  expect(await status("A")).toEqual({ kind: "review", days: 35, commitment: 60, overdue: false, answeredDays: 10 });
  expect(await status("B")).toEqual({ kind: "answered", days: 45, commitment: 30, within: false });
  expect(await status("C")).toEqual({ kind: "answered", days: 20, commitment: 30, within: true });
  expect(await status("D")).toEqual({ kind: "waiting", days: 56, commitment: 30, overdue: true });
  expect(await status("E")).toEqual({ kind: "waiting", days: 14, commitment: 30, overdue: false });
  expect(await status("F")).toEqual({ kind: "review", days: 132, commitment: 60, overdue: true, answeredDays: 2 });
  expect(await status("I")).toEqual({ kind: "waiting", days: 30, commitment: 30, overdue: false });
  expect(await status("J")).toEqual({ kind: "waiting", days: 31, commitment: 30, overdue: true });
  // The idea page reads the same facts in its own statement (docs/decisions/0059): the same answers.
  for (const key of ["A", "B", "C", "D", "E", "F", "I", "J"]) {
    const page = await getIdeaPageWithSurroundings(null, ids[key]!, NOW);
    expect(page.response, key).toEqual(await status(key));
  }
});

test("the record over 12 months: share within the commitment and median, hidden and merged ideas left out", async () => {
  const record = await commitmentRecord({ spaceId: space.id, answerWithinDays: 30, now: NOW });
  // A B C D E F I J (G is older than 12 months; H hidden, M merged).
  expect(record).toEqual({
    proposed: 8,
    answered: 4, // A 10, B 45, C 20, F 2
    answeredWithin: 3, // A, C, F
    waitingOverdue: 2, // D, J
    waitingWithin: 2, // E, I
    medianDays: 15, // (10 + 20) / 2
  });
  expect(shareWithin(record)).toBe(0.5); // 3 of 6 settled
  const none = await commitmentRecord({ spaceId: space.id, answerWithinDays: null, now: NOW });
  expect(none).toMatchObject({ answeredWithin: 0, waitingOverdue: 0, waitingWithin: 4, medianDays: 15 });
});

test("the board: overdue filter, flag and urgency order agree with the pure rule", async () => {
  const filters = { ...NO_BOARD_FILTERS, space: space.slug };
  const overdueBoard = await getManagerBoard({ viewer: manager, filters: { ...filters, overdue: true }, now: NOW });
  const keysOf = (cards: { id: string }[]) => cards.map((c) => Object.keys(ids).find((k) => ids[k] === c.id));
  const column = (board: typeof overdueBoard, stage: IdeaStage) => board.columns.find((c) => c.stage === stage)!;
  expect(keysOf(column(overdueBoard, "PROPOSED").cards).sort()).toEqual(["D", "G", "J"]);
  expect(keysOf(column(overdueBoard, "UNDER_REVIEW").cards)).toEqual(["F"]);
  expect(overdueBoard.columns.reduce((n, c) => n + c.count, 0)).toBe(4);
  // The SQL due day and the pure rule say the same of every listed idea.
  for (const key of ["A", "B", "C", "D", "E", "F", "G", "I", "J"]) {
    const status = await getIdeaResponseStatus({ ideaId: ids[key]!, now: NOW });
    const pureOverdue = status.kind !== "answered" && status.overdue;
    const onBoard = overdueBoard.columns.some((c) => c.cards.some((card) => card.id === ids[key]));
    expect(onBoard, key).toBe(pureOverdue);
  }
  const urgent = await getManagerBoard({ viewer: manager, filters: { ...filters, sort: "urgency" }, now: NOW });
  const proposed = column(urgent, "PROPOSED").cards;
  expect(keysOf(proposed)).toEqual(["G", "D", "J", "I", "E", "C"]); // due 2026-05-31, 05-20, 06-14, 06-15, 07-01, none
  expect(proposed.map((c) => c.overdueDays)).toEqual([380, 26, 1, 0, -16, 0]);
  expect(proposed.map((c) => c.dueOn)).toEqual([
    "2026-05-31",
    "2027-05-20",
    "2027-06-14",
    "2027-06-15",
    "2027-07-01",
    null,
  ]);
});

test("the due days follow the commitments, an official answer and a move (database triggers)", async () => {
  const dueOf = async (key: string) =>
    (
      await prisma.idea.findUniqueOrThrow({ where: { id: ids[key]! }, select: { commitmentDueOn: true } })
    ).commitmentDueOn
      ?.toISOString()
      .slice(0, 10) ?? null;
  await prisma.space.update({ where: { id: space.id }, data: { answerWithinDays: 60 } });
  expect(await dueOf("D")).toBe("2027-06-19");
  await prisma.space.update({ where: { id: space.id }, data: { answerWithinDays: 30 } });
  expect(await dueOf("D")).toBe("2027-05-20");
  const extra = await idea("X", { createdAt: "2027-05-01T08:00:00Z" });
  expect(await dueOf("X")).toBe("2027-05-31");
  await prisma.officialAnswer.create({ data: { ideaId: extra, authorId: manager.id, body: "Réponse." } });
  expect(await dueOf("X")).toBeNull();
  await prisma.officialAnswer.delete({ where: { ideaId: extra } });
  expect(await dueOf("X")).toBe("2027-05-31");
  await prisma.idea.update({
    where: { id: extra },
    data: { stage: "UNDER_REVIEW", stageChangedAt: new Date("2027-06-01T08:00:00Z") },
  });
  expect(await dueOf("X")).toBe("2027-07-31");
  await prisma.idea.update({ where: { id: extra }, data: { stage: "SELECTED", stageChangedAt: NOW } });
  expect(await dueOf("X")).toBeNull();
  await prisma.idea.delete({ where: { id: extra } });
});

test("the weekly reminder: once per manager and ISO week, even from concurrent runs; notification and e-mail", async () => {
  expect(await sendOverdueReminders({ now: new Date("2027-06-14T05:00:00Z") })).toEqual([]); // Monday 7 a.m.
  const first = await Promise.all([sendOverdueReminders({ now: NOW }), sendOverdueReminders({ now: NOW })]);
  expect(first.flat().filter((id) => id === manager.id)).toHaveLength(1);
  expect(await sendOverdueReminders({ now: NOW })).not.toContain(manager.id);
  const notes = await prisma.notification.findMany({
    where: { userId: manager.id, type: "commitment.overdue" },
    select: { data: true, ideaId: true },
  });
  // D, G, J waiting and F in review; not the hidden H nor the merged M.
  expect(notes).toEqual([{ data: { count: 4, week: "2027-W24" }, ideaId: null }]);
  await expect
    .poll(
      async () => {
        await deliverPendingEmails(50);
        return smtp.to(manager.email).length;
      },
      { timeout: 10_000 },
    )
    .toBe(1);
  const [mail] = smtp.to(manager.email);
  expect(mail!.subject).toContain("4 idées attendent");
  expect(mail!.text).toContain("https://idees.example.fr/pilotage?en-retard=1");
  // The next week, again once.
  const nextWeek = await sendOverdueReminders({ now: new Date(NOW.getTime() + 7 * 86_400_000) });
  expect(nextWeek.filter((id) => id === manager.id)).toHaveLength(1);
  const page = await new HttpClient(app.url).get("/notifications");
  expect(page.status).toBe(302); // signed out: to the sign-in page
});

test("the commitments page and the admins' form: 404 where the space is not visible, 403, 400 per field", async () => {
  const anonymous = new HttpClient(app.url);
  expect((await anonymous.get(`/espaces/${space.slug}/engagements`)).status).toBe(200);
  expect((await anonymous.get(`/espaces/${SPACES.internal}/engagements`)).status).toBe(404);
  const admin = await makeUser({ role: "ADMIN" });
  const adminClient = new HttpClient(app.url);
  await adminClient.signIn(admin.email, admin.password);
  const managerClient = new HttpClient(app.url);
  await managerClient.signIn(manager.email, manager.password);
  const path = `/espaces/${space.slug}/engagements`;
  const form = (answer: string, review: string) => ({
    intent: "commitments",
    formId: "commitments",
    answerWithinDays: answer,
    reviewWithinDays: review,
  });
  expect((await managerClient.post(path, form("20", "40"))).status).toBe(403);
  for (const [answer, review, field] of [
    ["0", "40", "answerWithinDays"],
    ["abc", "40", "answerWithinDays"],
    ["20", "366", "reviewWithinDays"],
    ["2.5", "40", "answerWithinDays"],
  ] as const) {
    const res = await adminClient.post(path, form(answer, review));
    expect(res.status, `${answer} / ${review}`).toBe(400);
    expect(await res.text()).toContain(field);
  }
  expect((await adminClient.post(path, { ...form("20", "40"), intent: "nope" })).status).toBe(400);
  expect(await prisma.space.findUniqueOrThrow({ where: { id: space.id }, select: { answerWithinDays: true } })).toEqual(
    {
      answerWithinDays: 30,
    },
  );
  expect((await adminClient.post(path, form("20", ""))).status).toBe(302);
  expect(
    await prisma.space.findUniqueOrThrow({
      where: { id: space.id },
      select: { answerWithinDays: true, reviewWithinDays: true },
    }),
  ).toEqual({ answerWithinDays: 20, reviewWithinDays: null });
  const audit = await prisma.auditLog.findFirst({
    where: { action: "space.commitments", targetId: space.id },
    select: { actorId: true, after: true },
  });
  expect(audit).toEqual({ actorId: admin.id, after: { answerWithinDays: 20, reviewWithinDays: null } });
  const page = await (await anonymous.get(path)).text();
  expect(page).toContain("sous 20 jours");
  expect(page).not.toContain(`name="answerWithinDays"`); // no form for visitors
  const ideaPage = await (await anonymous.get(`/idees/${ids.E}`)).text();
  expect(ideaPage).toContain('data-testid="response-status"');
});
