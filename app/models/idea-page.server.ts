// The idea page's data: the idea as the viewer may see it, what they may do on it, its counts and its
// followers (docs/decisions/0031-mentions-following-profiles.md).
import { canComment, canEditIdea, canFlag, canModerateSpace, canVote, type Viewer } from "~/auth/policy.ts";
import type { HiddenKind } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { renderMarkdown } from "~/lib/markdown.server.ts";
import { exactCountsAt } from "./counters.server.ts";
import { ideaFollowState } from "./follow.server.ts";
import { requireVisibleIdea, supportedBy, throwIfMerged } from "./idea.server.ts";
import { mentionNames } from "./mention.server.ts";

export async function getIdeaPage(viewer: Viewer, ideaId: string) {
  const ref = await requireVisibleIdea(viewer, ideaId);
  await throwIfMerged(ref);
  const idea = await prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: {
      id: true,
      title: true,
      body: true,
      tags: true,
      stage: true,
      createdAt: true,
      updatedAt: true,
      authorId: true,
      hiddenAt: true,
      hiddenKind: true,
      hiddenReason: true,
      author: { select: { id: true, displayName: true } },
      space: { select: { id: true, slug: true, audience: true, nameFr: true, nameEn: true } },
      challenge: { select: { id: true, title: true, participationClosedAt: true } },
    },
  });
  const [counts, supported, follow, people, flagged] = await Promise.all([
    exactCountsAt([idea.id]),
    supportedBy(viewer, [idea.id]),
    ideaFollowState({ viewer, ideaId: idea.id }),
    mentionNames([idea.body]),
    // The viewer's own open report of the idea: reporting it again is refused, so it is not offered.
    viewer ? prisma.flag.count({ where: { targetId: idea.id, reporterId: viewer.id, resolvedAt: null } }) : 0,
  ]);
  const { body, hiddenAt, hiddenKind, hiddenReason, challenge, ...rest } = idea;
  // Only its author and moderators reach a hidden idea (requireVisibleIdea): they see why.
  const hidden: { kind: HiddenKind; at: string; reason: string | null } | null =
    hiddenAt && hiddenKind ? { kind: hiddenKind, at: hiddenAt.toISOString(), reason: hiddenReason } : null;
  return {
    ...rest,
    challenge: challenge
      ? { id: challenge.id, title: challenge.title, participationClosed: challenge.participationClosedAt !== null }
      : null,
    hidden,
    canFlag: canFlag(viewer, idea) && flagged === 0,
    flaggedByViewer: flagged > 0,
    canModerate: canModerateSpace(viewer, idea.space),
    bodyHtml: renderMarkdown(body, { headingBase: 2, people }),
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
    supports: counts.ideas.get(idea.id)?.supports ?? 0,
    comments: counts.ideas.get(idea.id)?.comments ?? 0,
    countsAt: counts.at,
    supportedByViewer: supported.has(idea.id),
    followers: follow.followers,
    followedByViewer: follow.following,
    canEdit: canEditIdea(viewer, idea),
    // From the same policy input as setSupport and addComment (requireVisibleIdea): what the page offers
    // is what the actions accept.
    canVote: canVote(viewer, ref),
    canComment: canComment(viewer, ref),
    participationClosed: ref.participationClosed,
  };
}
