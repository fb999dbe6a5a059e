// The idea's page: the idea, its author, space and challenge, the exact counts (docs/decisions/0003), its
// followers and the viewer's own support and open report — in ONE statement with the access check's facts
// (which the page's other loaders share, docs/decisions/0032-weight-and-statements-per-request.md, 0049).
import { canAttachTo, canDeleteAttachment, canMarkConfidential, canSeeAttachment } from "~/auth/policy-attachments.ts";
import { canEditIdeaAsAuthor } from "~/auth/policy-hackathons.ts";
import { canComment, canFlag, canModerateSpace, canVote, type Viewer } from "~/auth/policy.ts";
import type { HiddenKind, IdeaStage, SpaceAudience } from "~/generated/prisma/enums.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { pool, prepared } from "~/lib/db.server.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { renderStoredMarkdown } from "~/lib/markdown-memo.server.ts";
import type { AttachmentKind } from "./attachment.ts";
import { IDEA_WAITS_COLUMNS, ideaWaitsFrom, type IdeaWaitsRow } from "./commitments.server.ts";
import { DB_CLOCK_MS } from "./counters.server.ts";
import { ideaFollowColumns } from "./follow.server.ts";
import { visibleAvatarUrl } from "./avatar.ts";
import { mentionNames } from "./mention.server.ts";
import { requireVisibleIdeaReadBy, throwIfMerged, type IdeaAccessRow } from "./idea.server.ts";
import { MERGED_HERE_COLUMN, mergedHereFrom } from "./merge.server.ts";
import { notFound } from "./errors.ts";

type IdeaPageRow = IdeaWaitsRow & {
  id: string;
  title: string;
  body: string;
  language: string;
  tags: string[];
  stage: IdeaStage;
  created_at: Date;
  updated_at: Date;
  author_id: string;
  hidden_at: Date | null;
  hidden_kind: HiddenKind | null;
  hidden_reason: string | null;
  author_name: string;
  author_avatar_id: string | null;
  author_private: boolean;
  /** Its co-authors who accepted (docs/decisions/0035-hackathons.md), in the order they joined. */
  coauthors: { id: string; displayName: string }[];
  hackathon_project: boolean;
  space_id: string;
  space_slug: string;
  audience: SpaceAudience;
  name_fr: string;
  name_en: string;
  challenge_id: string | null;
  challenge_title: string | null;
  challenge_language: string | null;
  challenge_closed: boolean;
  supports: number;
  comments: number;
  supported: boolean;
  flagged: boolean;
  at: number;
  attachments: AttachmentRow[];
  evaluates: boolean;
  merged_into_id: string | null;
  followers: number;
  following: boolean;
  merged_here: Parameters<typeof mergedHereFrom>[0];
};

type AttachmentRow = {
  id: string;
  kind: AttachmentKind;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  confidential: boolean;
  uploaderId: string;
};

/**
 * The page's statement: the idea's access facts (requireVisibleIdea's), its page and its followers in one
 * round trip (docs/decisions/0049); what the viewer may see is decided from it before anything is used.
 */
function readIdeaPage(viewer: Viewer, ideaId: string) {
  const viewerId = viewer?.id ?? null;
  const statement = Prisma.sql`select i.id, i.title, i.body, i.language, i.tags, i.stage, i.created_at, i.updated_at, i.author_id,
            i.hidden_at, i.hidden_kind, i.hidden_reason, i.merged_into_id, u.display_name as author_name,
            u.avatar_id as author_avatar_id, u.profile_private as author_private,
            (select coalesce(json_agg(json_build_object('id', cu.id, 'displayName', cu.display_name) order by co.created_at), '[]')
               from idea_coauthors co join users cu on cu.id = co.user_id
              where co.idea_id = i.id and co.accepted_at is not null) as coauthors,
            exists (select 1 from hackathon_teams ht where ht.idea_id = i.id) as hackathon_project,
            s.id as space_id, s.slug as space_slug, s.audience, s.name_fr, s.name_en,
            ch.id as challenge_id, ch.title as challenge_title, ch.language as challenge_language,
            coalesce(ch.participation_closed_at is not null, false) as challenge_closed,
            c.supports, c.comments,
            (${viewerId}::text is not null and exists (select 1 from votes v where v.idea_id = i.id and v.user_id = ${viewerId})) as supported,
            -- The viewer's own open report of the idea: reporting it again is refused, so it is not offered.
            (${viewerId}::text is not null and exists (select 1 from flags f
              where f.target_id = i.id and f.reporter_id = ${viewerId} and f.resolved_at is null)) as flagged,
            ${Prisma.raw(DB_CLOCK_MS)} as at,
            -- Its attachments (docs/decisions/0030), filtered below by the policy, and whether the viewer
            -- is one of its assigned evaluators (who see confidential ones).
            (select coalesce(json_agg(json_build_object('id', a.id, 'kind', a.kind, 'name', a.name, 'size', a.size,
                      'width', a.width, 'height', a.height, 'confidential', a.confidential,
                      'uploaderId', a.uploader_id) order by a.created_at, a.id), '[]'::json)
               from attachments a where a.idea_id = i.id and a.comment_id is null) as attachments,
            (${viewerId}::text is not null and exists (select 1 from evaluation_assignments ea
              where ea.idea_id = i.id and ea.evaluator_id = ${viewerId})) as evaluates,
            -- Its followers (docs/decisions/0031), as ideaFollowState counts them.
            ${ideaFollowColumns({ viewer, ideaId })},
            -- Its waits and the merges in force here, as getIdeaResponseStatus and listMergedHere read them.
            ${Prisma.raw(IDEA_WAITS_COLUMNS)}, ${Prisma.raw(MERGED_HERE_COLUMN)} as merged_here
       from ideas i
       join users u on u.id = i.author_id
       join spaces s on s.id = i.space_id
       left join challenges ch on ch.id = i.challenge_id
       cross join lateral idees_exact_counts(i.id) c
      where i.id = ${ideaId}`;
  // Prepared once per connection (its text is fixed: one for anonymous viewers, one signed in): PostgreSQL
  // planned this statement on every view, ~1.4 ms of its time (docs/decisions/0059).
  return pool.query<IdeaPageRow>(prepared(statement.text, statement.values));
}

/** requireVisibleIdea's row (ideaAccessRead's columns), from the page's. */
const accessRowOf = (row: IdeaPageRow): IdeaAccessRow => ({
  id: row.id,
  author_id: row.author_id,
  stage: row.stage,
  hidden_at: row.hidden_at,
  participation_closed: row.challenge_closed,
  merged_into_id: row.merged_into_id,
  space_id: row.space_id,
  audience: row.audience,
  slug: row.space_slug,
});

/** `withSource`: the markdown source too (the API gives it; the page needs only the HTML). */
export async function getIdeaPage(viewer: Viewer, ideaId: string, options: { withSource?: boolean } = {}) {
  return (await readVisibleIdeaPage(viewer, ideaId, options)).idea;
}

/**
 * The idea's page with its waits ("répondu en N jours") and the ideas merged here, all from the page's
 * one statement (docs/decisions/0059): two round trips fewer on every idea page.
 */
export async function getIdeaPageWithSurroundings(viewer: Viewer, ideaId: string, now?: Date) {
  const { idea, row } = await readVisibleIdeaPage(viewer, ideaId, {});
  return { idea, response: ideaWaitsFrom(row, now), mergedHere: mergedHereFrom(row.merged_here) };
}

async function readVisibleIdeaPage(viewer: Viewer, ideaId: string, options: { withSource?: boolean }) {
  // The access facts come with the page's own (one statement); read apart only if this request already
  // has them (then the page is read once they allowed it).
  let page: ReturnType<typeof readIdeaPage> | undefined;
  const read = () => (page ??= readIdeaPage(viewer, ideaId));
  const ref = await requireVisibleIdeaReadBy(viewer, ideaId, async () => {
    const row = (await read()).rows[0];
    return row && accessRowOf(row);
  });
  await throwIfMerged(ref);
  const { rows } = await read();
  const row = rows[0];
  if (!row) notFound();
  // Mentions show the person's current name (none read when the text mentions nobody).
  const people = await mentionNames([row.body]);
  const space = {
    id: row.space_id,
    slug: row.space_slug,
    audience: row.audience,
    nameFr: row.name_fr,
    nameEn: row.name_en,
  };
  const idea = { id: row.id, authorId: row.author_id, hiddenAt: row.hidden_at, stage: row.stage, space };
  // Only its author and moderators reach a hidden idea (requireVisibleIdea): they see why.
  const hidden: { kind: HiddenKind; at: string; reason: string | null } | null =
    row.hidden_at && row.hidden_kind
      ? { kind: row.hidden_kind, at: row.hidden_at.toISOString(), reason: row.hidden_reason }
      : null;
  const shown = {
    id: row.id,
    title: row.title,
    language: row.language,
    tags: row.tags,
    stage: row.stage,
    authorId: row.author_id,
    author: {
      id: row.author_id,
      displayName: row.author_name,
      // Their picture as this viewer may see it (docs/decisions/0039-avatars.md), or null.
      avatarUrl: visibleAvatarUrl(
        viewer,
        { id: row.author_id, profilePrivate: row.author_private, avatarId: row.author_avatar_id },
        "small",
      ),
    },
    coauthors: row.coauthors,
    space,
    challenge: row.challenge_id
      ? {
          id: row.challenge_id,
          title: row.challenge_title ?? "",
          language: row.challenge_language ?? "fr",
          participationClosed: row.challenge_closed,
        }
      : null,
    hidden,
    canFlag: canFlag(viewer, idea) && !row.flagged,
    flaggedByViewer: row.flagged,
    canModerate: canModerateSpace(viewer, space),
    ...(options.withSource ? { body: row.body } : {}),
    bodyHtml: renderIdeaBody(row.body, people, renderStoredMarkdown),
    attachments: row.attachments
      .filter((a) => canSeeAttachment(viewer, ref, a, row.evaluates))
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        name: a.name,
        size: a.size,
        width: a.width,
        height: a.height,
        confidential: a.confidential,
        canDelete: canDeleteAttachment(viewer, ref, a),
      })),
    canAttach: canAttachTo(viewer, ref),
    canAttachConfidential: canMarkConfidential(viewer, ref),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    supports: row.supports,
    comments: row.comments,
    countsAt: row.at,
    supportedByViewer: row.supported,
    followers: row.followers,
    followedByViewer: row.following,
    canEdit: canEditIdeaAsAuthor(viewer, idea, {
      coauthorIds: row.coauthors.map((c) => c.id),
      hackathonProject: row.hackathon_project,
    }),
    hackathonProject: row.hackathon_project,
    // From the same policy input as setSupport and addComment (requireVisibleIdea): what the page offers
    // is what the actions accept.
    canVote: canVote(viewer, ref),
    canComment: canComment(viewer, ref),
    participationClosed: ref.participationClosed,
  };
  return { idea: shown, row };
}

/**
 * An idea's body as its page shows it: the editor's preview (app/routes/apercu.ts) renders through this
 * very function, so that what is previewed is what is published.
 */
export const renderIdeaBody = (
  body: string,
  people?: ReadonlyMap<string, string>,
  render: typeof renderMarkdown = renderMarkdown,
) => render(body, { headingBase: 2, people });
