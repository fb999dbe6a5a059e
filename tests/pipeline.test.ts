// The innovation pipeline against the real database, through the models: moves and their records,
// races, pilots and KPIs, the go / no-go rule, evaluations (and who sees them), official answers,
// notifications, the audit trail, and what is published after commit.
import { afterEach, beforeEach, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { parisDay } from "~/lib/time.ts";
import { listAuditLog } from "~/models/audit.server.ts";
import { assignEvaluator, getEvaluationPage, submitEvaluation, unassignEvaluator } from "~/models/evaluation.server.ts";
import { countUnreadNotifications, listNotifications, markNotificationsRead } from "~/models/notification.server.ts";
import { publishOfficialAnswer } from "~/models/official-answer.server.ts";
import { deleteKpi, recordPilotDecision, saveKpi, updatePilot, updateRollout } from "~/models/pilot.server.ts";
import { getIdeaPipeline, listProductionIdeas, moveIdeaToStage } from "~/models/pipeline.server.ts";
import { getManagerBoard } from "~/models/board.server.ts";
import { NO_BOARD_FILTERS } from "~/models/board.ts";
import { changeRole, setSpaceAccess } from "~/models/user.server.ts";
import { setEventSink } from "~/realtime/publish.server.ts";
import type { DomainEvent } from "~/realtime/events.ts";
import { listIdeas } from "~/models/idea-list.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { advanceIdea, makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { isDomainError, RuleBroken } from "~/models/errors.ts";
import { domainErrorOutcome } from "~/lib/http.server.ts";

const published: DomainEvent[] = [];
beforeEach(() => {
  published.length = 0;
  setEventSink({ accept: (event) => void published.push(event) });
});
afterEach(() => setEventSink(undefined));

/** The domain error a call is refused with, as the pages answer it (status), with a rule's message and field. */
async function refusal(run: () => Promise<unknown>): Promise<{ status: number; key?: string; field?: string }> {
  try {
    await run();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const { status } = domainErrorOutcome(error);
    if (error instanceof RuleBroken) return { status, key: error.key, ...(error.field ? { field: error.field } : {}) };
    return { status };
  }
  throw new Error("expected a refusal");
}

async function people() {
  const [manager, admin, author, supporter, commenter, employee, publicUser] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "ADMIN" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "PUBLIC" }),
  ]);
  return { manager, admin, author, supporter, commenter, employee, publicUser };
}

const stageOf = async (id: string) =>
  (await prisma.idea.findUniqueOrThrow({ where: { id }, select: { stage: true } })).stage;

test("a move changes the stage and records a transition, an audit entry and notifications — in one go", async () => {
  const p = await people();
  const idea = await makeIdea({ author: p.author });
  await prisma.vote.create({ data: { ideaId: idea.id, userId: p.supporter.id } });
  await makeComment({ author: p.commenter, idea });
  await prisma.vote.create({ data: { ideaId: idea.id, userId: p.manager.id } }); // the actor is not notified

  await moveIdeaToStage({
    user: p.manager,
    ideaId: idea.id,
    from: "PROPOSED",
    to: "UNDER_REVIEW",
    note: "Étude lancée",
  });

  const row = await prisma.idea.findUniqueOrThrow({
    where: { id: idea.id },
    select: { stage: true, stageChangedAt: true, createdAt: true },
  });
  expect(row.stage).toBe("UNDER_REVIEW");
  expect(row.stageChangedAt.getTime()).toBeGreaterThan(row.createdAt.getTime());
  const transitions = await prisma.stageTransition.findMany({
    where: { ideaId: idea.id },
    select: { actorId: true, fromStage: true, toStage: true, note: true },
  });
  expect(transitions).toEqual([
    { actorId: p.manager.id, fromStage: "PROPOSED", toStage: "UNDER_REVIEW", note: "Étude lancée" },
  ]);
  const audit = await prisma.auditLog.findMany({
    where: { targetId: idea.id },
    select: { action: true, actorId: true, before: true, after: true },
  });
  expect(audit).toEqual([
    {
      action: "idea.stage",
      actorId: p.manager.id,
      before: { stage: "PROPOSED" },
      after: { stage: "UNDER_REVIEW", note: "Étude lancée" },
    },
  ]);
  const notified = await prisma.notification.findMany({
    where: { ideaId: idea.id },
    select: { userId: true, type: true, data: true },
  });
  expect(notified.map((n) => n.userId).sort()).toEqual([p.author.id, p.supporter.id, p.commenter.id].sort());
  for (const n of notified)
    expect(n).toMatchObject({ type: "idea.stage", data: { from: "PROPOSED", to: "UNDER_REVIEW" } });

  // After commit: the stage event, and one "new notification" per recipient.
  expect(published).toContainEqual({
    type: "idea:stage",
    ideaId: idea.id,
    spaceId: idea.spaceId,
    stage: "UNDER_REVIEW",
  });
  expect(
    published
      .filter((e) => e.type === "notification:new")
      .map((e) => (e as { userId: string }).userId)
      .sort(),
  ).toEqual([p.author.id, p.supporter.id, p.commenter.id].sort());

  // The public view shows the timeline with who, when, from, to, note and the time in each stage.
  const pipeline = await getIdeaPipeline(null, idea.id);
  expect(pipeline.stage).toBe("UNDER_REVIEW");
  expect(pipeline.timeline).toMatchObject([
    { from: "PROPOSED", to: "UNDER_REVIEW", note: "Étude lancée", actor: { displayName: p.manager.displayName } },
  ]);
  expect(pipeline.proposedFor).toBeGreaterThanOrEqual(0);
  expect(pipeline.canManage).toBe(false);
  expect((await getIdeaPipeline(p.manager, idea.id)).canManage).toBe(true);
});

test("only managers and admins move ideas; outsiders of InnovAction get a 404", async () => {
  const p = await people();
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const moderator = await makeUser({ role: "MODERATOR" });
  const idea = await makeIdea({ author: p.author, space: SPACES.internal });
  for (const user of [p.author, p.employee, supplier, moderator]) {
    expect(
      await refusal(() => moveIdeaToStage({ user, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" })),
    ).toEqual({ status: 403 });
  }
  for (const user of [p.publicUser, await makeUser({ role: "SUPPLIER" })]) {
    expect(
      await refusal(() => moveIdeaToStage({ user, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" })),
    ).toEqual({ status: 404 });
  }
  await moveIdeaToStage({ user: p.admin, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" });
  expect(await stageOf(idea.id)).toBe("UNDER_REVIEW");
  expect(await prisma.stageTransition.count({ where: { ideaId: idea.id } })).toBe(1);
});

test("refused moves change nothing: not allowed, stale, reason missing (the database refuses it too)", async () => {
  const p = await people();
  const idea = await makeIdea({ author: p.author });
  expect(
    await refusal(() => moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PROPOSED", to: "PILOT" })),
  ).toEqual({ status: 400, key: "pipeline.notAllowed", field: "to" });
  expect(
    await refusal(() => moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "SELECTED", to: "PILOT" })),
  ).toEqual({ status: 409, key: "pipeline.staleStage" });
  expect(
    await refusal(() =>
      moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PROPOSED", to: "REJECTED", note: "  " }),
    ),
  ).toEqual({
    status: 400,
    key: "pipeline.reasonRequired",
    field: "note",
  });
  expect(await stageOf(idea.id)).toBe("PROPOSED");
  expect(await prisma.stageTransition.count({ where: { ideaId: idea.id } })).toBe(0);
  expect(await prisma.auditLog.count({ where: { targetId: idea.id } })).toBe(0);
  expect(await prisma.notification.count({ where: { ideaId: idea.id } })).toBe(0);
  expect(published).toEqual([]);
  await expect(
    prisma.stageTransition.create({
      data: { ideaId: idea.id, actorId: p.manager.id, fromStage: "PROPOSED", toStage: "ARCHIVED", note: null },
    }),
  ).rejects.toThrow(/stage_transitions_reason_required/);

  await moveIdeaToStage({
    user: p.manager,
    ideaId: idea.id,
    from: "PROPOSED",
    to: "ARCHIVED",
    note: "Déjà en place dans la région",
  });
  expect(await stageOf(idea.id)).toBe("ARCHIVED");
  expect(
    await refusal(() => moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "ARCHIVED", to: "UNDER_REVIEW" })),
  ).toMatchObject({ status: 400 });
});

test("two managers racing on the same idea: exactly one move wins", async () => {
  const p = await people();
  const other = await makeUser({ role: "MANAGER" });
  for (let round = 0; round < 5; round++) {
    const idea = await makeIdea({ author: p.author });
    const results = await Promise.allSettled([
      moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" }),
      moveIdeaToStage({ user: other, ideaId: idea.id, from: "PROPOSED", to: "REJECTED", note: "Hors périmètre" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(RuleBroken);
    expect((lost.reason as RuleBroken).conflict).toBe(true);
    const transitions = await prisma.stageTransition.findMany({
      where: { ideaId: idea.id },
      select: { toStage: true },
    });
    expect(transitions).toHaveLength(1);
    expect(await stageOf(idea.id)).toBe(transitions[0]!.toStage);
    expect(await prisma.auditLog.count({ where: { targetId: idea.id } })).toBe(1);
  }
});

test("entering PILOT opens a pilot; details and KPIs are edited while in pilot, with exact decimals", async () => {
  const p = await people();
  const idea = await makeIdea({ author: p.author, space: SPACES.internal });
  await advanceIdea({ ideaId: idea.id, manager: p.manager, to: "PILOT" });
  const opened = await prisma.pilot.findUniqueOrThrow({
    where: { ideaId: idea.id },
    select: { ownerId: true, decision: true, hypothesis: true },
  });
  expect(opened).toEqual({ ownerId: p.manager.id, decision: null, hypothesis: "" });

  await updatePilot({
    user: p.manager,
    ideaId: idea.id,
    input: {
      hypothesis: "La prise de rendez-vous en ligne réduit l'attente.",
      scope: ["Bretagne", "Agence de Rennes"],
      startsOn: "2027-03-01",
      endsOn: "2027-06-30",
      ownerEmail: p.employee.email,
    },
  });
  const a = await saveKpi({
    user: p.manager,
    ideaId: idea.id,
    input: { name: "Attente moyenne", unit: "min", baseline: "42.5", target: "15" },
  });
  const b = await saveKpi({
    user: p.manager,
    ideaId: idea.id,
    input: { name: "Satisfaction", unit: "%", baseline: "61", target: "80" },
  });
  await saveKpi({
    user: p.manager,
    ideaId: idea.id,
    input: {
      kpiId: a.id,
      name: "Attente moyenne",
      unit: "min",
      baseline: "42.5",
      target: "15",
      actual: "0.1",
      measuredOn: "2027-05-15",
    },
  });

  const view = (await getIdeaPipeline(p.author, idea.id)).pilot!;
  expect(view).toMatchObject({
    hypothesis: "La prise de rendez-vous en ligne réduit l'attente.",
    scope: ["Bretagne", "Agence de Rennes"],
    startsOn: "2027-03-01",
    endsOn: "2027-06-30",
    owner: { displayName: p.employee.displayName },
    decision: null,
  });
  expect(view.kpis).toEqual([
    {
      id: a.id,
      name: "Attente moyenne",
      unit: "min",
      language: "fr",
      baseline: "42.5",
      target: "15",
      actual: "0.1",
      measuredOn: "2027-05-15",
    },
    {
      id: b.id,
      name: "Satisfaction",
      unit: "%",
      language: "fr",
      baseline: "61",
      target: "80",
      actual: null,
      measuredOn: null,
    },
  ]);
  expect(
    (
      await prisma.auditLog.findMany({ where: { targetId: idea.id }, orderBy: { id: "asc" }, select: { action: true } })
    ).map((r) => r.action),
  ).toEqual([
    "idea.stage",
    "idea.stage",
    "idea.stage",
    "pilot.update",
    "pilot.kpi.add",
    "pilot.kpi.add",
    "pilot.kpi.update",
  ]);

  // The owner must be staff; a KPI of another pilot cannot be reached through this idea.
  expect(
    await refusal(() =>
      updatePilot({
        user: p.manager,
        ideaId: idea.id,
        input: { hypothesis: "Une autre hypothèse solide", scope: [], ownerEmail: p.publicUser.email },
      }),
    ),
  ).toEqual({
    status: 400,
    key: "pilot.ownerNotStaff",
    field: "ownerEmail",
  });
  const otherIdea = await makeIdea({ author: p.author });
  await advanceIdea({ ideaId: otherIdea.id, manager: p.manager, to: "PILOT" });
  expect(
    await refusal(() =>
      saveKpi({
        user: p.manager,
        ideaId: otherIdea.id,
        input: { kpiId: a.id, name: "Volé", unit: "x", baseline: "1", target: "2" },
      }),
    ),
  ).toMatchObject({
    status: 409,
    key: "pilot.unknownKpi",
  });
  expect(await refusal(() => deleteKpi({ user: p.manager, ideaId: otherIdea.id, kpiId: b.id }))).toMatchObject({
    status: 409,
  });
  // Non-managers cannot edit; the database refuses reversed dates whatever the code path.
  expect(
    await refusal(() =>
      saveKpi({ user: p.employee, ideaId: idea.id, input: { name: "X", unit: "x", baseline: "1", target: "2" } }),
    ),
  ).toEqual({ status: 403 });
  await expect(
    prisma.pilot.update({
      where: { ideaId: idea.id },
      data: { startsOn: new Date("2027-07-01"), endsOn: new Date("2027-06-01") },
    }),
  ).rejects.toThrow(/pilots_dates_ordered/);

  await deleteKpi({ user: p.manager, ideaId: idea.id, kpiId: b.id });
  expect((await getIdeaPipeline(p.author, idea.id)).pilot!.kpis.map((k) => k.id)).toEqual([a.id]);
  expect(await refusal(() => getIdeaPipeline(null, idea.id))).toEqual({ status: 404 });
  expect(published.filter((e) => e.type === "idea:updated" && e.ideaId === idea.id).length).toBeGreaterThanOrEqual(5);
});

test("PRODUCTION needs a go; a no-go closes the idea as REJECTED with its reason; a later round starts undecided", async () => {
  const p = await people();
  const idea = await makeIdea({ author: p.author });
  await advanceIdea({ ideaId: idea.id, manager: p.manager, to: "PILOT" });
  expect(
    await refusal(() => moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PILOT", to: "PRODUCTION" })),
  ).toEqual({
    status: 400,
    key: "pipeline.goRequired",
    field: "to",
  });
  expect(await stageOf(idea.id)).toBe("PILOT");
  expect(await prisma.rollout.count({ where: { ideaId: idea.id } })).toBe(0);

  published.length = 0;
  await recordPilotDecision({
    user: p.manager,
    ideaId: idea.id,
    input: { decision: "NO_GO", reason: "Gain non démontré sur trois mois" },
  });
  expect(await stageOf(idea.id)).toBe("REJECTED");
  const last = await prisma.stageTransition.findFirstOrThrow({
    where: { ideaId: idea.id },
    orderBy: { id: "desc" },
    select: { fromStage: true, toStage: true, note: true },
  });
  expect(last).toEqual({ fromStage: "PILOT", toStage: "REJECTED", note: "Gain non démontré sur trois mois" });
  expect(published).toContainEqual({ type: "idea:stage", ideaId: idea.id, spaceId: idea.spaceId, stage: "REJECTED" });
  const view = await getIdeaPipeline(null, idea.id);
  expect(view.pilot).toMatchObject({ decision: "NO_GO", decisionReason: "Gain non démontré sur trois mois" });
  // No decision once out of the pilot.
  expect(
    await refusal(() =>
      recordPilotDecision({ user: p.manager, ideaId: idea.id, input: { decision: "GO", reason: "Finalement oui" } }),
    ),
  ).toMatchObject({
    status: 409,
    key: "pilot.notInPilot",
  });

  // A second look: back to review, selected, a new pilot round — the old no-go does not carry over.
  await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "REJECTED", to: "UNDER_REVIEW" });
  await advanceIdea({ ideaId: idea.id, manager: p.manager, to: "PILOT" });
  expect(await prisma.pilot.findUniqueOrThrow({ where: { ideaId: idea.id }, select: { decision: true } })).toEqual({
    decision: null,
  });
  await recordPilotDecision({
    user: p.manager,
    ideaId: idea.id,
    input: { decision: "GO", reason: "Attente divisée par deux" },
  });
  expect(await stageOf(idea.id)).toBe("PILOT");
  await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PILOT", to: "PRODUCTION" });
  const rollout = await prisma.rollout.findUniqueOrThrow({
    where: { ideaId: idea.id },
    select: { releasedOn: true, agencies: true },
  });
  expect(rollout.agencies).toEqual([]);
  await updateRollout({
    user: p.manager,
    ideaId: idea.id,
    input: { releasedOn: "2027-09-01", link: "https://intranet.example/rdv", agencies: ["Rennes", "Brest"] },
  });
  const production = await listProductionIdeas(null);
  expect(production.find((i) => i.id === idea.id)).toMatchObject({
    rollout: { releasedOn: "2027-09-01", link: "https://intranet.example/rdv", agencies: ["Rennes", "Brest"] },
    pilot: { decision: "GO" },
  });
  await expect(
    prisma.rollout.update({ where: { ideaId: idea.id }, data: { link: "javascript:alert(1)" } }),
  ).rejects.toThrow(/rollouts_link_http/);

  // Pilot edits are closed once in production.
  expect(
    await refusal(() =>
      updatePilot({ user: p.manager, ideaId: idea.id, input: { hypothesis: "Trop tard pour changer", scope: [] } }),
    ),
  ).toMatchObject({ status: 409 });
  const segments = (await getIdeaPipeline(null, idea.id)).timeline.map((t) => `${t.from}>${t.to}`);
  expect(segments).toEqual([
    "PROPOSED>UNDER_REVIEW",
    "UNDER_REVIEW>SELECTED",
    "SELECTED>PILOT",
    "PILOT>REJECTED",
    "REJECTED>UNDER_REVIEW",
    "UNDER_REVIEW>SELECTED",
    "SELECTED>PILOT",
    "PILOT>PRODUCTION",
  ]);
});

test("evaluations: assigned staff score under review; managers see scores and averages, nobody else does", async () => {
  const p = await people();
  const [evaluatorA, evaluatorB] = await Promise.all([makeUser({ role: "EMPLOYEE" }), makeUser({ role: "MODERATOR" })]);
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const idea = await makeIdea({ author: p.author, space: SPACES.internal });
  expect(
    await refusal(() => assignEvaluator({ user: p.manager, ideaId: idea.id, email: evaluatorA.email })),
  ).toMatchObject({ status: 409, key: "evaluation.notUnderReview" });
  await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" });
  expect(
    await refusal(() => assignEvaluator({ user: p.manager, ideaId: idea.id, email: p.author.email })),
  ).toMatchObject({ key: "evaluation.notEligible", field: "email" });
  expect(
    await refusal(() => assignEvaluator({ user: p.manager, ideaId: idea.id, email: supplier.email })),
  ).toMatchObject({ key: "evaluation.notEligible" });
  expect(
    await refusal(() => assignEvaluator({ user: p.manager, ideaId: idea.id, email: "personne@example.test" })),
  ).toMatchObject({ key: "evaluation.unknownPerson" });
  expect(await refusal(() => assignEvaluator({ user: p.employee, ideaId: idea.id, email: evaluatorA.email }))).toEqual({
    status: 403,
  });
  await assignEvaluator({ user: p.manager, ideaId: idea.id, email: evaluatorA.email });
  await assignEvaluator({ user: p.manager, ideaId: idea.id, email: evaluatorB.email });
  expect(
    await refusal(() => assignEvaluator({ user: p.manager, ideaId: idea.id, email: evaluatorB.email })),
  ).toMatchObject({ key: "evaluation.alreadyAssigned" });
  expect(await prisma.notification.count({ where: { userId: evaluatorA.id, type: "evaluation.assigned" } })).toBe(1);

  const secret = `Avis confidentiel ${Date.now()}`;
  await submitEvaluation({
    user: evaluatorA,
    ideaId: idea.id,
    input: { impact: 5, feasibility: 4, cost: 2, alignment: 5, comment: secret },
  });
  await submitEvaluation({
    user: evaluatorB,
    ideaId: idea.id,
    input: { impact: 3, feasibility: 4, cost: 4, alignment: 3 },
  });
  await submitEvaluation({
    user: evaluatorB,
    ideaId: idea.id,
    input: { impact: 3, feasibility: 2, cost: 4, alignment: 3 },
  }); // changes their mind
  expect(
    await refusal(() =>
      submitEvaluation({
        user: p.employee,
        ideaId: idea.id,
        input: { impact: 1, feasibility: 1, cost: 1, alignment: 1 },
      }),
    ),
  ).toEqual({ status: 403 });
  await expect(
    prisma.evaluation.update({
      where: { ideaId_evaluatorId: { ideaId: idea.id, evaluatorId: evaluatorA.id } },
      data: { impact: 6 },
    }),
  ).rejects.toThrow(/evaluations_scores_range/);

  const managerView = await getEvaluationPage(p.manager, idea.id);
  expect(managerView.role).toBe("manager");
  expect(managerView.summary).toEqual({
    count: 2,
    byCriterion: { impact: 4, feasibility: 3, cost: 3, alignment: 4 },
    overall: 3.5,
  });
  expect(JSON.stringify(managerView)).toContain(secret);

  const evaluatorView = await getEvaluationPage(evaluatorB, idea.id);
  expect(evaluatorView).toMatchObject({
    role: "evaluator",
    assignments: [],
    summary: null,
    mine: { impact: 3, feasibility: 2 },
  });
  expect(JSON.stringify(evaluatorView)).not.toContain(secret);
  for (const viewer of [p.author, p.employee, supplier])
    expect(await refusal(() => getEvaluationPage(viewer, idea.id))).toEqual({ status: 403 });
  for (const viewer of [null, p.publicUser])
    expect(await refusal(() => getEvaluationPage(viewer, idea.id))).toEqual({ status: 404 });

  // Nothing the public or the author reads carries scores: idea page data, board excluded, lists, events.
  for (const viewer of [p.author, p.employee, supplier]) {
    const pipeline = await getIdeaPipeline(viewer, idea.id);
    const text = JSON.stringify(pipeline);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/impact|feasibility|alignment|evaluator/i);
  }
  expect(JSON.stringify(published)).not.toMatch(/impact|feasibility|alignment|Avis confidentiel/);
  expect(published.filter((e) => e.type !== "notification:new" && e.type !== "idea:stage")).toEqual([]);

  // Scores close when the idea leaves review; removing an evaluator removes their evaluation (audited).
  await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "UNDER_REVIEW", to: "SELECTED" });
  expect(
    await refusal(() =>
      submitEvaluation({
        user: evaluatorA,
        ideaId: idea.id,
        input: { impact: 1, feasibility: 1, cost: 1, alignment: 1 },
      }),
    ),
  ).toMatchObject({
    status: 409,
    key: "evaluation.closed",
  });
  await unassignEvaluator({ user: p.manager, ideaId: idea.id, evaluatorId: evaluatorB.id });
  expect(await prisma.evaluation.count({ where: { ideaId: idea.id } })).toBe(1);
  const actions = (
    await prisma.auditLog.findMany({ where: { targetId: idea.id }, orderBy: { id: "asc" }, select: { action: true } })
  ).map((a) => a.action);
  expect(actions.filter((a) => a.startsWith("evaluation."))).toEqual([
    "evaluation.assign",
    "evaluation.assign",
    "evaluation.submit",
    "evaluation.submit",
    "evaluation.submit",
    "evaluation.unassign",
  ]);
});

test("an official answer notifies the author, supporters and commenters once each, and is audited", async () => {
  const p = await people();
  const idea = await makeIdea({ author: p.author });
  await prisma.vote.createMany({ data: [p.supporter, p.commenter].map((u) => ({ ideaId: idea.id, userId: u.id })) });
  await makeComment({ author: p.commenter, idea });
  await makeComment({ author: p.commenter, idea, body: "Encore un avis." });
  const deleted = await makeComment({ author: p.employee, idea });
  await prisma.comment.update({ where: { id: deleted.id }, data: { deletedAt: new Date(), body: "" } });

  const first = await publishOfficialAnswer({
    user: p.manager,
    ideaId: idea.id,
    input: { body: "Merci ! L'idée est **à l'étude** pour 2027." },
  });
  expect(first).toEqual({ updated: false, notified: 3 });
  const second = await publishOfficialAnswer({
    user: p.admin,
    ideaId: idea.id,
    input: { body: "Mise à jour : pilote prévu en Bretagne." },
  });
  expect(second).toEqual({ updated: true, notified: 3 });
  const notes = await prisma.notification.findMany({
    where: { ideaId: idea.id, type: "idea.answer" },
    select: { userId: true, data: true },
  });
  expect(notes.filter((n) => n.userId === p.commenter.id)).toHaveLength(2);
  expect(notes.map((n) => n.userId)).not.toContain(p.employee.id);
  expect(notes.map((n) => n.userId)).not.toContain(p.manager.id);

  const view = await getIdeaPipeline(null, idea.id);
  expect(view.answer).toMatchObject({ author: { displayName: p.admin.displayName } });
  expect(view.answer!.bodyHtml).toContain("pilote prévu en Bretagne");
  expect(
    await refusal(() =>
      publishOfficialAnswer({ user: p.employee, ideaId: idea.id, input: { body: "Réponse pirate, très officielle." } }),
    ),
  ).toEqual({ status: 403 });
  const audit = await prisma.auditLog.findMany({
    where: { targetId: idea.id },
    orderBy: { id: "asc" },
    select: { action: true, before: true },
  });
  expect(audit.map((a) => a.action)).toEqual(["answer.publish", "answer.update"]);
  expect(audit[1]!.before).toMatchObject({ body: "Merci ! L'idée est **à l'étude** pour 2027." });

  // The author's notification list reads the title through their visibility, and can be marked read.
  const list = await listNotifications(p.author);
  expect(list[0]).toMatchObject({
    type: "idea.answer",
    data: { updated: true },
    read: false,
    idea: { id: idea.id, title: idea.title },
  });
  expect(await countUnreadNotifications(p.author)).toBe(2);
  await markNotificationsRead({ user: p.author, ids: [list[0]!.id] });
  expect(await countUnreadNotifications(p.author)).toBe(1);
  // Someone else's id marks nothing.
  await markNotificationsRead({ user: p.supporter, ids: [list[1]!.id] });
  expect(await countUnreadNotifications(p.author)).toBe(1);
  await markNotificationsRead({ user: p.author, ids: "all" });
  expect(await countUnreadNotifications(p.author)).toBe(0);
});

test("notifications about an InnovAction idea disappear for a supplier whose access was revoked", async () => {
  const p = await people();
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const idea = await makeIdea({ author: p.author, space: SPACES.internal, title: `Idée interne suivie ${Date.now()}` });
  await prisma.vote.create({ data: { ideaId: idea.id, userId: supplier.id } });
  await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" });
  expect(await countUnreadNotifications(supplier)).toBe(1);
  await setSpaceAccess({ viewer: p.admin, userId: supplier.id, spaceId: idea.spaceId, granted: false });
  const revoked = { ...supplier, grantedSpaceIds: [] };
  expect(await countUnreadNotifications(revoked)).toBe(0);
  expect(await listNotifications(revoked)).toEqual([]);
});

test("the manager board: columns per stage with exact counts, age, allowed moves, filters; managers only", async () => {
  const p = await people();
  const tag = `pilotage${Date.now().toString(36)}`;
  const a = await makeIdea({ author: p.author, tags: [tag], space: SPACES.internal });
  const b = await makeIdea({ author: p.author, tags: [tag] });
  const c = await makeIdea({ author: p.author, tags: [tag] });
  await advanceIdea({ ideaId: b.id, manager: p.manager, to: "PILOT" });
  await advanceIdea({ ideaId: c.id, manager: p.manager, to: "PRODUCTION" });

  const board = await getManagerBoard({ viewer: p.manager, filters: { ...NO_BOARD_FILTERS, tag } });
  const column = (stage: string) => board.columns.find((col) => col.stage === stage)!;
  expect(column("PROPOSED")).toMatchObject({
    count: 1,
    cards: [{ id: a.id, moves: ["UNDER_REVIEW", "REJECTED", "ARCHIVED"] }],
  });
  expect(column("PILOT")).toMatchObject({ count: 1, cards: [{ id: b.id, moves: ["REJECTED", "ARCHIVED"] }] });
  expect(column("PRODUCTION")).toMatchObject({ count: 1, cards: [{ id: c.id, moves: [] }] });
  expect(column("PROPOSED").cards[0]!.ageMs).toBeGreaterThanOrEqual(0);
  const publicOnly = await getManagerBoard({
    viewer: p.manager,
    filters: { ...NO_BOARD_FILTERS, space: SPACES.public, tag },
  });
  expect(publicOnly.columns.reduce((n, col) => n + col.count, 0)).toBe(2);
  for (const viewer of [null, p.author, p.publicUser, await makeUser({ role: "MODERATOR" })]) {
    expect(await refusal(() => getManagerBoard({ viewer, filters: NO_BOARD_FILTERS }))).toEqual({
      status: 403,
    });
  }
  // The space page can be filtered by stage too.
  const space = await requireVisibleSpace(null, SPACES.public);
  const pilots = await listIdeas({ viewer: null, space, sort: "newest", cursor: null, stage: "PILOT" });
  expect(pilots.items.map((i) => i.id)).toContain(b.id);
  expect(pilots.items.every((i) => i.stage === "PILOT")).toBe(true);
  // "In production" lists only what the viewer may see.
  expect((await listProductionIdeas(null)).map((i) => i.id)).toContain(c.id);
});

test("the audit trail is for admins, filterable by action and actor, newest first, paginated; role changes are in it", async () => {
  const p = await people();
  const target = await makeUser({ role: "PUBLIC" });
  await changeRole({ viewer: p.admin, userId: target.id, role: "EMPLOYEE" });
  await changeRole({ viewer: p.admin, userId: target.id, role: "EMPLOYEE" }); // no change, no entry
  const internal = await requireVisibleSpace(p.admin, SPACES.internal);
  await changeRole({ viewer: p.admin, userId: target.id, role: "SUPPLIER" });
  await setSpaceAccess({ viewer: p.admin, userId: target.id, spaceId: internal.id, granted: true });

  const filters = { action: null, actor: p.admin.email, from: null, to: null };
  const page = await listAuditLog({ viewer: p.admin, filters, cursor: null });
  expect(page.entries.map((e) => [e.action, e.before, e.after])).toEqual([
    ["space.grant", null, { spaceId: internal.id }],
    ["user.role", { role: "EMPLOYEE" }, { role: "SUPPLIER" }],
    ["user.role", { role: "PUBLIC" }, { role: "EMPLOYEE" }],
  ]);
  expect(page.entries[0]).toMatchObject({
    targetType: "user",
    targetId: target.id,
    targetLabel: target.displayName,
    actor: { email: p.admin.email },
  });

  const idea = await makeIdea({ author: p.author });
  for (let i = 0; i < 3; i++) {
    await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "PROPOSED", to: "REJECTED", note: `Motif ${i}` });
    await moveIdeaToStage({ user: p.manager, ideaId: idea.id, from: "REJECTED", to: "UNDER_REVIEW" });
    await prisma.idea.update({ where: { id: idea.id }, data: { stage: "PROPOSED" } });
  }
  const stageOnly = await listAuditLog({
    viewer: p.admin,
    filters: { action: "idea.stage", actor: p.manager.displayName, from: null, to: null },
    cursor: null,
  });
  expect(stageOnly.entries).toHaveLength(6);
  expect(stageOnly.entries.every((e) => e.action === "idea.stage" && e.targetLabel === idea.title)).toBe(true);
  const today = parisDay(new Date()); // the filter's days are Paris days, as entries are shown
  expect(
    (
      await listAuditLog({
        viewer: p.admin,
        filters: { action: "idea.stage", actor: p.manager.email, from: today, to: today },
        cursor: null,
      })
    ).entries,
  ).toHaveLength(6);
  expect(
    (
      await listAuditLog({
        viewer: p.admin,
        filters: { action: "idea.stage", actor: p.manager.email, from: "2000-01-01", to: "2000-01-02" },
        cursor: null,
      })
    ).entries,
  ).toHaveLength(0);

  // Days are Paris days, as the journal shows its entries: 23:30 UTC on 15 January is 00:30 on the 16th.
  const late = await makeUser({ role: "ADMIN" });
  await prisma.auditLog.create({
    data: {
      actorId: late.id,
      action: "user.role",
      targetType: "user",
      targetId: "t-late",
      createdAt: new Date("2027-01-15T23:30:00Z"),
    },
  });
  const onDay = async (day: string) =>
    (
      await listAuditLog({
        viewer: p.admin,
        filters: { action: "user.role", actor: late.email, from: day, to: day },
        cursor: null,
      })
    ).entries.map((e) => e.targetId);
  expect(await onDay("2027-01-16")).toEqual(["t-late"]);
  expect(await onDay("2027-01-15")).toEqual([]);

  // Pagination walks everything once (page size 50; there are more entries than that in this database).
  await prisma.auditLog.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      actorId: p.admin.id,
      action: "user.role",
      targetType: "user",
      targetId: `t${i}`,
    })),
  });
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let guard = 0; guard < 10; guard++) {
    const next: Awaited<ReturnType<typeof listAuditLog>> = await listAuditLog({
      viewer: p.admin,
      filters: { action: "user.role", actor: p.admin.email, from: null, to: null },
      cursor,
    });
    for (const e of next.entries) {
      expect(seen.has(e.id)).toBe(false);
      seen.add(e.id);
    }
    if (!next.nextCursor) break;
    cursor = next.nextCursor;
  }
  expect(seen.size).toBe(62);
  for (const viewer of [p.manager, p.employee, null])
    expect(await refusal(() => listAuditLog({ viewer, filters, cursor: null }))).toEqual({ status: 403 });
});
