// Evaluations: managers assign staff evaluators to an idea under review; each scores it on the rubric.
// Scores, comments and the list of evaluators are for managers only (canSeeEvaluations); an evaluator
// sees their own form, nobody else's. Nothing here is ever published as a realtime event.
import {
  canAssignEvaluators,
  canBeEvaluator,
  canEvaluate,
  canManagePipeline,
  canSeeEvaluations,
  type Viewer,
} from "~/auth/policy.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/lib/db.server.ts";
import { requireIdeaAccepts } from "./content-state.server.ts";
import { recordAudit } from "./audit.server.ts";
import { summarizeEvaluations, type EvaluationInput } from "./evaluation.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";
import { forbidden, RuleBroken } from "./errors.ts";
import { languageAfterWrite, withoutLanguage } from "./content-language.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";

const scoreSelect = {
  impact: true,
  feasibility: true,
  cost: true,
  alignment: true,
  comment: true,
  // The language the comment is written in (docs/decisions/0037).
  language: true,
  updatedAt: true,
} as const;

async function isAssigned(ideaId: string, userId: string) {
  return (await prisma.evaluationAssignment.count({ where: { ideaId, evaluatorId: userId } })) > 0;
}

/**
 * The evaluation page. Managers get every assignment, score and the averages; an assigned evaluator
 * gets their own evaluation only; anyone else who may see the idea gets 403 (and outsiders 404).
 */
export async function getEvaluationPage(viewer: Viewer, ideaId: string) {
  const idea = await requireVisibleIdea(viewer, ideaId);
  const { title, language } = await prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: { title: true, language: true },
  });
  const base = { idea: { id: idea.id, title, language, stage: idea.stage } };
  if (canSeeEvaluations(viewer, idea)) {
    const assignments = await prisma.evaluationAssignment.findMany({
      where: { ideaId },
      orderBy: [{ createdAt: "asc" }, { evaluatorId: "asc" }],
      select: {
        createdAt: true,
        evaluator: { select: { id: true, displayName: true, email: true } },
        evaluation: { select: scoreSelect },
      },
    });
    const scored = assignments.flatMap((a) => (a.evaluation ? [a.evaluation] : []));
    return {
      ...base,
      role: "manager" as const,
      canAssign: canAssignEvaluators(viewer, idea),
      assignments: assignments.map((a) => ({
        evaluator: a.evaluator,
        assignedAt: a.createdAt.toISOString(),
        evaluation: a.evaluation ? { ...a.evaluation, updatedAt: a.evaluation.updatedAt.toISOString() } : null,
      })),
      summary: summarizeEvaluations(scored),
      mine: null,
      canEvaluate: false,
    };
  }
  if (!viewer || !(await isAssigned(ideaId, viewer.id))) forbidden();
  const mine = await prisma.evaluation.findUnique({
    where: { ideaId_evaluatorId: { ideaId, evaluatorId: viewer.id } },
    select: scoreSelect,
  });
  return {
    ...base,
    role: "evaluator" as const,
    canAssign: false,
    assignments: [],
    summary: null,
    mine: mine ? { ...mine, updatedAt: mine.updatedAt.toISOString() } : null,
    canEvaluate: canEvaluate(viewer, idea, true),
  };
}

export async function assignEvaluator(options: { user: NonNullable<Viewer>; ideaId: string; email: string }) {
  const { user, ideaId, email } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canManagePipeline(user, idea.space)) forbidden();
  requireIdeaAccepts(idea, "assignEvaluators"); // hidden or merged: frozen (409)
  if (!canAssignEvaluators(user, idea)) throw new RuleBroken("evaluation.notUnderReview", { conflict: true });
  const person = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, displayName: true },
  });
  if (!person) throw new RuleBroken("evaluation.unknownPerson", { field: "email" });
  if (!canBeEvaluator(person, idea)) throw new RuleBroken("evaluation.notEligible", { field: "email" });
  try {
    await prisma.$transaction(async (tx) => {
      await tx.evaluationAssignment.create({
        data: { ideaId, evaluatorId: person.id, assignedById: user.id },
        select: { ideaId: true },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "evaluation.assign",
        target: { type: "idea", id: ideaId },
        after: { evaluatorId: person.id },
      });
      await notifyUser(tx, { userId: person.id, ideaId, type: "evaluation.assigned", data: {} });
    });
    announceNotifications([person.id]);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new RuleBroken("evaluation.alreadyAssigned", { field: "email" });
    }
    throw error;
  }
  return { displayName: person.displayName };
}

/** Removes an evaluator, and their evaluation with them (recorded in the audit entry). */
export async function unassignEvaluator(options: { user: NonNullable<Viewer>; ideaId: string; evaluatorId: string }) {
  const { user, ideaId, evaluatorId } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canManagePipeline(user, idea.space)) forbidden();
  requireIdeaAccepts(idea, "assignEvaluators"); // hidden or merged: frozen (409)
  await prisma.$transaction(async (tx) => {
    const before = await tx.evaluation.findUnique({
      where: { ideaId_evaluatorId: { ideaId, evaluatorId } },
      select: { impact: true, feasibility: true, cost: true, alignment: true, comment: true },
    });
    const { count } = await tx.evaluationAssignment.deleteMany({ where: { ideaId, evaluatorId } });
    if (count === 0) throw new RuleBroken("evaluation.notAssigned", { conflict: true });
    await recordAudit(tx, {
      actorId: user.id,
      action: "evaluation.unassign",
      target: { type: "idea", id: ideaId },
      before: { evaluatorId, evaluation: before },
    });
  });
}

/** The assigned evaluator scores the idea (again, if they change their mind) while it is under review. */
export async function submitEvaluation(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  input: EvaluationInput;
  /** The evaluator's interface language, the comment's (docs/decisions/0037); French if left out. */
  language?: Locale;
}) {
  const { user, ideaId, input } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!(await isAssigned(ideaId, user.id))) forbidden();
  requireIdeaAccepts(idea, "evaluate"); // hidden or merged: frozen (409)
  if (!canEvaluate(user, idea, true)) {
    if (idea.stage !== "UNDER_REVIEW") throw new RuleBroken("evaluation.closed", { conflict: true });
    forbidden();
  }
  const scores = {
    impact: input.impact,
    feasibility: input.feasibility,
    cost: input.cost,
    alignment: input.alignment,
    comment: input.comment ?? "",
  };
  await prisma.$transaction(async (tx) => {
    // Under the idea's lock, so a move out of review cannot slip between the check and the write.
    const rows = await tx.$queryRaw<
      { stage: string }[]
    >`select stage from ideas where id = ${ideaId} for no key update`;
    if (rows[0]?.stage !== "UNDER_REVIEW") throw new RuleBroken("evaluation.closed", { conflict: true });
    const before = await tx.evaluation.findUnique({
      where: { ideaId_evaluatorId: { ideaId, evaluatorId: user.id } },
      select: { impact: true, feasibility: true, cost: true, alignment: true, comment: true, language: true },
    });
    const language = languageAfterWrite({
      before: before && { text: [before.comment], language: before.language },
      text: [scores.comment],
      writer: options.language ?? DEFAULT_LOCALE,
    });
    await tx.evaluation.upsert({
      where: { ideaId_evaluatorId: { ideaId, evaluatorId: user.id } },
      create: { ideaId, evaluatorId: user.id, ...scores, language },
      update: { ...scores, language },
      select: { ideaId: true },
    });
    const previous = before && withoutLanguage(before);
    await recordAudit(tx, {
      actorId: user.id,
      action: "evaluation.submit",
      target: { type: "idea", id: ideaId },
      ...(previous ? { before: previous } : {}),
      after: scores,
      language,
    });
  });
}
