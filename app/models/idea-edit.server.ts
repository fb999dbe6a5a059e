// Editing one's own idea (while it is still PROPOSED and listed): the form's data, and the write, which
// records the "idea.updated" webhook event in its transaction (docs/decisions/0027).
import { canEditIdeaAsAuthor } from "~/auth/policy-hackathons.ts";
import { listedIdeaWhere, type Viewer } from "~/auth/policy.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { publish, recordDomainEvent } from "~/realtime/publish.server.ts";
import { coauthorFacts } from "./coauthor.server.ts";
import { forbidden } from "./errors.ts";
import { recordMentions, resolveMentions } from "./mention.server.ts";
import { announceNotifications } from "./notification.server.ts";
import { requireVisibleIdea, summarize } from "./idea.server.ts";
import type { IdeaInput } from "./idea.ts";

export async function getIdeaForEdit(viewer: Viewer, ideaId: string) {
  const ref = await requireVisibleIdea(viewer, ideaId);
  if (!canEditIdeaAsAuthor(viewer, ref, await coauthorFacts(prisma, ideaId))) forbidden();
  const idea = await prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: {
      id: true,
      title: true,
      body: true,
      language: true,
      tags: true,
      space: { select: { slug: true, nameFr: true, nameEn: true } },
      // Its images, for the editor's toolbar (the author sees all of them, confidential ones included).
      attachments: {
        where: { kind: "IMAGE", commentId: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true },
      },
    },
  });
  const { attachments, ...rest } = idea;
  return { ...rest, images: attachments };
}

export async function updateIdea(options: { user: SessionUser; ideaId: string; input: IdeaInput }) {
  const { user, ideaId, input } = options;
  const ref = await requireVisibleIdea(user, ideaId);
  if (!canEditIdeaAsAuthor(user, ref, await coauthorFacts(prisma, ideaId))) forbidden();
  // Mentions (docs/decisions/0031): links to people who may see the idea; each hears of it once.
  const { text: body, mentioned } = await resolveMentions({
    writer: user,
    place: ref,
    text: input.body,
    field: "body",
  });
  // The where clause repeats the rule, so a stage change between the check and the write wins (an idea
  // hidden or merged meanwhile — no longer listed — is frozen).
  const notified = await prisma.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({
      where: {
        ...listedIdeaWhere,
        id: ideaId,
        stage: "PROPOSED",
        // Its author or an accepted co-author; never a hackathon project (edited on its hackathon's page).
        OR: [{ authorId: user.id }, { coauthors: { some: { userId: user.id, acceptedAt: { not: null } } } }],
        hackathonTeam: null,
      },
      data: { title: input.title, body, summary: summarize(body), tags: input.tags },
    });
    if (count === 0) forbidden();
    await recordDomainEvent(tx, { type: "idea.updated", ideaId, spaceId: ref.space.id });
    return recordMentions(tx, { ideaId, commentId: null, mentioned, writerId: user.id });
  });
  announceNotifications(notified);
  publish({ type: "idea:updated", ideaId, spaceId: ref.space.id });
}
