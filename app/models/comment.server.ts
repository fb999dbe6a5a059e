import {
  canComment,
  canDeleteComment,
  canEditComment,
  canFlagComment,
  canReadComment,
  canReplyTo,
  canViewIdea,
  type Viewer,
} from "~/auth/policy.ts";
import type { HiddenKind } from "~/generated/prisma/enums.ts";
import { z } from "zod";
import { cursorTime, decodeCursor, encodeCursor } from "~/lib/cursor.server.ts";
import { pool, prepared, prisma, type Tx } from "~/lib/db.server.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";
import { recordId } from "~/lib/validation.ts";
import { COMMENT_PAGE_SIZE } from "./comment.ts";
import { newId } from "~/lib/id.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { renderStoredMarkdown } from "~/lib/markdown-memo.server.ts";
import { recordDomainEvent, transactionWithEvents } from "~/realtime/publish.server.ts";
import { participationRefusal, requireVisibleIdea, type IdeaAccessRef } from "./idea.server.ts";
import { createOnce } from "./idempotency.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";
import { mentionNames, recordMentions, resolveMentions } from "./mention.server.ts";
import { visibleAvatarUrl } from "./avatar.ts";
import { forbidden, RuleBroken } from "./errors.ts";
import { canSeeAttachment } from "~/auth/policy-attachments.ts";
import { checkFormFiles, withStoredBatch, writeBatchRows, type FormFiles } from "./attachment-batch.server.ts";

export type CommentView = {
  id: string;
  /** `avatarUrl`: their picture as this viewer may see it (docs/decisions/0039-avatars.md), or null. */
  author: { id: string; displayName: string; avatarUrl: string | null };
  bodyHtml: string | null; // null when deleted
  /** The language it is written in (its `lang`). */
  language: string;
  body: string | null; // raw markdown, only for the author (to edit)
  createdAt: string;
  editedAt: string | null;
  /**
   * The idea a merge brought this comment from (docs/decisions/0014-merge-duplicates.md); its title is
   * null when that idea is hidden and the viewer may not see it (docs/decisions/0008-moderation.md).
   */
  mergedFrom: { title: string | null } | null;
  deleted: boolean;
  /** Hidden by moderation and the viewer may not read it: shown as "masqué par la modération", like a deleted one. */
  masked: boolean;
  /** Hidden by moderation, for the viewers who still read it (its author, moderators): why. */
  hidden: { kind: HiddenKind; reason: string | null } | null;
  canEdit: boolean;
  canDelete: boolean;
  canFlag: boolean;
  /** The viewer's own report on it is open. */
  flagged: boolean;
  /** The images it carries (docs/decisions/0030), none once deleted or masked. */
  images: CommentImage[];
  replies: CommentView[];
};

export type CommentImage = { id: string; name: string; width: number | null; height: number | null };

const CommentCursor = z.object({ t: cursorTime(), id: recordId() });

type CommentRow = {
  id: string;
  parent_id: string | null;
  body: string;
  language: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_kind: HiddenKind | null;
  hidden_reason: string | null;
  author_id: string;
  author_name: string;
  author_avatar_id: string | null;
  author_private: boolean;
  merged: boolean;
  merge_title: string | null;
  merge_author_id: string | null;
  merge_hidden_at: Date | null;
  images: (CommentImage & { uploaderId: string; confidential: boolean })[];
  flagged: boolean;
};

/**
 * One page of an idea's thread: `COMMENT_PAGE_SIZE` top-level comments, oldest first, after `after`
 * (a cursor from the previous page), each with all its replies and whether the viewer has an open report
 * on it; `nextCursor` when more follow. One statement (plus the names its texts mention): the most
 * discussed idea's page no longer renders thousands of comments at once.
 */
export async function listCommentPage(
  viewer: Viewer,
  ideaId: string,
  page: { after?: string | null; size?: number } = {},
): Promise<{ comments: CommentView[]; nextCursor: string | null }> {
  const size = page.size ?? COMMENT_PAGE_SIZE;
  const after = decodeCursor(page.after ?? null, CommentCursor);
  const idea = await requireVisibleIdea(viewer, ideaId);
  // Prepared once per connection (a fixed text): planned on every page view before (docs/decisions/0059).
  const { rows: fetched } = await pool.query<CommentRow>(
    prepared(
      `with roots as (
       select c.id from comments c
        where c.idea_id = $1 and c.parent_id is null
          and ($2::timestamptz is null or (c.created_at, c.id) > ($2::timestamptz, $3::text))
        order by c.created_at, c.id
        limit $4
     )
     select c.id, c.parent_id, c.body, c.language, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_kind,
            c.hidden_reason, u.id as author_id, u.display_name as author_name, u.avatar_id as author_avatar_id,
            u.profile_private as author_private, m.id is not null as merged,
            src.title as merge_title, src.author_id as merge_author_id, src.hidden_at as merge_hidden_at,
            (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'width', a.width,
                      'height', a.height, 'uploaderId', a.uploader_id, 'confidential', a.confidential)
                      order by a.created_at, a.id), '[]'::json)
               from attachments a where a.comment_id = c.id) as images,
            -- The viewer's own open report on it: reporting again is refused, so it is not offered.
            ($5::text is not null and exists (select 1 from flags f
              where f.target_id = c.id and f.reporter_id = $5 and f.idea_id = $1 and f.comment_id is not null
                and f.resolved_at is null)) as flagged
       from comments c
       join users u on u.id = c.author_id
       left join idea_merges m on m.id = c.merge_id
       left join ideas src on src.id = m.source_id
      where c.idea_id = $1 and (c.id in (select id from roots) or c.parent_id in (select id from roots))
      order by c.created_at, c.id`,
      [ideaId, after?.t ?? null, after?.id ?? null, size + 1, viewer?.id ?? null],
    ),
  );
  // One root more than the page was read: it says that more follow, and is left for the next page.
  const roots = fetched.filter((r) => r.parent_id === null);
  const extra = roots.length > size ? roots[size]!.id : null;
  const rows = (extra ? fetched.filter((r) => r.id !== extra && r.parent_id !== extra) : fetched).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    body: r.body,
    language: r.language,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    hiddenAt: r.hidden_at,
    hiddenKind: r.hidden_kind,
    hiddenReason: r.hidden_reason,
    author: {
      id: r.author_id,
      displayName: r.author_name,
      avatarId: r.author_avatar_id,
      profilePrivate: r.author_private,
    },
    merge: r.merged
      ? { source: { title: r.merge_title ?? "", authorId: r.merge_author_id ?? "", hiddenAt: r.merge_hidden_at } }
      : null,
    images: r.images,
    flagged: r.flagged,
  }));
  const last = extra ? roots[size - 1]! : null;
  const nextCursor = last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null;
  return { comments: await commentViews(viewer, ideaId, idea, rows), nextCursor };
}

/** The first page of an idea's thread (see listCommentPage). */
export async function listComments(viewer: Viewer, ideaId: string): Promise<CommentView[]> {
  return (await listCommentPage(viewer, ideaId)).comments;
}

type ThreadRow = {
  id: string;
  parentId: string | null;
  body: string;
  language: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenKind: HiddenKind | null;
  hiddenReason: string | null;
  author: { id: string; displayName: string; avatarId: string | null; profilePrivate: boolean };
  merge: { source: { title: string; authorId: string; hiddenAt: Date | null } } | null;
  images: CommentRow["images"];
  flagged: boolean;
};

/**
 * Comments of an idea the viewer may see, threaded one level deep, oldest first. A hidden comment
 * keeps its place in the thread as a placeholder without author or text for everyone but its author
 * and moderators (docs/decisions/0008-moderation.md); with no reply under it, it is left out.
 */
async function commentViews(
  viewer: Viewer,
  ideaId: string,
  idea: IdeaAccessRef,
  rows: ThreadRow[],
): Promise<CommentView[]> {
  const people = await mentionNames(rows.map((r) => r.body));
  const views = new Map<string, CommentView & { parentId: string | null }>();
  for (const row of rows) {
    const deleted = row.deletedAt !== null;
    const masked = !deleted && !canReadComment(viewer, { authorId: row.author.id, hiddenAt: row.hiddenAt }, idea.space);
    const gone = deleted || masked;
    const mine = viewer?.id === row.author.id;
    const ref = { authorId: row.author.id, deletedAt: row.deletedAt, hiddenAt: row.hiddenAt };
    views.set(row.id, {
      id: row.id,
      parentId: row.parentId,
      author: gone
        ? { id: "", displayName: "", avatarUrl: null }
        : {
            id: row.author.id,
            displayName: row.author.displayName,
            avatarUrl: visibleAvatarUrl(viewer, row.author, "small"),
          },
      bodyHtml: gone ? null : renderCommentBody(row.body, people, renderStoredMarkdown),
      language: row.language,
      body: !gone && mine ? row.body : null,
      createdAt: row.createdAt.toISOString(),
      editedAt: gone ? null : (row.editedAt?.toISOString() ?? null),
      mergedFrom: row.merge
        ? { title: canViewIdea(viewer, { ...row.merge.source, space: idea.space }) ? row.merge.source.title : null }
        : null,
      deleted,
      masked,
      hidden: !gone && row.hiddenKind ? { kind: row.hiddenKind, reason: row.hiddenReason } : null,
      canEdit: canEditComment(viewer, ref),
      canDelete: canDeleteComment(viewer, ref),
      canFlag: canFlagComment(viewer, idea, ref) && !row.flagged,
      flagged: !gone && row.flagged,
      // Through the one rule of the download route (app/auth/policy-attachments.ts).
      images: row.images
        .filter((a) => canSeeAttachment(viewer, idea, { ...a, comment: { ...ref, hiddenAt: row.hiddenAt } }, false))
        .map(({ id, name, width, height }) => ({ id, name, width, height })),
      replies: [],
    });
  }
  const roots: CommentView[] = [];
  for (const view of views.values()) {
    const parent = view.parentId ? views.get(view.parentId) : undefined;
    if (parent) parent.replies.push(view);
    else roots.push(view);
  }
  // A deleted or masked comment with no replies left has nothing to show (nor do masked replies).
  for (const root of roots) root.replies = root.replies.filter((r) => !r.masked);
  return roots.filter((c) => !(c.deleted || c.masked) || c.replies.length > 0);
}

/** The idea, if the person may see it (else a 404) and comment on it (else a 403 with the reason). */
export async function requireCommentableIdea(user: NonNullable<Viewer>, ideaId: string) {
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canComment(user, idea)) forbidden(participationRefusal(idea));
  return idea;
}

/** Adds a comment; the same form (its `idempotencyKey`) sent twice stores one (see createOnce). */
export async function addComment(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  body: string;
  parentId?: string;
  idempotencyKey?: string;
  /** The language it is written in: the writer's interface language (docs/decisions/0029). */
  language?: Locale;
  /** Images sent with it, and images kept from the form's preview (pending uploads). */
  files?: FormFiles;
}) {
  const { user, ideaId, language = DEFAULT_LOCALE } = options;
  const idea = await requireCommentableIdea(user, ideaId);
  const place = { space: idea.space, idea };
  const { text: body, mentioned } = await resolveMentions({ writer: user, place, text: options.body, field: "body" });
  let parentId: string | null = null;
  let answered: string | null = null; // the author of the comment answered, told of the reply
  if (options.parentId) {
    const parent = await prisma.comment.findFirst({
      where: { id: options.parentId, ideaId },
      select: { id: true, parentId: true, deletedAt: true, hiddenAt: true, authorId: true },
    });
    // Gone meanwhile (removed with its author's account, say): the form answers, its images kept.
    if (!parent) throw new RuleBroken("comments.parentGone");
    // A hidden comment is frozen: no reply hangs on it while it is hidden (app/models/content-state.ts).
    if (!canReplyTo(user, idea, parent)) forbidden();
    // Replies are one level deep: answering a reply attaches to its thread.
    parentId = parent.parentId ?? parent.id;
    if (parent.deletedAt === null) answered = parent.authorId;
  }
  const sent = { ideaId, parentId, body, language };
  return createOnce({
    key: options.idempotencyKey,
    find: (key) =>
      prisma.comment.findFirst({
        where: { authorId: user.id, idempotencyKey: key },
        select: { id: true, ideaId: true, parentId: true, body: true },
      }),
    same: (stored) => stored.ideaId === ideaId && stored.parentId === parentId && stored.body === body,
    // The images are checked when storing: a form sent again answers with its first sending's comment.
    store: async (key) => {
      const batch = await checkFormFiles(user, options.files, { imagesOnly: true });
      return withStoredBatch(batch, (stored) =>
        storeComment({
          user,
          idea,
          sent,
          answered,
          key,
          mentioned,
          files: (tx, commentId) => writeBatchRows(tx, { batch, stored, ideaId, commentId }),
        }),
      );
    },
  });
}

type SentComment = { ideaId: string; parentId: string | null; body: string; language: Locale };

async function storeComment(options: {
  user: NonNullable<Viewer>;
  idea: Awaited<ReturnType<typeof requireVisibleIdea>>;
  sent: SentComment;
  answered: string | null;
  key: string | null;
  mentioned: string[];
  /** Writes the comment's image rows in its transaction. */
  files: (tx: Tx, commentId: string) => Promise<unknown>;
}) {
  const { user, idea, sent, answered, key, mentioned } = options;
  const { ideaId, parentId, body, language } = sent;
  const { comment, notified } = await transactionWithEvents(async (tx, events) => {
    const comment = await tx.comment.create({
      data: { id: newId(), ideaId, authorId: user.id, parentId, body, language, idempotencyKey: key },
      select: { id: true },
    });
    await options.files(tx, comment.id);
    // The idea's author hears of every comment, the answered person of the reply; nobody twice,
    // nobody of their own words.
    const notified: string[] = [];
    if (answered && answered !== user.id) {
      notified.push(
        ...(await notifyUser(tx, { userId: answered, ideaId, type: "comment.reply", data: { commentId: comment.id } })),
      );
    }
    if (idea.authorId !== user.id && idea.authorId !== answered) {
      notified.push(
        ...(await notifyUser(tx, {
          userId: idea.authorId,
          ideaId,
          type: "comment.new",
          data: { commentId: comment.id },
        })),
      );
    }
    // Those mentioned hear of it once (the author or the answered person already did).
    const fresh = await recordMentions(tx, {
      ideaId,
      commentId: comment.id,
      mentioned,
      writerId: user.id,
      skip: notified,
    });
    events.publish({ type: "idea:comments", ideaId, spaceId: idea.space.id });
    await recordDomainEvent(tx, { type: "comment.created", ideaId, commentId: comment.id, spaceId: idea.space.id });
    return { comment, notified: [...notified, ...fresh] };
  });
  announceNotifications(notified);
  return comment;
}

/**
 * A comment's body as the thread shows it; the editor's preview (app/routes/apercu.ts) renders through it.
 * The thread passes `renderStoredMarkdown` (the same HTML, remembered: docs/decisions/0043).
 */
export const renderCommentBody = (
  body: string,
  people?: ReadonlyMap<string, string>,
  render: typeof renderMarkdown = renderMarkdown,
) => render(body, { people });
