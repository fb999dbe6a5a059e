import { canVote, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { forbidden } from "~/lib/http.server.ts";
import { exactCount } from "./counters.server.ts";
import { requireVisibleIdea } from "./idea.server.ts";

/**
 * Sets the viewer's support for an idea to `supported`. Idempotent: the (idea, user) primary key and
 * ON CONFLICT DO NOTHING mean a double click or a replayed request never counts twice, and retracting
 * twice removes nothing more. Returns the exact count after the change.
 */
export async function setSupport(options: { user: NonNullable<Viewer>; ideaId: string; supported: boolean }) {
  const { user, ideaId, supported } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canVote(user, idea)) forbidden();
  if (supported) {
    await prisma.vote.createMany({ data: [{ ideaId, userId: user.id }], skipDuplicates: true });
  } else {
    await prisma.vote.deleteMany({ where: { ideaId, userId: user.id } });
  }
  const counts = await exactCount(ideaId);
  return { supported, supports: counts.supports };
}
