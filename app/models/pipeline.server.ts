// The innovation pipeline on the database: moving ideas between stages, the public view of an idea's
// journey (timeline, pilot summary, rollout, official answer), and the "in production" list (the manager board:
// board.server.ts). docs/decisions/0006-pipeline.md
//
// Every move is ONE transaction: a conditional update of the idea (`where stage = from`, so two
// managers racing cannot both move it), the transition row, the pilot or rollout it opens, the audit
// entry and the notifications. The realtime event is published only after commit.
import { canManagePipeline, canMoveIdea, listedIdeaWhere, type Viewer, visibleSpaceFilter } from "~/auth/policy.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool, prepared, prisma, type Tx } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { DEFAULT_LOCALE, type Locale, type MessageKey } from "~/lib/i18n.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { publish, recordDomainEvent } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { ideaAccepts, ideaState } from "./content-state.ts";
import { requireIdeaAccepts } from "./content-state.server.ts";
import { requireVisibleIdea, throwIfMerged } from "./idea.server.ts";
import { announceNotifications, notifyFollowers } from "./notification.server.ts";
import { availableMoves, moveProblem, timeInStages, type MoveProblem } from "./pipeline.ts";
import { toDay } from "./pilot.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";

const PROBLEM_KEYS: Record<MoveProblem, { key: MessageKey; field: string }> = {
  "not-allowed": { key: "pipeline.notAllowed", field: "to" },
  "go-required": { key: "pipeline.goRequired", field: "to" },
  "reason-required": { key: "pipeline.reasonRequired", field: "note" },
};

export const staleStage = () => new RuleBroken("pipeline.staleStage", { conflict: true });

/**
 * Moves an idea inside the caller's transaction. The idea row is updated first — that takes its
 * lock — so the rules read afterwards (the pilot's decision) cannot change before commit. `language`:
 * the one the note is written in (docs/decisions/0037).
 */
export async function applyMove(
  tx: Tx,
  move: {
    ideaId: string;
    actorId: string;
    from: IdeaStage;
    to: IdeaStage;
    note: string | null;
    language: string;
    now: Date;
  },
): Promise<{ notified: string[] }> {
  const { ideaId, actorId, from, to, note, language, now } = move;
  // Hidden and merged ideas are frozen (app/models/content-state.ts): they do not move.
  const { count } = await tx.idea.updateMany({
    where: { id: ideaId, stage: from, mergedIntoId: null, hiddenAt: null },
    data: { stage: to, stageChangedAt: now },
  });
  if (count === 0) {
    const current = await tx.idea.findUnique({ where: { id: ideaId }, select: { hiddenAt: true, mergedIntoId: true } });
    if (current) requireIdeaAccepts(current, "move");
    throw staleStage();
  }
  const pilot = await tx.pilot.findUnique({ where: { ideaId }, select: { id: true, decision: true } });
  const problem = moveProblem(from, to, { pilotDecision: pilot?.decision ?? null, note });
  if (problem) throw new RuleBroken(PROBLEM_KEYS[problem].key, { field: PROBLEM_KEYS[problem].field });

  await tx.stageTransition.create({
    data: { ideaId, actorId, fromStage: from, toStage: to, note, language, createdAt: now },
    select: { id: true },
  });
  if (to === "PILOT") {
    // A pilot opens; a later round (after a no-go and a second review) reopens the same record,
    // keeping its hypothesis and KPIs but not the previous decision (the timeline keeps that).
    await tx.pilot.upsert({
      where: { ideaId },
      create: { id: newId(), ideaId, ownerId: actorId },
      update: { decision: null, decisionReason: null, decidedAt: null, decidedById: null },
      select: { id: true },
    });
  }
  if (to === "PRODUCTION") {
    await tx.rollout.upsert({
      where: { ideaId },
      create: { ideaId, releasedOn: new Date(`${toDay(now)}T00:00:00.000Z`) },
      update: {},
      select: { ideaId: true },
    });
  }
  // Webhooks (docs/decisions/0027-job-queue-and-webhooks.md): every move, and going live on its own.
  const { spaceId } = await tx.idea.findUniqueOrThrow({ where: { id: ideaId }, select: { spaceId: true } });
  await recordDomainEvent(tx, { type: "idea.stage_changed", ideaId, spaceId, stage: to });
  if (to === "PRODUCTION") await recordDomainEvent(tx, { type: "idea.in_production", ideaId, spaceId });
  await recordAudit(tx, {
    actorId,
    action: "idea.stage",
    target: { type: "idea", id: ideaId },
    before: { stage: from },
    after: { stage: to, note },
    language,
  });
  return { notified: await notifyFollowers(tx, { ideaId, actorId, type: "idea.stage", data: { from, to } }) };
}

/**
 * A manager moves an idea from the stage they saw (`from`) to `to`. 404 when the idea is not
 * visible, 403 for anyone but managers and admins, RuleBroken (400/409) when the move is refused.
 */
export async function moveIdeaToStage(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  from: IdeaStage;
  to: IdeaStage;
  note?: string | null;
  /** The manager's interface language: the note's (docs/decisions/0037); French if left out. */
  language?: Locale;
}) {
  const { user, ideaId, from, to, language = DEFAULT_LOCALE } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canManagePipeline(user, idea.space)) forbidden();
  // A crafted move on a merged idea: to the idea it was merged into, which says so (docs/decisions/0014).
  await throwIfMerged(idea);
  requireIdeaAccepts(idea, "move"); // hidden: 409 "frozen" (docs/decisions/0008-moderation.md)
  // The rule is the policy's (who, the stage graph); the checks below only pick the message a refusal shows.
  if (idea.stage !== from) throw staleStage();
  if (!canMoveIdea(user, idea, to)) throw new RuleBroken("pipeline.notAllowed", { field: "to" });
  const note = options.note?.trim() || null;
  const { notified } = await prisma.$transaction((tx) =>
    applyMove(tx, { ideaId, actorId: user.id, from, to, note, language, now: new Date() }),
  );
  publish({ type: "idea:stage", ideaId, spaceId: idea.space.id, stage: to });
  announceNotifications(notified);
  return { stage: to };
}

/** The management page of an idea (managers): what may be done with it now. */
export async function getIdeaManagement(viewer: Viewer, ideaId: string) {
  const ref = await requireVisibleIdea(viewer, ideaId);
  if (!canManagePipeline(viewer, ref.space)) forbidden();
  const idea = await prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: {
      id: true,
      title: true,
      language: true,
      stage: true,
      stageChangedAt: true,
      pilot: { select: { decision: true } },
      officialAnswer: { select: { body: true, updatedAt: true } },
      _count: { select: { evaluationAssignments: true } },
    },
  });
  return {
    idea: {
      id: idea.id,
      title: idea.title,
      language: idea.language,
      stage: idea.stage,
      stageChangedAt: idea.stageChangedAt.toISOString(),
      space: ref.space,
    },
    // A merged idea is frozen until the merge is undone (docs/decisions/0014-merge-duplicates.md).
    moves: ideaAccepts(ideaState(ref), "move") ? availableMoves(idea.stage, idea.pilot?.decision ?? null) : [],
    /** Hidden by moderation (only moderators reach it here): frozen, nothing is offered. */
    hidden: ref.hiddenAt !== null,
    pilotDecision: idea.pilot?.decision ?? null,
    hasPilot: idea.pilot !== null,
    answer: idea.officialAnswer
      ? { body: idea.officialAnswer.body, updatedAt: idea.officialAnswer.updatedAt.toISOString() }
      : null,
    evaluators: idea._count.evaluationAssignments,
  };
}

// --- what everyone who may see the idea sees ----------------------------------------------------------

/** Public pilot facts: everything but internal notes — evaluator scores are not part of a pilot at all. */
const pilotSummarySelect = {
  hypothesis: true,
  language: true,
  decisionLanguage: true,
  scope: true,
  startsOn: true,
  endsOn: true,
  resultSummary: true,
  decision: true,
  decisionReason: true,
  decidedAt: true,
  owner: { select: { displayName: true } },
  kpis: {
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      unit: true,
      language: true,
      baseline: true,
      target: true,
      actual: true,
      measuredOn: true,
    },
  },
} as const satisfies Prisma.PilotSelect;

type PilotRow = Prisma.PilotGetPayload<{ select: typeof pilotSummarySelect }>;
const decimalText = (d: { toFixed(): string } | null) => (d === null ? null : d.toFixed());

export function pilotView(pilot: PilotRow) {
  return {
    hypothesis: pilot.hypothesis,
    /** The language of the hypothesis, scope and result summary; `decisionLanguage`: the reason's. */
    language: pilot.language,
    scope: pilot.scope,
    startsOn: toDay(pilot.startsOn),
    endsOn: toDay(pilot.endsOn),
    resultSummary: pilot.resultSummary,
    decision: pilot.decision,
    decisionReason: pilot.decisionReason,
    decisionLanguage: pilot.decisionLanguage,
    decidedAt: pilot.decidedAt?.toISOString() ?? null,
    owner: pilot.owner,
    kpis: pilot.kpis.map((k) => ({
      id: k.id,
      name: k.name,
      unit: k.unit,
      language: k.language,
      baseline: k.baseline.toFixed(),
      target: k.target.toFixed(),
      actual: decimalText(k.actual),
      measuredOn: toDay(k.measuredOn),
    })),
  };
}
export type PilotView = ReturnType<typeof pilotView>;

const rolloutSelect = { releasedOn: true, link: true, agencies: true, language: true } as const;
/** The rollout record; `language`: the one its free-text units are written in (docs/decisions/0037). */
const rolloutView = (r: Prisma.RolloutGetPayload<{ select: typeof rolloutSelect }>) => ({
  releasedOn: toDay(r.releasedOn)!,
  link: r.link,
  agencies: r.agencies,
  language: r.language,
});

/**
 * An idea's journey as anyone who may see the idea sees it: current stage, timeline with time spent
 * in each stage, pilot summary, rollout and official answer. Never evaluations or evaluators.
 */
export async function getIdeaPipeline(viewer: Viewer, ideaId: string, now = new Date()) {
  const ref = await requireVisibleIdea(viewer, ideaId);
  // One statement for what every idea has (stage, transitions); the pilot, rollout and official answer,
  // which few ideas have, are read only when they exist (docs/decisions/0032).
  const { rows } = await pool.query<{
    created_at: Date;
    stage: IdeaStage;
    stage_changed_at: Date;
    transitions: {
      id: string;
      from: IdeaStage;
      to: IdeaStage;
      note: string | null;
      language: string;
      at: number;
      actor: string;
    }[];
    has_pilot: boolean;
    has_rollout: boolean;
    has_answer: boolean;
  }>(
    prepared(
      `select i.created_at, i.stage, i.stage_changed_at,
            coalesce((select json_agg(json_build_object('id', t.id::text, 'from', t.from_stage, 'to', t.to_stage,
                                                        'note', t.note, 'language', t.language, 'at', extract(epoch from t.created_at) * 1000,
                                                        'actor', u.display_name)
                                      order by t.id)
                        from stage_transitions t join users u on u.id = t.actor_id
                       where t.idea_id = i.id), '[]'::json) as transitions,
            exists (select 1 from pilots p where p.idea_id = i.id) as has_pilot,
            exists (select 1 from rollouts r where r.idea_id = i.id) as has_rollout,
            exists (select 1 from official_answers a where a.idea_id = i.id) as has_answer
       from ideas i where i.id = $1`,
      [ideaId],
    ),
  );
  const idea = rows[0];
  if (!idea) notFound();
  const transitions = idea.transitions.map((t) => ({
    id: t.id,
    fromStage: t.from,
    toStage: t.to,
    note: t.note,
    language: t.language,
    createdAt: new Date(t.at),
    actor: { displayName: t.actor },
  }));
  const [pilot, rollout, answer] = await Promise.all([
    idea.has_pilot ? prisma.pilot.findUnique({ where: { ideaId }, select: pilotSummarySelect }) : null,
    idea.has_rollout ? prisma.rollout.findUnique({ where: { ideaId }, select: rolloutSelect }) : null,
    idea.has_answer
      ? prisma.officialAnswer.findUnique({
          where: { ideaId },
          select: {
            body: true,
            language: true,
            createdAt: true,
            updatedAt: true,
            author: { select: { displayName: true } },
          },
        })
      : null,
  ]);
  const segments = timeInStages(idea.created_at, transitions, now);
  return {
    stage: idea.stage,
    stageChangedAt: idea.stage_changed_at.toISOString(),
    now: now.toISOString(),
    timeline: transitions.map((t, i) => ({
      id: t.id,
      from: t.fromStage,
      to: t.toStage,
      note: t.note,
      /** The language the note is written in (docs/decisions/0037). */
      language: t.language,
      at: t.createdAt.toISOString(),
      actor: t.actor,
      /** Time spent in `to` (until the next move, or until now). */
      durationMs: segments[i + 1]?.durationMs ?? 0,
    })),
    proposedFor: segments[0]?.durationMs ?? 0,
    createdAt: idea.created_at.toISOString(),
    pilot: pilot ? pilotView(pilot) : null,
    rollout: rollout ? rolloutView(rollout) : null,
    answer: answer
      ? {
          bodyHtml: renderMarkdown(answer.body, { headingBase: 4 }),
          language: answer.language,
          author: answer.author,
          createdAt: answer.createdAt.toISOString(),
          updatedAt: answer.updatedAt.toISOString(),
        }
      : null,
    canManage: canManagePipeline(viewer, ref.space),
  };
}
export type IdeaPipeline = Awaited<ReturnType<typeof getIdeaPipeline>>;

// --- what ideas became ------------------------------------------------------------------------------

export const PRODUCTION_PAGE_SIZE = 50;

/** Ideas in production that the viewer may see, latest first, with their rollout and pilot results. */
export async function listProductionIdeas(viewer: Viewer) {
  const rows = await prisma.idea.findMany({
    where: { ...listedIdeaWhere, stage: "PRODUCTION", space: visibleSpaceFilter(viewer) },
    orderBy: [{ stageChangedAt: "desc" }, { id: "desc" }],
    take: PRODUCTION_PAGE_SIZE,
    select: {
      id: true,
      title: true,
      language: true,
      summary: true,
      tags: true,
      stageChangedAt: true,
      space: { select: { slug: true, nameFr: true, nameEn: true } },
      rollout: { select: rolloutSelect },
      pilot: { select: pilotSummarySelect },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    language: r.language,
    excerpt: r.summary,
    tags: r.tags,
    space: r.space,
    inProductionSince: r.stageChangedAt.toISOString(),
    rollout: r.rollout ? rolloutView(r.rollout) : null,
    pilot: r.pilot ? pilotView(r.pilot) : null,
  }));
}
