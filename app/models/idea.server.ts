import { canProposeIdea, canViewIdea, type Viewer } from "~/auth/policy.ts";
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
import { createOnce } from "./idempotency.server.ts";
import type { IdeaInput } from "./idea.ts";
import type { SpaceSummary } from "./space.server.ts";
import { isRecordId } from "~/lib/validation.ts";
import { MergedInto, notFound, RuleBroken } from "./errors.ts";
import { checkFormFiles, withStoredBatch, writeBatchRows, type FormFiles } from "./attachment-batch.server.ts";
import { termsVersionForIdea } from "./supplier-terms.server.ts";
import { recordMentions, resolveMentions } from "./mention.server.ts";
import { announceNotifications, notifyNewIdea } from "./notification.server.ts";

export const SUMMARY_LENGTH = 220;
export const summarize = (body: string) => markdownExcerpt(body, SUMMARY_LENGTH);

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
  return requireVisibleIdeaReadBy(viewer, ideaId, async () => {
    const read = ideaAccessRead(ideaId, 1);
    return (await pool.query<IdeaAccessRow>(read.text, read.values)).rows[0];
  });
}

/**
 * requireVisibleIdea, its access facts read by `read` — a statement that reads them with other facts of
 * the idea (the idea page's own, docs/decisions/0049) — unless this request already has them. The idea
 * page's loaders (page, comments, journey) share them within a read-only request (docs/decisions/0032).
 */
export async function requireVisibleIdeaReadBy(
  viewer: Viewer,
  ideaId: string,
  read: () => Promise<IdeaAccessRow | undefined>,
): Promise<IdeaAccessRef> {
  const row = await oncePerReadRequest(`idea-access:${ideaId}`, () =>
    isRecordId(ideaId) ? read() : Promise.resolve(undefined),
  );
  return visibleIdeaFrom(viewer, row);
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
