// The agency's official answer on an idea: one per idea, public, written by a manager. Publishing (or
// updating) it tells the idea's followers — author, supporters, commenters — in-app, in the same
// transaction; the realtime event follows the commit.
import { canAnswerOfficially, canManagePipeline, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { recordAudit } from "./audit.server.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import { announceNotifications, notifyFollowers } from "./notification.server.ts";
import type { OfficialAnswerInput } from "./official-answer.ts";
import { requireIdeaAccepts } from "./content-state.server.ts";
import { forbidden } from "./errors.ts";
import { languageAfterWrite, withoutLanguage } from "./content-language.ts";
import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n.ts";

/** The raw markdown of the current answer, for the manager's edit form. */
export async function getOfficialAnswerSource(viewer: Viewer, ideaId: string): Promise<string> {
  const idea = await requireVisibleIdea(viewer, ideaId);
  if (!canAnswerOfficially(viewer, idea)) forbidden();
  return (await prisma.officialAnswer.findUnique({ where: { ideaId }, select: { body: true } }))?.body ?? "";
}

export async function publishOfficialAnswer(options: {
  user: NonNullable<Viewer>;
  ideaId: string;
  input: OfficialAnswerInput;
  /** The manager's interface language, the answer's (docs/decisions/0037); French if left out. */
  language?: Locale;
}) {
  const { user, ideaId, input } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canManagePipeline(user, idea.space)) forbidden();
  requireIdeaAccepts(idea, "answer"); // hidden or merged: frozen (409)
  if (!canAnswerOfficially(user, idea)) forbidden();
  const { updated, notified } = await prisma.$transaction(async (tx) => {
    const before = await tx.officialAnswer.findUnique({
      where: { ideaId },
      select: { body: true, authorId: true, language: true },
    });
    const language = languageAfterWrite({
      before: before && { text: [before.body], language: before.language },
      text: [input.body],
      writer: options.language ?? DEFAULT_LOCALE,
    });
    await tx.officialAnswer.upsert({
      where: { ideaId },
      create: { ideaId, authorId: user.id, body: input.body, language },
      update: { authorId: user.id, body: input.body, language },
      select: { ideaId: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: before ? "answer.update" : "answer.publish",
      target: { type: "idea", id: ideaId },
      ...(before ? { before: withoutLanguage(before) } : {}),
      after: { body: input.body, authorId: user.id },
      language,
    });
    const notified = await notifyFollowers(tx, {
      ideaId,
      actorId: user.id,
      type: "idea.answer",
      data: { updated: before !== null },
    });
    return { updated: before !== null, notified };
  });
  publish({ type: "idea:updated", ideaId, spaceId: idea.space.id });
  announceNotifications(notified);
  return { updated, notified: notified.length };
}
