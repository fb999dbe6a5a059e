// Pilots on the database: details, KPIs, the go / no-go decision and the rollout record.
// Every write locks the idea row first (FOR NO KEY UPDATE: voters, whose foreign-key check only takes
// KEY SHARE, are not blocked) and checks the stage under that lock, so an edit can never land on an
// idea another manager just moved. Audit entries are written in the same transaction.
// docs/decisions/0006-pipeline.md
import { canEditPilot, canEditRollout, canManagePipeline, isStaff, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";
import { newId } from "~/lib/id.ts";
import { publish, recordDomainEvent } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { requireVisibleIdea, type IdeaAccessRef } from "./idea.server.ts";
import { announceNotifications, notifyFollowers } from "./notification.server.ts";
import { requireIdeaAccepts } from "./content-state.server.ts";
import { applyMove, getIdeaPipeline } from "./pipeline.server.ts";
import {
  fromDay,
  MAX_KPIS,
  toDay,
  type KpiInput,
  type PilotDecisionInput,
  type PilotInput,
  type RolloutInput,
} from "./pilot.ts";
import { forbidden, RuleBroken } from "./errors.ts";
import { languageAfterWrite, withoutLanguage } from "./content-language.ts";

/** The writer: the acting manager and their interface language, the one new text is written in (French if left out). */
type Writer = { user: NonNullable<Viewer>; ideaId: string; language?: Locale };

/**
 * Locks the idea row and checks it is (still) at `stage` and not frozen (hidden or merged:
 * app/models/content-state.ts); 409 otherwise.
 */
async function lockIdeaAt(
  tx: Tx,
  ideaId: string,
  stage: "PILOT" | "PRODUCTION",
  key: "pilot.notInPilot" | "pilot.notInProduction",
) {
  const rows = await tx.$queryRaw<
    { stage: IdeaStage; hidden_at: Date | null; merged_into_id: string | null }[]
  >`select stage, hidden_at, merged_into_id from ideas where id = ${ideaId} for no key update`;
  const row = rows[0];
  if (row) requireIdeaAccepts({ hiddenAt: row.hidden_at, mergedIntoId: row.merged_into_id }, STAGE_ACTION[stage]);
  if (row?.stage !== stage) throw new RuleBroken(key, { conflict: true });
}
const STAGE_ACTION = { PILOT: "pilot", PRODUCTION: "rollout" } as const satisfies Partial<Record<IdeaStage, string>>;

async function requirePilotManager(user: NonNullable<Viewer>, ideaId: string): Promise<IdeaAccessRef> {
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canManagePipeline(user, idea.space)) forbidden();
  requireIdeaAccepts(idea, "pilot"); // frozen when hidden or merged (the rollout too: same rule)
  return idea;
}

const changed = (idea: IdeaAccessRef) => publish({ type: "idea:updated", ideaId: idea.id, spaceId: idea.space.id });

/** The pilot page for managers: the public pipeline view plus what the forms need. */
export async function getPilotPage(viewer: Viewer, ideaId: string) {
  const idea = await requireVisibleIdea(viewer, ideaId);
  if (!canManagePipeline(viewer, idea.space)) forbidden();
  const [pipeline, details, rollout] = await Promise.all([
    getIdeaPipeline(viewer, ideaId),
    prisma.idea.findUniqueOrThrow({
      where: { id: ideaId },
      select: { title: true, pilot: { select: { owner: { select: { email: true } } } } },
    }),
    prisma.rollout.findUnique({ where: { ideaId }, select: { releasedOn: true } }),
  ]);
  return {
    idea: { id: idea.id, title: details.title, stage: idea.stage },
    pipeline,
    ownerEmail: details.pilot?.owner?.email ?? "",
    canEditPilot: canEditPilot(viewer, idea),
    canEditRollout: canEditRollout(viewer, idea) && rollout !== null,
  };
}

async function staffByEmail(email: string) {
  const person = await prisma.user.findUnique({ where: { email }, select: { id: true, role: true } });
  if (!person) throw new RuleBroken("pilot.unknownOwner", { field: "ownerEmail" });
  if (!isStaff(person.role)) throw new RuleBroken("pilot.ownerNotStaff", { field: "ownerEmail" });
  return person;
}

const pilotSnapshot = {
  hypothesis: true,
  scope: true,
  startsOn: true,
  endsOn: true,
  ownerId: true,
  resultSummary: true,
} as const;

export async function updatePilot(options: Writer & { input: PilotInput }) {
  const { user, ideaId, input } = options;
  const idea = await requirePilotManager(user, ideaId);
  const owner = input.ownerEmail ? await staffByEmail(input.ownerEmail) : null;
  await prisma.$transaction(async (tx) => {
    await lockIdeaAt(tx, ideaId, "PILOT", "pilot.notInPilot");
    const before = await tx.pilot.findUniqueOrThrow({
      where: { ideaId },
      select: { ...pilotSnapshot, language: true },
    });
    const resultSummary = input.resultSummary ?? "";
    const language = languageAfterWrite({
      before: { text: [before.hypothesis, before.scope, before.resultSummary], language: before.language },
      text: [input.hypothesis, input.scope, resultSummary],
      writer: options.language ?? DEFAULT_LOCALE,
    });
    const after = await tx.pilot.update({
      where: { ideaId },
      data: {
        hypothesis: input.hypothesis,
        language,
        scope: input.scope,
        startsOn: input.startsOn ? fromDay(input.startsOn) : null,
        endsOn: input.endsOn ? fromDay(input.endsOn) : null,
        ownerId: owner?.id ?? null,
        resultSummary,
      },
      select: pilotSnapshot,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "pilot.update",
      target: { type: "idea", id: ideaId },
      before: snapshot(withoutLanguage(before)),
      after: snapshot(after),
      language,
    });
  });
  changed(idea);
}

function snapshot(p: {
  hypothesis: string;
  scope: string[];
  startsOn: Date | null;
  endsOn: Date | null;
  ownerId: string | null;
  resultSummary: string;
}) {
  return { ...p, startsOn: toDay(p.startsOn), endsOn: toDay(p.endsOn) };
}

const kpiSnapshot = {
  id: true,
  name: true,
  unit: true,
  baseline: true,
  target: true,
  actual: true,
  measuredOn: true,
  language: true,
} as const;
function kpiJson(k: {
  id: string;
  name: string;
  unit: string;
  baseline: { toFixed(): string };
  target: { toFixed(): string };
  actual: { toFixed(): string } | null;
  measuredOn: Date | null;
}) {
  return {
    id: k.id,
    name: k.name,
    unit: k.unit,
    baseline: k.baseline.toFixed(),
    target: k.target.toFixed(),
    actual: k.actual?.toFixed() ?? null,
    measuredOn: toDay(k.measuredOn),
  };
}

/** Adds a KPI (no kpiId) or updates one of this pilot's KPIs, e.g. to record its actual value. */
export async function saveKpi(options: Writer & { input: KpiInput }) {
  const { user, ideaId, input } = options;
  const idea = await requirePilotManager(user, ideaId);
  const data = {
    name: input.name,
    unit: input.unit,
    baseline: input.baseline,
    target: input.target,
    actual: input.actual ?? null,
    measuredOn: input.actual ? (input.measuredOn ? fromDay(input.measuredOn) : fromDay(toDay(new Date())!)) : null,
  };
  const kpi = await prisma.$transaction(async (tx) => {
    await lockIdeaAt(tx, ideaId, "PILOT", "pilot.notInPilot");
    const pilot = await tx.pilot.findUniqueOrThrow({
      where: { ideaId },
      select: { id: true, _count: { select: { kpis: true } } },
    });
    if (!input.kpiId) {
      if (pilot._count.kpis >= MAX_KPIS) throw new RuleBroken("pilot.tooManyKpis");
      const created = await tx.kpi.create({
        data: {
          id: newId(),
          pilotId: pilot.id,
          position: pilot._count.kpis,
          ...data,
          language: options.language ?? DEFAULT_LOCALE,
        },
        select: kpiSnapshot,
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "pilot.kpi.add",
        target: { type: "idea", id: ideaId },
        after: kpiJson(created),
        language: created.language,
      });
      return created;
    }
    const before = await tx.kpi.findFirst({ where: { id: input.kpiId, pilotId: pilot.id }, select: kpiSnapshot });
    if (!before) throw new RuleBroken("pilot.unknownKpi", { conflict: true });
    const language = languageAfterWrite({
      before: { text: [before.name, before.unit], language: before.language },
      text: [data.name, data.unit],
      writer: options.language ?? DEFAULT_LOCALE,
    });
    const updated = await tx.kpi.update({ where: { id: before.id }, data: { ...data, language }, select: kpiSnapshot });
    await recordAudit(tx, {
      actorId: user.id,
      action: "pilot.kpi.update",
      target: { type: "idea", id: ideaId },
      before: kpiJson(before),
      after: kpiJson(updated),
      language,
    });
    return updated;
  });
  changed(idea);
  return { id: kpi.id };
}

export async function deleteKpi(options: { user: NonNullable<Viewer>; ideaId: string; kpiId: string }) {
  const { user, ideaId, kpiId } = options;
  const idea = await requirePilotManager(user, ideaId);
  await prisma.$transaction(async (tx) => {
    await lockIdeaAt(tx, ideaId, "PILOT", "pilot.notInPilot");
    const before = await tx.kpi.findFirst({ where: { id: kpiId, pilot: { ideaId } }, select: kpiSnapshot });
    if (!before) throw new RuleBroken("pilot.unknownKpi", { conflict: true });
    await tx.kpi.delete({ where: { id: kpiId }, select: { id: true } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "pilot.kpi.delete",
      target: { type: "idea", id: ideaId },
      before: kpiJson(before),
      language: before.language, // the name it quotes
    });
  });
  changed(idea);
}

/**
 * Records the pilot's result: "go" keeps the idea in PILOT, ready to move to PRODUCTION; "no-go"
 * closes it as REJECTED with the decision's reason as the public note — in the same transaction.
 */
export async function recordPilotDecision(options: Writer & { input: PilotDecisionInput }) {
  const { user, ideaId, input, language = DEFAULT_LOCALE } = options;
  const idea = await requirePilotManager(user, ideaId);
  const now = new Date();
  const notified = await prisma.$transaction(async (tx) => {
    await lockIdeaAt(tx, ideaId, "PILOT", "pilot.notInPilot");
    const before = await tx.pilot.findUniqueOrThrow({
      where: { ideaId },
      select: { decision: true, decisionReason: true },
    });
    await tx.pilot.update({
      where: { ideaId },
      data: {
        decision: input.decision,
        decisionReason: input.reason,
        decisionLanguage: language,
        decidedAt: now,
        decidedById: user.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "pilot.decision",
      target: { type: "idea", id: ideaId },
      before,
      after: { decision: input.decision, decisionReason: input.reason },
      language,
    });
    await recordDomainEvent(tx, { type: "pilot.decided", ideaId, spaceId: idea.space.id, decision: input.decision });
    if (input.decision === "NO_GO") {
      const move = {
        ideaId,
        actorId: user.id,
        from: "PILOT",
        to: "REJECTED",
        note: input.reason,
        language,
        now,
      } as const;
      return (await applyMove(tx, move)).notified;
    }
    return notifyFollowers(tx, { ideaId, actorId: user.id, type: "pilot.decision", data: { decision: "GO" } });
  });
  if (input.decision === "NO_GO") publish({ type: "idea:stage", ideaId, spaceId: idea.space.id, stage: "REJECTED" });
  else changed(idea);
  announceNotifications(notified);
  return { stage: input.decision === "NO_GO" ? ("REJECTED" as const) : ("PILOT" as const) };
}

export async function updateRollout(options: Writer & { input: RolloutInput }) {
  const { user, ideaId, input } = options;
  const idea = await requirePilotManager(user, ideaId);
  await prisma.$transaction(async (tx) => {
    await lockIdeaAt(tx, ideaId, "PRODUCTION", "pilot.notInProduction");
    const select = { releasedOn: true, link: true, agencies: true } as const;
    const before = await tx.rollout.findUniqueOrThrow({ where: { ideaId }, select: { ...select, language: true } });
    const language = languageAfterWrite({
      before: { text: [before.agencies], language: before.language },
      text: [input.agencies],
      writer: options.language ?? DEFAULT_LOCALE,
    });
    const after = await tx.rollout.update({
      where: { ideaId },
      data: { releasedOn: fromDay(input.releasedOn), link: input.link ?? null, agencies: input.agencies, language },
      select,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "rollout.update",
      target: { type: "idea", id: ideaId },
      before: { releasedOn: toDay(before.releasedOn), link: before.link, agencies: before.agencies },
      after: { ...after, releasedOn: toDay(after.releasedOn) },
      language,
    });
  });
  changed(idea);
}
