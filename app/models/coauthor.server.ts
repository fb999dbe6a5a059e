// Co-authors of ordinary ideas (docs/decisions/0035-hackathons.md): the author invites someone who may
// see the idea (by e-mail); the invitee accepts, and from then on is shown beside the author and edits the
// idea when the author could (not a follower by default: told of the invitation only, ADR 0035). A hackathon project's co-authors are its
// team (app/models/hackathon-teams.server.ts). An invitation does not reveal whether an address has an
// account beyond what the author already sees: an unknown address and one that may not see the idea get
// the same answer.
import { canEditIdeaAsAuthor, canInviteCoauthor } from "~/auth/policy-hackathons.ts";
import type { Viewer } from "~/auth/policy.ts";
import { isUniqueViolation, prisma, type Db } from "~/lib/db.server.ts";
import { forbidden, RuleBroken } from "./errors.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { announceNotifications, notifyUser } from "./notification.server.ts";

/** What the policy needs about an idea's co-authors: who accepted, and whether it is a hackathon project. */
export async function coauthorFacts(db: Db, ideaId: string) {
  const [coauthors, project] = await Promise.all([
    db.ideaCoauthor.findMany({ where: { ideaId, acceptedAt: { not: null } }, select: { userId: true } }),
    db.hackathonTeam.count({ where: { ideaId } }),
  ]);
  return { coauthorIds: coauthors.map((c) => c.userId), hackathonProject: project > 0 };
}

/** The co-authors' page: who co-writes the idea, who is invited, and what the viewer may do. */
export async function getCoauthorsPage(viewer: NonNullable<Viewer>, ideaId: string) {
  const ref = await requireVisibleIdea(viewer, ideaId);
  const [idea, rows, facts] = await Promise.all([
    prisma.idea.findUniqueOrThrow({
      where: { id: ideaId },
      select: { id: true, title: true, language: true, author: { select: { id: true, displayName: true } } },
    }),
    prisma.ideaCoauthor.findMany({
      where: { ideaId },
      orderBy: { createdAt: "asc" },
      select: { acceptedAt: true, user: { select: { id: true, displayName: true } } },
    }),
    coauthorFacts(prisma, ideaId),
  ]);
  const isAuthor = viewer.id === ref.authorId;
  const mine = rows.find((r) => r.user.id === viewer.id);
  return {
    idea,
    coauthors: rows.filter((r) => r.acceptedAt).map((r) => r.user),
    // Pending invitations: the author's business, and the invitee's own.
    invited: isAuthor ? rows.filter((r) => !r.acceptedAt).map((r) => r.user) : [],
    canInvite: isAuthor && canEditIdeaAsAuthor(viewer, ref, facts) && !facts.hackathonProject,
    canAccept: mine !== undefined && mine.acceptedAt === null,
  };
}

export async function inviteCoauthor(options: { user: NonNullable<Viewer>; ideaId: string; email: string }) {
  const { user, ideaId, email } = options;
  const ref = await requireVisibleIdea(user, ideaId);
  if (user.id !== ref.authorId) forbidden();
  const notified = await prisma.$transaction(async (tx) => {
    const person = await tx.user.findUnique({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, role: true, spaceAccesses: { select: { spaceId: true } } },
    });
    const invitee = person && {
      id: person.id,
      role: person.role,
      grantedSpaceIds: person.spaceAccesses.map((a) => a.spaceId),
    };
    const { hackathonProject } = await coauthorFacts(tx, ideaId);
    if (!invitee || !canInviteCoauthor(user, ref, invitee, hackathonProject))
      throw new RuleBroken("coauthor.cannotInvite", { field: "email" });
    try {
      await tx.ideaCoauthor.create({ data: { ideaId, userId: invitee.id } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RuleBroken("coauthor.already", { field: "email" });
      throw error;
    }
    return notifyUser(tx, { userId: invitee.id, ideaId, type: "idea.coauthor", data: { invited: true } });
  });
  announceNotifications(notified);
}

export async function acceptCoauthorship(options: { user: NonNullable<Viewer>; ideaId: string }) {
  const { user, ideaId } = options;
  await requireVisibleIdea(user, ideaId);
  const { count } = await prisma.ideaCoauthor.updateMany({
    where: { ideaId, userId: user.id, acceptedAt: null },
    data: { acceptedAt: new Date() },
  });
  if (count === 0) throw new RuleBroken("coauthor.noInvitation", { conflict: true });
}
