import { canProposeIdea, canViewIdea, canViewSpace, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage, SpaceAudience } from "~/generated/prisma/enums.ts";
import { pool, prisma, type Tx } from "~/lib/db.server.ts";
import { oncePerReadRequest } from "~/lib/request-scope.server.ts";
import { newId } from "~/lib/id.ts";
import { markdownExcerpt } from "~/lib/markdown.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { DEFAULT_LOCALE, type Locale, type MessageKey } from "~/lib/i18n.ts";
import { recordDomainEvent, transactionWithEvents } from "~/realtime/publish.server.ts";
import { challengeRefusal } from "./challenge.server.ts";
import { CHALLENGE_REFUSALS } from "./challenge.ts";
import { DB_CLOCK_MS } from "./counters.server.ts";
import { createOnce } from "./idempotency.server.ts";
import { PAGE_SIZE, type IdeaInput, type IdeaPage, type IdeaSort } from "./idea.ts";
import type { SpaceSummary } from "./space.server.ts";
import { isRecordId, recordId } from "~/lib/validation.ts";
import { cursorCount, cursorTime, decodeCursor, encodeCursor } from "~/lib/cursor.server.ts";
import { z } from "zod";
import { MergedInto, notFound, RuleBroken } from "./errors.ts";
import { checkFormFiles, withStoredBatch, writeBatchRows, type FormFiles } from "./attachment-batch.server.ts";
import { termsVersionForIdea } from "./supplier-terms.server.ts";
import { recordMentions, resolveMentions } from "./mention.server.ts";
import { announceNotifications, notifyNewIdea } from "./notification.server.ts";

export const SUMMARY_LENGTH = 220;
export const summarize = (body: string) => markdownExcerpt(body, SUMMARY_LENGTH);

// Keyset cursors (app/lib/cursor.server.ts): `s` is the sort column's value for the sorts that lead
// with one — an int4 count for "top" and "discussed", the hot_score (a double) for "hot".
// `n` is how many ideas of the list come before the cursor's side of the page, so a page knows its
// position without counting the list from the cursor on (that count grew with the list).
const cursorBase = { c: cursorTime(), i: recordId(), n: z.number().int().min(0).max(1e9).optional() };
const IDEA_CURSORS = {
  hot: z.object({ ...cursorBase, s: z.number().min(-1e9).max(1e9) }),
  top: z.object({ ...cursorBase, s: cursorCount() }),
  newest: z.object(cursorBase),
  discussed: z.object({ ...cursorBase, s: cursorCount() }),
} satisfies Record<IdeaSort, z.ZodType>;
type Cursor = { c: Date; i: string; s?: number; n?: number };

/**
 * The list's total is counted up to this many ideas: beyond it the page says "more than 1,000", so a
 * page view never counts a million ideas (docs/decisions/0034-search-at-a-million.md).
 */
export const LIST_TOTAL_CAP = 1000;

/** Each sort's keyset order; each matches an index on ideas (space_id, …). */
const SORT_ORDER: Record<IdeaSort, { lead: string | null; tail: "created_at" | null }> = {
  hot: { lead: "hot_score", tail: null },
  top: { lead: "support_count", tail: "created_at" },
  newest: { lead: null, tail: "created_at" },
  discussed: { lead: "comment_count", tail: "created_at" },
};

type ListRow = {
  id: string;
  title: string;
  summary: string;
  language: string;
  tags: string[];
  stage: IdeaStage;
  created_at: Date;
  support_count: number;
  comment_count: number;
  hot_score: number;
  author_id: string;
  author_name: string;
  supports: number;
  comments: number;
  supported: boolean;
  at: number;
};

/**
 * The list statement for one page (exported so the benchmark runs the very same SQL with raw pg).
 * `cursor` is already decoded; `direction` says whether the page comes after it (the next page) or
 * before it (the previous page: read in the reverse order, then turned back). `lead` names the sort
 * column the cursors carry. The same statement counts the list up to LIST_TOTAL_CAP + 1 ideas (`total`);
 * where the page stands comes from the cursor (`n`), so the page says "31–60 of 2,974" without
 * counting more than the cap.
 */
export function ideaListQuery(options: {
  spaceId: string;
  viewerId: string | null;
  sort: IdeaSort;
  cursor: Cursor | null;
  direction?: "after" | "before";
  stage?: IdeaStage | null;
  challengeId?: string | null;
  tag?: string | null;
}): { text: string; values: unknown[]; lead: string | null } {
  const { cursor, sort } = options;
  const before = options.direction === "before";
  const { lead, tail } = SORT_ORDER[sort];
  const keys = [lead, tail, "id"].filter((k): k is string => k !== null).map((k) => `i.${k}`);
  const params: unknown[] = [options.spaceId, PAGE_SIZE + 1, options.viewerId];
  let where = `i.space_id = $1 and ${listedIdeaSql("i")}`;
  const filters: [unknown, string][] = [
    [options.stage, `i.stage = $::"IdeaStage"`],
    [options.challengeId, "i.challenge_id = $"],
    [options.tag, "$ = any(i.tags)"],
  ];
  for (const [value, condition] of filters)
    if (value) where += ` and ${condition.replace("$", `$${params.push(value)}`)}`;
  let from = "";
  if (cursor && (lead === null || cursor.s !== undefined)) {
    const values = [lead ? cursor.s : null, tail ? cursor.c : null, cursor.i].filter((v) => v !== null);
    const placeholders = values.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    from = ` and (${keys.join(", ")}) ${before ? ">" : "<"} (${placeholders.join(", ")})`;
  }
  const text = `select i.id, i.title, i.summary, i.language, i.tags, i.stage, i.created_at, i.support_count, i.comment_count, i.hot_score,
            u.id as author_id, u.display_name as author_name,
            c.supports, c.comments,
            ($3::text is not null and exists (select 1 from votes v where v.idea_id = i.id and v.user_id = $3)) as supported,
            (select count(*)::int from (select 1 from ideas i where ${where} limit ${LIST_TOTAL_CAP + 1}) capped) as total,
            ${DB_CLOCK_MS} as at
       from ideas i
       join users u on u.id = i.author_id
       cross join lateral idees_exact_counts(i.id) c
      where ${where}${from}
      order by ${keys.map((k) => `${k} ${before ? "asc" : "desc"}`).join(", ")}
      limit $2`;
  return { text, values: params, lead };
}

/**
 * Where a page stands in its list: its first and last positions (from 1) and the list's total, which
 * is `capped` when the list holds more than LIST_TOTAL_CAP ideas. `before` is how many ideas precede
 * the cursor's side of the page (the cursor's `n`): the page after a cursor starts at `before + 1`,
 * the page before it ends at `before`.
 */
export function pagePosition(options: {
  direction: "after" | "before" | null;
  counted: number;
  before: number;
  shown: number;
}): { from: number; to: number; total: number; capped: boolean } {
  const { direction, counted, shown } = options;
  const capped = counted > LIST_TOTAL_CAP;
  const total = Math.min(counted, LIST_TOTAL_CAP);
  if (shown === 0) return { from: 0, to: 0, total, capped };
  const from = direction === "before" ? Math.max(1, options.before - shown + 1) : direction ? options.before + 1 : 1;
  return { from, to: from + shown - 1, total: capped ? total : Math.max(total, from + shown - 1), capped };
}

/**
 * One page of a space's ideas, keyset-paginated in both directions (`cursor` after, `before` before),
 * never with hidden ideas (docs/decisions/0008-moderation.md), with exact counts, the viewer's own
 * support and where the page stands in the list — a single statement, since this is the most requested
 * page. Order uses the indexed columns.
 */
export async function listIdeas(options: {
  viewer: Viewer;
  space: SpaceSummary;
  sort: IdeaSort;
  cursor: string | null;
  /** The previous page: the ideas just before this cursor. */
  before?: string | null;
  /** Only ideas at this pipeline stage (the space page's `?etape=` filter). */
  stage?: IdeaStage | null;
  /** Only the ideas proposed into this challenge (its page); only those carrying this tag. */
  challengeId?: string | null;
  tag?: string | null;
}): Promise<IdeaPage> {
  const { viewer, space, sort } = options;
  if (!canViewSpace(viewer, space)) notFound();
  const before = options.before ? decodeCursor(options.before, IDEA_CURSORS[sort]) : null;
  const after = before ? null : decodeCursor(options.cursor, IDEA_CURSORS[sort]);
  const direction = before ? "before" : after ? "after" : null;
  const query = ideaListQuery({
    spaceId: space.id,
    viewerId: viewer?.id ?? null,
    sort,
    cursor: before ?? after,
    direction: direction ?? "after",
    stage: options.stage,
    challengeId: options.challengeId,
    tag: options.tag,
  });
  const lead = query.lead;
  const { rows } = await pool.query<ListRow & { total: number }>(query.text, query.values);
  const page = rows.slice(0, PAGE_SIZE);
  const more = rows.length > PAGE_SIZE;
  if (direction === "before") page.reverse();
  const position = pagePosition({
    direction,
    counted: rows[0]?.total ?? 0,
    before: (before ?? after)?.n ?? 0,
    shown: page.length,
  });
  const cursorOf = (row: ListRow | undefined, n: number) =>
    row
      ? encodeCursor({
          c: row.created_at.toISOString(),
          i: row.id,
          n,
          ...(lead ? { s: row[lead as "support_count"] } : {}),
        })
      : null;
  // Walking forward, a next page exists when the statement found one idea more than a page; walking
  // back, the page we came from is next, and a previous one exists when it found one more.
  const hasNext = direction === "before" ? page.length > 0 : more;
  const hasPrevious = direction === "before" ? more : direction === "after";
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      excerpt: r.summary,
      language: r.language,
      tags: r.tags,
      stage: r.stage,
      createdAt: r.created_at.toISOString(),
      author: { id: r.author_id, displayName: r.author_name },
      supports: r.supports,
      comments: r.comments,
      supportedByViewer: r.supported,
    })),
    countsAt: rows[0]?.at ?? 0,
    nextCursor: hasNext ? cursorOf(page.at(-1), position.to) : null,
    previousCursor: hasPrevious ? cursorOf(page[0], position.from - 1) : null,
    position,
  };
}

export type IdeaAccessRef = {
  id: string;
  authorId: string;
  stage: IdeaStage;
  hiddenAt: Date | null;
  participationClosed: boolean;
  /** Set while the idea is merged into another (docs/decisions/0014-merge-duplicates.md). */
  mergedIntoId: string | null;
  space: { id: string; audience: SpaceAudience; slug: string };
};

/**
 * Why the policy refuses a vote or a comment on this idea, when the person should be told (the
 * challenge's manager closed participation); undefined otherwise.
 */
export function participationRefusal(idea: Pick<IdeaAccessRef, "participationClosed">): MessageKey | undefined {
  return idea.participationClosed ? "challenge.participationClosed" : undefined;
}

/**
 * The idea's access facts — THE policy input (app/auth/policy.ts IdeaRef) of the idea's page and of
 * every action on it (vote, comment, flag…), so the page offers exactly what the actions accept — or 404 when it does not exist or the viewer may not see it — a hidden idea
 * included, for anyone but its author and moderators (app/auth/policy.ts canViewIdea).
 */
export async function requireVisibleIdea(viewer: Viewer, ideaId: string): Promise<IdeaAccessRef> {
  // On the path of every comment: one statement (the vote reads it with its rate limits: vote.server.ts).
  // The idea page's loaders (page, comments, journey) share it within a read-only request (docs/decisions/0032).
  const { rows } = await oncePerReadRequest(`idea-access:${ideaId}`, () => {
    if (!isRecordId(ideaId)) return { rows: [] };
    const read = ideaAccessRead(ideaId, 1);
    return pool.query<IdeaAccessRow>(read.text, read.values);
  });
  return visibleIdeaFrom(viewer, rows[0]);
}

export type IdeaAccessRow = {
  id: string;
  author_id: string;
  stage: IdeaStage;
  hidden_at: Date | null;
  participation_closed: boolean;
  merged_into_id: string | null;
  space_id: string;
  audience: SpaceAudience;
  slug: string;
};

/** The statement reading an idea's access facts, its id being parameter $`param` (to share a round trip). */
export const ideaAccessRead = (ideaId: string, param: number) => ({
  text: `select i.id, i.author_id, i.stage, i.hidden_at, i.merged_into_id, s.id as space_id, s.audience, s.slug,
                c.participation_closed_at is not null as participation_closed
           from ideas i join spaces s on s.id = i.space_id
           left join challenges c on c.id = i.challenge_id
          where i.id = $${param}`,
  values: [ideaId],
});

/** requireVisibleIdea's answer from the row read (none: the idea does not exist). */
export function visibleIdeaFrom(viewer: Viewer, row: IdeaAccessRow | undefined): IdeaAccessRef {
  const idea = row && {
    id: row.id,
    authorId: row.author_id,
    stage: row.stage,
    hiddenAt: row.hidden_at,
    participationClosed: row.participation_closed,
    mergedIntoId: row.merged_into_id,
    space: { id: row.space_id, audience: row.audience, slug: row.slug },
  };
  if (!idea || !canViewIdea(viewer, idea)) notFound();
  return idea;
}

/**
 * A merged idea leads to the idea it was merged into (docs/decisions/0014-merge-duplicates.md): the edge
 * answers MergedInto with a redirect (302: a merge may be undone) and a flash naming this one.
 */
export async function throwIfMerged(idea: { id: string; mergedIntoId: string | null }): Promise<void> {
  if (!idea.mergedIntoId) return;
  const source = await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { title: true } });
  throw new MergedInto(idea.mergedIntoId, source.title);
}

/** Proposes an idea; the same form (its `idempotencyKey`) sent twice stores one (see createOnce). */
/** `language`: the one it is written in, the writer's interface language (docs/decisions/0029). */
type NewIdea = {
  user: SessionUser;
  space: SpaceSummary;
  input: IdeaInput;
  language?: Locale;
  /** Files chosen on the propose form (and kept from its preview): stored with the idea, all or none. */
  files?: FormFiles;
};

export async function createIdea(options: NewIdea) {
  const { user, space, language = DEFAULT_LOCALE } = options;
  if (!canProposeIdea(user, space)) notFound();
  // Mentions are resolved before the idempotency check: the same form sent twice stores the same text.
  const { text, mentioned } = await resolveMentions({
    writer: user,
    place: { space },
    text: options.input.body,
    field: "body",
  });
  const input = { ...options.input, body: text, mentioned };
  return createOnce({
    key: input.idempotencyKey,
    find: (key) =>
      prisma.idea.findFirst({
        where: { authorId: user.id, idempotencyKey: key },
        select: { id: true, spaceId: true, title: true, body: true },
      }),
    same: (stored) => stored.spaceId === space.id && stored.title === input.title && stored.body === input.body,
    // The files are checked when storing: a form sent again answers with the idea its first sending
    // stored (whose kept files it claimed), not with "files no longer available".
    store: async (key) => {
      const batch = await checkFormFiles(user, options.files);
      return withStoredBatch(batch, (stored) =>
        storeIdea({
          user,
          space,
          input,
          key,
          language,
          files: (tx, ideaId) => writeBatchRows(tx, { batch, stored, ideaId }),
        }),
      );
    },
  });
}

async function storeIdea(
  options: Omit<Required<NewIdea>, "input" | "files"> & {
    input: IdeaInput & { mentioned: string[] };
    key: string | null;
    files: (tx: Tx, ideaId: string) => Promise<unknown>;
  },
) {
  const { user, space, input, key, language } = options;
  const challengeId = input.challengeId ?? null;
  const { idea, notified } = await transactionWithEvents(async (tx, events) => {
    // Into a challenge only while it is open (at the database's clock): otherwise a 400 on the field.
    const refusal = challengeId ? await challengeRefusal(tx, space.id, challengeId) : null;
    if (refusal) throw new RuleBroken(CHALLENGE_REFUSALS[refusal], { field: "challengeId" });
    const idea = await tx.idea.create({
      data: {
        id: newId(),
        spaceId: space.id,
        authorId: user.id,
        challengeId,
        title: input.title,
        body: input.body,
        summary: summarize(input.body),
        language,
        tags: input.tags,
        idempotencyKey: key,
        termsVersion: await termsVersionForIdea(tx, user),
      },
      select: { id: true },
    });
    await options.files(tx, idea.id);
    events.publish({ type: "space:idea-created", ideaId: idea.id, spaceId: space.id, challengeId });
    await recordDomainEvent(tx, { type: "idea.created", ideaId: idea.id, spaceId: space.id });
    const mentions = { ideaId: idea.id, commentId: null, mentioned: input.mentioned, writerId: user.id };
    const notified = await recordMentions(tx, mentions);
    const followers = { ideaId: idea.id, actorId: user.id, spaceId: space.id, challengeId, tags: input.tags };
    notified.push(...(await notifyNewIdea(tx, followers)).filter((id) => !notified.includes(id)));
    return { idea, notified };
  });
  announceNotifications(notified);
  return idea;
}
