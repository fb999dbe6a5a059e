// The social part of "download my data" and "delete my account" (docs/decisions/0031): follows,
// mentions of the person, their bio, profile setting and avatar; on deletion, the tokens that name them in
// other people's ideas and comments (app/lib/mentions.ts) become the placeholder's name, as text.
import type { Tx } from "~/lib/db.server.ts";
import { rewriteTokens } from "~/lib/mentions.ts";
import { DELETED_USER_NAME } from "./account.ts";
import { avatarUrl } from "./avatar.ts";
import { summarize } from "./idea.server.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportSocialData(tx: Tx, userId: string) {
  const [profile, follows, mentions] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: userId }, select: { bio: true, profilePrivate: true, avatarId: true } }),
    tx.follow.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, targetId: true, following: true, createdAt: true },
    }),
    tx.mention.findMany({
      where: { mentionedId: userId },
      orderBy: { createdAt: "asc" },
      select: { ideaId: true, commentId: true, createdAt: true },
    }),
  ]);
  return {
    profileSettings: {
      bio: profile.bio,
      profilePrivate: profile.profilePrivate,
      // The uploaded picture's links (docs/decisions/0039-avatars.md), or null for initials.
      avatar: profile.avatarId
        ? { large: avatarUrl(profile.avatarId, "large"), small: avatarUrl(profile.avatarId, "small") }
        : null,
    },
    follows: follows.map((f) => ({ ...f, createdAt: iso(f.createdAt) })),
    mentionsOfMe: mentions.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
  };
}

/**
 * Before the person's row goes (their follows and mention rows go with it, cascade): every text that
 * mentions them loses the link and their name. Summaries of ideas are recomputed from the new text.
 */
export async function eraseMentionsOf(tx: Tx, userId: string) {
  const places = await tx.mention.findMany({
    where: { mentionedId: userId },
    select: { ideaId: true, commentId: true },
  });
  const scrub = (text: string) =>
    rewriteTokens(text, (id, name) => (id === userId ? `@${DELETED_USER_NAME}` : `[@${name}](/personnes/${id})`));
  const ideaIds = [...new Set(places.filter((p) => p.commentId === null).map((p) => p.ideaId))];
  const commentIds = [...new Set(places.flatMap((p) => (p.commentId ? [p.commentId] : [])))];
  for (const idea of await tx.idea.findMany({ where: { id: { in: ideaIds } }, select: { id: true, body: true } })) {
    const body = scrub(idea.body);
    if (body !== idea.body)
      await tx.idea.update({ where: { id: idea.id }, data: { body, summary: summarize(body) }, select: { id: true } });
  }
  for (const comment of await tx.comment.findMany({
    where: { id: { in: commentIds } },
    select: { id: true, body: true },
  })) {
    const body = scrub(comment.body);
    if (body !== comment.body)
      await tx.comment.update({ where: { id: comment.id }, data: { body }, select: { id: true } });
  }
}
