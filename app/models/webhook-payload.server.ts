// What a webhook delivery carries, built at delivery time with the endpoint's OWNER as the viewer,
// through the one policy (app/auth/policy.ts): an idea, comment or challenge the owner may not see
// (any more) is not sent; listed content only — a hidden or merged idea travels only as the
// "idea.hidden" / "idea.merged" event itself, with ids (docs/decisions/0027-job-queue-and-webhooks.md).
import {
  canManageWebhooks,
  canReadComment,
  canViewIdea,
  canViewSpace,
  isListedIdea,
  type Viewer,
} from "~/auth/policy.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { IDS_ONLY_EVENTS, TEST_EVENT_TYPE, type WebhookEvent } from "./webhook.ts";

export type WebhookPayload = { type: string; timestamp: string; data: Record<string, unknown> };

/** The owner as a viewer, or null when they may no longer receive anything (gone, suspended, not admin). */
export async function webhookOwner(ownerId: string): Promise<NonNullable<Viewer> | null> {
  const user = await prisma.user.findUnique({
    where: { id: ownerId },
    select: {
      id: true,
      role: true,
      suspendedAt: true,
      accessEndsAt: true,
      spaceAccesses: { select: { spaceId: true } },
    },
  });
  if (!user || user.suspendedAt !== null || (user.accessEndsAt !== null && user.accessEndsAt <= new Date()))
    return null;
  const viewer = { id: user.id, role: user.role as Role, grantedSpaceIds: user.spaceAccesses.map((a) => a.spaceId) };
  return canManageWebhooks(viewer) ? viewer : null;
}

const ideaSelect = {
  id: true,
  title: true,
  summary: true,
  tags: true,
  stage: true,
  authorId: true,
  hiddenAt: true,
  mergedIntoId: true,
  challengeId: true,
  createdAt: true,
  updatedAt: true,
  space: { select: { id: true, slug: true, audience: true } },
} as const;

async function visibleIdea(viewer: NonNullable<Viewer>, ideaId: string | undefined, appUrl: string) {
  if (!ideaId) return null;
  const idea = await prisma.idea.findUnique({ where: { id: ideaId }, select: ideaSelect });
  // Listed ideas only: hidden or merged content never travels with its text.
  if (!idea || !isListedIdea(idea) || !canViewIdea(viewer, idea)) return null;
  return {
    id: idea.id,
    title: idea.title,
    summary: idea.summary,
    tags: idea.tags,
    stage: idea.stage,
    spaceId: idea.space.id,
    spaceSlug: idea.space.slug,
    challengeId: idea.challengeId,
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
    url: `${appUrl}/idees/${idea.id}`,
  };
}

/**
 * The payload for `event` as `viewer` may see it, or null when there is nothing they may see (the
 * delivery is then withheld, and says so in the log).
 */
export async function buildWebhookPayload(
  viewer: NonNullable<Viewer>,
  event: WebhookEvent | { type: typeof TEST_EVENT_TYPE },
  occurredAt: Date,
  appUrl: string,
): Promise<WebhookPayload | null> {
  const wrap = (data: Record<string, unknown>): WebhookPayload => ({
    type: event.type,
    timestamp: occurredAt.toISOString(),
    data,
  });
  if (event.type === TEST_EVENT_TYPE) return wrap({ test: true });
  const space = await prisma.space.findUnique({ where: { id: event.spaceId }, select: { id: true, audience: true } });
  if (!space || !canViewSpace(viewer, space)) return null;
  if (IDS_ONLY_EVENTS.includes(event.type)) {
    // The event itself, ids only: the idea left the lists.
    const data: Record<string, unknown> = { ideaId: event.ideaId, spaceId: event.spaceId };
    if (event.type === "idea.merged" && event.targetId) {
      const target = await visibleIdea(viewer, event.targetId, appUrl);
      if (target) data.targetId = target.id;
    }
    return wrap(data);
  }
  const hackathon = event.type === "hackathon.results_published";
  if (event.type === "challenge.opened" || event.type === "challenge.closed" || hackathon) {
    const challenge = event.challengeId
      ? await prisma.challenge.findUnique({
          where: { id: event.challengeId },
          select: { id: true, title: true, opensAt: true, closesAt: true, participationClosedAt: true, spaceId: true },
        })
      : null;
    if (!challenge || challenge.spaceId !== space.id) return null;
    return wrap({
      challenge: {
        id: challenge.id,
        title: challenge.title,
        opensAt: challenge.opensAt.toISOString(),
        closesAt: challenge.closesAt.toISOString(),
        participationClosedAt: challenge.participationClosedAt?.toISOString() ?? null,
        spaceId: challenge.spaceId,
        url: hackathon ? `${appUrl}/hackathons/${challenge.id}/resultats` : `${appUrl}/defis/${challenge.id}`,
      },
    });
  }
  const idea = await visibleIdea(viewer, event.ideaId, appUrl);
  if (!idea) return null;
  if (event.type === "comment.created") {
    const comment = event.commentId
      ? await prisma.comment.findUnique({
          where: { id: event.commentId },
          select: {
            id: true,
            ideaId: true,
            body: true,
            authorId: true,
            deletedAt: true,
            hiddenAt: true,
            createdAt: true,
          },
        })
      : null;
    if (!comment || comment.ideaId !== idea.id || comment.deletedAt !== null || comment.hiddenAt !== null) return null;
    if (!canReadComment(viewer, comment, space)) return null;
    return wrap({
      idea,
      comment: { id: comment.id, body: comment.body, createdAt: comment.createdAt.toISOString() },
    });
  }
  if (event.type === "pilot.decided") return wrap({ idea, decision: event.decision ?? null });
  if (event.type === "idea.stage_changed") return wrap({ idea, stage: event.stage ?? idea.stage });
  return wrap({ idea });
}
