// Challenges: themed calls for ideas in a space (docs/decisions/0015-challenges.md).
import { canManageChallenges, canViewSpace, listedIdeaWhere, type Viewer, visibleSpaceFilter } from "~/auth/policy.ts";
import { prisma, type Tx } from "~/lib/db.server.ts";
import { readPart, type ReadPart } from "~/lib/read-together.server.ts";
import { recordDomainEvent } from "~/realtime/publish.server.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";
import { newId } from "~/lib/id.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { recordAudit } from "./audit.server.ts";
import { challengeIdeasCountSql } from "./counters.server.ts";
import { acceptsIdeas, challengeStatus, type ChallengeInput, type ChallengeStatus } from "./challenge.ts";
import type { SpaceSummary } from "./space.server.ts";
import { isRecordId } from "~/lib/validation.ts";
import { forbidden, notFound } from "./errors.ts";

const summarySelect = {
  id: true,
  title: true,
  cover: true,
  language: true,
  tags: true,
  opensAt: true,
  closesAt: true,
  participationClosedAt: true,
  _count: { select: { ideas: { where: listedIdeaWhere } } },
} as const;

export type ChallengeSummary = {
  id: string;
  title: string;
  cover: string;
  /** The language title, cover and brief are written in (their `lang`). */
  language: string;
  tags: string[];
  opensAt: string;
  closesAt: string;
  status: ChallengeStatus;
  participationClosed: boolean;
  ideas: number;
};

type SummaryRow = {
  id: string;
  title: string;
  cover: string;
  language: string;
  tags: string[];
  opensAt: Date;
  closesAt: Date;
  participationClosedAt: Date | null;
  _count: { ideas: number };
};

function toSummary(row: SummaryRow, now: Date): ChallengeSummary {
  return {
    id: row.id,
    title: row.title,
    cover: row.cover,
    language: row.language,
    tags: row.tags,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    status: challengeStatus(row, now),
    participationClosed: row.participationClosedAt !== null,
    ideas: row._count.ideas,
  };
}

// A challenge's listed ideas, from their roll-up (row + pending deltas, exact): counting them through the
// (challenge_id, …) index read every idea of each challenge shown, on every space page (docs/decisions/0052;
// Prisma's `_count` joined an aggregate of the whole table, ADR 0034).
const challengeIdeasSql = challengeIdeasCountSql("c.id");
const SUMMARY_COLUMNS = `c.id, c.title, c.cover, c.language, c.tags, c.opens_at as "opensAt", c.closes_at as "closesAt",
       c.participation_closed_at as "participationClosedAt", ${challengeIdeasSql} as ideas`;

type SpaceChallenges = {
  open: ChallengeSummary[];
  upcoming: ChallengeSummary[];
  past: ChallengeSummary[];
  canCreate: boolean;
};

/** A summary row as the part's JSON carries it: dates as ISO text. */
type JsonSummaryRow = Omit<SummaryRow, "_count" | "opensAt" | "closesAt" | "participationClosedAt"> & {
  opensAt: string;
  closesAt: string;
  participationClosedAt: string | null;
  ideas: number;
  past: boolean;
};

/**
 * A space's challenges: open ones (closing soonest first), upcoming, and the 30 most recent past ones.
 * One part (app/lib/read-together.server.ts): the space page reads it with its list, in one round trip
 * (docs/decisions/0055).
 */
export function spaceChallengesPart(viewer: Viewer, space: SpaceSummary, now = new Date()): ReadPart<SpaceChallenges> {
  if (!canViewSpace(viewer, space)) notFound();
  return {
    sql: (param) => {
      const [spaceId, at] = [param(space.id), param(now)];
      // Each half numbered in its own order (`n`), so the aggregate keeps open-soonest-first, then
      // past-latest-first, whatever order the union's rows arrive in.
      const half = (past: boolean) =>
        `select ${SUMMARY_COLUMNS}, ${past} as past,
                row_number() over (order by c.closes_at ${past ? "desc" : "asc"}, c.id ${past ? "desc" : "asc"}) as n
           from challenges c where c.space_id = ${spaceId} and c.closes_at ${past ? "<=" : ">"} ${at}
          order by c.closes_at ${past ? "desc" : "asc"}, c.id ${past ? "desc" : "asc"} limit ${past ? 30 : 50}`;
      return `(select coalesce(json_agg(s order by s.past, s.n), '[]')
                 from ((${half(false)}) union all (${half(true)})) s)`;
    },
    decode: (json) => {
      const summaries = (json as JsonSummaryRow[]).map((row) => ({
        past: row.past,
        summary: toSummary(
          {
            ...row,
            opensAt: new Date(row.opensAt),
            closesAt: new Date(row.closesAt),
            participationClosedAt: row.participationClosedAt === null ? null : new Date(row.participationClosedAt),
            _count: { ideas: row.ideas },
          },
          now,
        ),
      }));
      const current = summaries.filter((s) => !s.past).map((s) => s.summary);
      return {
        open: current.filter((c) => c.status === "open"),
        upcoming: current.filter((c) => c.status === "upcoming"),
        past: summaries.filter((s) => s.past).map((s) => s.summary),
        canCreate: canManageChallenges(viewer, space),
      };
    },
  };
}

export async function listSpaceChallenges(viewer: Viewer, space: SpaceSummary, now = new Date()) {
  return readPart(spaceChallengesPart(viewer, space, now));
}

/** The challenge when the viewer may see its space; a 404 otherwise (an InnovAction challenge does not exist for outsiders). */
export async function requireVisibleChallenge(viewer: Viewer, challengeId: string) {
  const challenge = isRecordId(challengeId)
    ? await prisma.challenge.findUnique({
        where: { id: challengeId },
        select: {
          ...summarySelect,
          brief: true,
          space: {
            select: {
              id: true,
              slug: true,
              audience: true,
              nameFr: true,
              nameEn: true,
              descriptionFr: true,
              descriptionEn: true,
            },
          },
        },
      })
    : null;
  if (!challenge || !canViewSpace(viewer, challenge.space)) notFound();
  return challenge;
}

export async function getChallengePage(viewer: Viewer, challengeId: string, now = new Date()) {
  const challenge = await requireVisibleChallenge(viewer, challengeId);
  return {
    challenge: { ...toSummary(challenge, now), briefHtml: renderMarkdown(challenge.brief, { headingBase: 2 }) },
    space: challenge.space,
    canManage: canManageChallenges(viewer, challenge.space),
    canPropose: viewer !== null && acceptsIdeas(challenge, now),
  };
}

/** The columns a new challenge row is written with, whether a challenge or a hackathon's. */
type ChallengeRowInput = Pick<ChallengeInput, "title" | "cover" | "brief" | "opensAt" | "closesAt"> & {
  tags?: string[];
};

/**
 * Writes a new challenge row (a challenge, or the challenge row of a hackathon) in the caller's
 * transaction, and announces it (`challenge.opened`) at once when its opening date has come; a later one
 * is announced by the crontab when it comes (announceDueChallengeOpenings).
 */
export async function insertChallenge(
  tx: Tx,
  options: { user: NonNullable<Viewer>; space: SpaceSummary; language: Locale; data: ChallengeRowInput },
): Promise<{ id: string }> {
  const { user, space, language, data } = options;
  const openNow = data.opensAt <= new Date();
  const challenge = await tx.challenge.create({
    data: {
      id: newId(),
      spaceId: space.id,
      createdById: user.id,
      language,
      tags: [],
      ...data,
      openingAnnouncedAt: openNow ? new Date() : null,
    },
    select: { id: true },
  });
  if (openNow) await recordDomainEvent(tx, { type: "challenge.opened", challengeId: challenge.id, spaceId: space.id });
  return challenge;
}

export async function createChallenge(options: {
  user: NonNullable<Viewer>;
  space: SpaceSummary;
  input: ChallengeInput;
  /** The language it is written in: the writer's interface language (docs/decisions/0029). */
  language?: Locale;
}) {
  const { user, space, input, language = DEFAULT_LOCALE } = options;
  if (!canManageChallenges(user, space)) forbidden();
  return prisma.$transaction(async (tx) => {
    const challenge = await insertChallenge(tx, { user, space, language, data: input });
    await recordAudit(tx, {
      actorId: user.id,
      action: "challenge.create",
      target: { type: "challenge", id: challenge.id },
      after: {
        title: input.title,
        space: space.slug,
        opensAt: input.opensAt.toISOString(),
        closesAt: input.closesAt.toISOString(),
        tags: input.tags,
      },
    });
    return challenge;
  });
}

/**
 * Announces (`challenge.opened`, for webhooks) each challenge whose opening date has come since it was
 * created with a later one. Run every minute by the crontab; exactly once per challenge, whatever the
 * number of processes: the row is marked in the transaction that records the event, and a concurrent
 * run's UPDATE, re-checking the row once the first commits, finds it marked. Returns how many.
 */
export async function announceDueChallengeOpenings(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; space_id: string }[]>`
      update challenges set opening_announced_at = ${now}
       where opening_announced_at is null and opens_at <= ${now}
       returning id, space_id`;
    for (const c of due)
      await recordDomainEvent(tx, { type: "challenge.opened", challengeId: c.id, spaceId: c.space_id });
    return due.length;
  });
}

/** Voting and comments on the challenge's ideas stay open after it closes, unless a manager closes them. */
export async function setChallengeParticipation(options: {
  user: NonNullable<Viewer>;
  challengeId: string;
  open: boolean;
}) {
  const { user, challengeId, open } = options;
  const challenge = await requireVisibleChallenge(user, challengeId);
  if (!canManageChallenges(user, challenge.space)) forbidden();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.challenge.updateMany({
      where: { id: challengeId, participationClosedAt: open ? { not: null } : null },
      data: { participationClosedAt: open ? null : new Date() },
    });
    if (count === 0) return; // already so: nothing to record
    await recordDomainEvent(tx, {
      type: open ? "challenge.opened" : "challenge.closed",
      challengeId,
      spaceId: challenge.space.id,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "challenge.participation",
      target: { type: "challenge", id: challengeId },
      before: { participationOpen: !open },
      after: { participationOpen: open },
    });
  });
}

/**
 * Inside the transaction that creates an idea: the challenge must belong to the space and be open at
 * the database's clock. Its row is share-locked so a concurrent edit of its dates cannot slip between.
 * Returns the reason it cannot take the idea, or null.
 */
export async function challengeRefusal(
  tx: Tx,
  spaceId: string,
  challengeId: string,
): Promise<"unknown" | "upcoming" | "closed" | null> {
  const rows = await tx.$queryRaw<
    { space_id: string; opens_at: Date; closes_at: Date; now: Date; hackathon: boolean }[]
  >`
    select space_id, opens_at, closes_at, now() as now,
           exists (select 1 from hackathons h where h.challenge_id = c.id) as hackathon
      from challenges c where id = ${challengeId} for share`;
  const row = rows[0];
  // A hackathon's projects come from its teams (app/models/hackathon-teams.server.ts), not the propose form.
  if (!row || row.space_id !== spaceId || row.hackathon) return "unknown";
  const status = challengeStatus({ opensAt: row.opens_at, closesAt: row.closes_at }, row.now);
  return status === "open" ? null : status;
}

/** The challenges of the spaces the viewer may see, latest first: the search page's challenge filter. */
export async function listChallengesForFilter(
  viewer: Viewer,
): Promise<{ id: string; title: string; language: string }[]> {
  return prisma.challenge.findMany({
    where: { space: visibleSpaceFilter(viewer) },
    orderBy: [{ closesAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, title: true, language: true },
  });
}
