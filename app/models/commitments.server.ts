// Response-time commitments on the database (docs/decisions/0028-response-time-commitments.md): a space's
// commitments and the record it keeps (the public commitments page), an idea's waits (its page), and the
// admins' form. Figures count THE listed ideas only (listedIdeaSql) of the one space asked for.
import { canSetCommitments, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import { pool, prepared, prisma } from "~/lib/db.server.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { recordAudit } from "./audit.server.ts";
import {
  firstAnswerAt,
  responseStatus,
  type CommitmentRecord,
  type Commitments,
  type CommitmentsInput,
} from "./commitments.ts";
import { forbidden, notFound } from "./errors.ts";
import { requireVisibleSpace } from "./space.server.ts";

const commitmentSelect = { answerWithinDays: true, reviewWithinDays: true } as const;

export async function getSpaceCommitments(spaceId: string): Promise<Commitments> {
  return prisma.space.findUniqueOrThrow({ where: { id: spaceId }, select: commitmentSelect });
}

/**
 * The record over the ideas proposed in the twelve months up to today (Paris days, today included):
 * answered (and within the commitment), still waiting past it or within it, and the median Paris days
 * from proposal to first answer (idees_first_answer_at, the SQL twin of firstAnswerAt).
 */
export async function commitmentRecord(options: {
  spaceId: string;
  answerWithinDays: number | null;
  now: Date;
}): Promise<CommitmentRecord> {
  const { rows } = await pool.query<{
    proposed: number;
    answered: number;
    answered_within: number;
    waiting_overdue: number;
    waiting_within: number;
    median: number | null;
  }>(
    `with _p as (select $1::text as space_id, $2::int as days, $3::timestamptz as now,
                        idees_paris_day($3::timestamptz) as today),
          cohort as (
            select idees_paris_day(i.created_at) as proposed_on,
                   idees_paris_day(idees_first_answer_at(i.id)) as answered_on
              from ideas i, _p
             where i.space_id = _p.space_id and ${listedIdeaSql("i")}
               and i.created_at <= _p.now
               and idees_paris_day(i.created_at) > (_p.today - interval '12 months')::date)
     select count(c.proposed_on)::int as proposed,
            count(c.answered_on)::int as answered,
            count(*) filter (where c.answered_on - c.proposed_on <= _p.days)::int as answered_within,
            count(*) filter (where c.proposed_on is not null and c.answered_on is null
                               and _p.today - c.proposed_on > _p.days)::int as waiting_overdue,
            count(*) filter (where c.proposed_on is not null and c.answered_on is null
                               and (_p.days is null or _p.today - c.proposed_on <= _p.days))::int as waiting_within,
            percentile_cont(0.5) within group (order by c.answered_on - c.proposed_on) as median
       from _p left join cohort c on true
      group by _p.days, _p.today`,
    [options.spaceId, options.answerWithinDays, options.now],
  );
  const row = rows[0]!;
  return {
    proposed: row.proposed,
    answered: row.answered,
    answeredWithin: row.answered_within,
    waitingOverdue: row.waiting_overdue,
    waitingWithin: row.waiting_within,
    medianDays: row.median === null ? null : Number(row.median),
  };
}

/** The public commitments page of a space: 404 when the viewer may not see the space. */
export async function getCommitmentsPage(options: { viewer: Viewer; slug: string; now?: Date }) {
  const { viewer } = options;
  const now = options.now ?? new Date();
  const space = await requireVisibleSpace(viewer, options.slug);
  const commitments = await getSpaceCommitments(space.id);
  const record = await commitmentRecord({ spaceId: space.id, answerWithinDays: commitments.answerWithinDays, now });
  return {
    space: { slug: space.slug, nameFr: space.nameFr, nameEn: space.nameEn },
    commitments,
    record,
    canEdit: canSetCommitments(viewer, space),
  };
}

/** Admins only; empty fields remove a commitment. The ideas' due days follow (database trigger). */
export async function setSpaceCommitments(options: { user: Viewer; slug: string; input: CommitmentsInput }) {
  const { user, input } = options;
  const space = await requireVisibleSpace(user, options.slug);
  if (!canSetCommitments(user, space)) forbidden();
  const after = { answerWithinDays: input.answerWithinDays ?? null, reviewWithinDays: input.reviewWithinDays ?? null };
  await prisma.$transaction(async (tx) => {
    const before = await tx.space.findUniqueOrThrow({ where: { id: space.id }, select: commitmentSelect });
    await tx.space.update({ where: { id: space.id }, data: after, select: { id: true } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "space.commitments",
      target: { type: "space", id: space.id },
      before,
      after,
    });
  });
  return after;
}

/** The facts of an idea's waits, as IDEA_WAITS_COLUMNS reads them. */
export type IdeaWaitsRow = {
  stage: IdeaStage;
  created_at: Date;
  stage_changed_at: Date;
  answer_within_days: number | null;
  review_within_days: number | null;
  left_proposed_at: Date[];
  answered_at: Date | null;
};

/**
 * IdeaWaitsRow's columns in a statement over `ideas i join spaces s on s.id = i.space_id`: the idea
 * page reads them in its own statement (docs/decisions/0059), getIdeaResponseStatus alone.
 */
export const IDEA_WAITS_COLUMNS = `i.stage, i.created_at, i.stage_changed_at, s.answer_within_days, s.review_within_days,
            array(select t.created_at from stage_transitions t
                   where t.idea_id = i.id and t.from_stage = 'PROPOSED') as left_proposed_at,
            (select a.created_at from official_answers a where a.idea_id = i.id) as answered_at`;

/** What the idea page says about its waits, from IDEA_WAITS_COLUMNS. */
export function ideaWaitsFrom(idea: IdeaWaitsRow, now = new Date()) {
  return responseStatus({
    stage: idea.stage,
    createdAt: idea.created_at,
    stageChangedAt: idea.stage_changed_at,
    firstAnswerAt: firstAnswerAt({
      transitions: idea.left_proposed_at.map((createdAt) => ({ fromStage: "PROPOSED" as const, createdAt })),
      officialAnswerAt: idea.answered_at,
    }),
    commitments: { answerWithinDays: idea.answer_within_days, reviewWithinDays: idea.review_within_days },
    now,
  });
}

/**
 * What the idea page says about its waits ("answered in N days", "waiting N days (commitment: 30)").
 * One statement (it was three through Prisma, docs/decisions/0049); the idea page reads the same
 * columns in its own statement (docs/decisions/0059).
 */
export async function getIdeaResponseStatus(options: { ideaId: string; now?: Date }) {
  const { rows } = await pool.query<IdeaWaitsRow>(
    prepared(`select ${IDEA_WAITS_COLUMNS} from ideas i join spaces s on s.id = i.space_id where i.id = $1`, [
      options.ideaId,
    ]),
  );
  const idea = rows[0];
  if (!idea) notFound();
  return ideaWaitsFrom(idea, options.now);
}
