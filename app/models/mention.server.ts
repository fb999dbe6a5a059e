// Mentions (docs/decisions/0031-mentions-following-profiles.md): who may be suggested, how a text's
// `@Name` and tokens are resolved when it is saved, and who is told. Every person suggested, linked or
// notified may see the idea (app/auth/policy.ts canBeMentioned), asked again when the notification is
// written (notifyUser) and when it is read (app/models/notification.server.ts).
import type { SpaceRef, Viewer } from "~/auth/policy.ts";
import { canBeMentioned, peopleWhoMayViewSpace, type PersonRef } from "~/auth/policy-people.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { pool, prepared, prisma, type Tx } from "~/lib/db.server.ts";
import {
  MAX_MENTIONS_PER_TEXT,
  mentionedIds,
  mentionToken,
  nameAt,
  plainMentionStarts,
  rewriteTokens,
} from "~/lib/mentions.ts";
import { Limited, RuleBroken } from "./errors.ts";

import { notifyUser } from "./notification.server.ts";
import { hitRateLimit, mentionRateLimitKey, rateLimitRules } from "./rate-limit.server.ts";
import { DELETED_USER_ID } from "./user.ts";

/** Where a text is written: the idea's space, and the idea (absent while it is being proposed). */
export type MentionPlace = { space: SpaceRef; idea?: { authorId: string; hiddenAt?: Date | string | null } };

type Person = PersonRef & { displayName: string };

/** People who may be mentioned at all: active accounts (not suspended, access not ended, not the placeholder). */
const activePeople = (): Prisma.UserWhereInput => ({
  id: { not: DELETED_USER_ID },
  suspendedAt: null,
  OR: [{ accessEndsAt: null }, { accessEndsAt: { gt: new Date() } }],
});

const personSelect = {
  id: true,
  displayName: true,
  role: true,
  spaceAccesses: { select: { spaceId: true } },
} as const satisfies Prisma.UserSelect;

const toPerson = (u: {
  id: string;
  displayName: string;
  role: Person["role"];
  spaceAccesses: { spaceId: string }[];
}) => ({
  id: u.id,
  displayName: u.displayName,
  role: u.role,
  grantedSpaceIds: u.spaceAccesses.map((a) => a.spaceId),
});

/** Whether this person may see what the text is written on (a new idea: its space; its author sees it). */
function mayBeMentioned(person: Person, place: MentionPlace, writer: { id: string }): boolean {
  const idea = place.idea ?? { authorId: writer.id, hiddenAt: null };
  return canBeMentioned(person, { authorId: idea.authorId, hiddenAt: idea.hiddenAt, space: place.space });
}

export const SUGGESTIONS_SHOWN = 8;

/** The autocomplete: people whose name starts (or has a word starting) with `query`, who may see the place. */
export async function suggestMentions(options: { viewer: NonNullable<Viewer>; place: MentionPlace; query: string }) {
  const { viewer, place } = options;
  const query = options.query.trim();
  if (query.length === 0) return [];
  const rows = await prisma.user.findMany({
    where: {
      AND: [
        activePeople(),
        peopleWhoMayViewSpace(place.space),
        {
          OR: [
            { displayName: { startsWith: query, mode: "insensitive" } },
            { displayName: { contains: ` ${query}`, mode: "insensitive" } },
          ],
        },
      ],
    },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: SUGGESTIONS_SHOWN * 3,
    select: personSelect,
  });
  return rows
    .map(toPerson)
    .filter((p) => mayBeMentioned(p, place, viewer))
    .slice(0, SUGGESTIONS_SHOWN)
    .map((p) => ({ id: p.id, displayName: p.displayName }));
}

/**
 * Before a text is saved: tokens naming someone who may not see the place become plain `@Name`; a
 * plain `@Name` that matches exactly one person who may see it (the longest name written wins, a name
 * two people share stays plain text) becomes a token. Too many people → a 400 on `field`. Mentioning
 * is rate-limited per account (one hit per text that mentions someone).
 */
export async function resolveMentions(options: {
  writer: { id: string };
  place: MentionPlace;
  text: string;
  field: string;
}): Promise<{ text: string; mentioned: string[] }> {
  const { writer, field } = options;
  const text = await resolveMentionText(options);
  const mentioned = mentionedIds(text);
  if (mentioned.length > MAX_MENTIONS_PER_TEXT)
    throw new RuleBroken("mention.tooMany", { field, params: { max: MAX_MENTIONS_PER_TEXT } });
  if (mentioned.length > 0) {
    const rule = rateLimitRules().mentionPerAccount;
    const hit = await hitRateLimit(mentionRateLimitKey(writer.id), rule);
    if (!hit.allowed) throw new Limited(hit.retryAfterSeconds, "mentionPerAccount");
  }
  return { text, mentioned };
}

/**
 * The text as it will be stored: tokens of people who may not see the place turned to plain `@Name`,
 * plain `@Name` of exactly one person who may see it turned to a token. No limit is applied and nothing
 * is counted: the editor's preview (app/models/preview.server.ts) shows what saving would make of it.
 */
export async function resolveMentionText(options: {
  writer: { id: string };
  place: MentionPlace;
  text: string;
}): Promise<string> {
  const { writer, place } = options;
  let text = options.text;
  const linked = mentionedIds(text);
  if (linked.length > 0) {
    const people = await prisma.user.findMany({
      where: { AND: [activePeople(), { id: { in: linked.slice(0, MAX_MENTIONS_PER_TEXT * 2) } }] },
      select: personSelect,
    });
    const allowed = new Map(
      people
        .map(toPerson)
        .filter((p) => mayBeMentioned(p, place, writer))
        .map((p) => [p.id, p]),
    );
    text = rewriteTokens(text, (id, name) => {
      const person = allowed.get(id);
      return person ? mentionToken(person) : `@${name}`;
    });
  }
  return linkPlainMentions(text, place, writer);
}

const SNIPPET = 61; // display names are at most 60 characters

async function linkPlainMentions(text: string, place: MentionPlace, writer: { id: string }): Promise<string> {
  const starts = plainMentionStarts(text).slice(0, MAX_MENTIONS_PER_TEXT * 3);
  if (starts.length === 0) return text;
  const snippets = starts.map((s) => text.slice(s, s + SNIPPET).toLowerCase());
  // Names that begin one of the snippets (one statement for the whole text).
  const { rows } = await pool.query<{ id: string }>(
    `select u.id from users u
      where exists (select 1 from unnest($1::text[]) s where starts_with(s, lower(u.display_name)))
      limit 200`,
    [snippets],
  );
  if (rows.length === 0) return text;
  const candidates = (
    await prisma.user.findMany({
      where: { AND: [activePeople(), { id: { in: rows.map((r) => r.id) } }] },
      select: personSelect,
    })
  ).map(toPerson);
  let result = "";
  let copied = 0;
  for (const start of starts) {
    const matching = candidates.filter((p) => nameAt(text, start, p.displayName));
    const longest = Math.max(0, ...matching.map((p) => p.displayName.length));
    const named = matching.filter((p) => p.displayName.length === longest);
    // Two people with the same name (or one of them hidden from the place): nobody is guessed.
    if (named.length !== 1 || !mayBeMentioned(named[0]!, place, writer)) continue;
    result += text.slice(copied, start - 1) + mentionToken(named[0]!);
    copied = start + longest;
  }
  return result + text.slice(copied);
}

/**
 * In the transaction that stores the text: records who it mentions and notifies those not recorded
 * for this text before (an edit that keeps a mention does not notify again) — never the writer.
 * Returns the people notified, for announceNotifications() after commit.
 */
export async function recordMentions(
  tx: Tx,
  options: { ideaId: string; commentId: string | null; mentioned: string[]; writerId: string; skip?: string[] },
): Promise<string[]> {
  const { ideaId, commentId, writerId, skip = [] } = options;
  if (options.mentioned.length === 0) return [];
  const known = await tx.mention.findMany({
    where: { ideaId, commentId, mentionedId: { in: options.mentioned } },
    select: { mentionedId: true },
  });
  const fresh = options.mentioned.filter((id) => !known.some((k) => k.mentionedId === id));
  if (fresh.length === 0) return [];
  await tx.mention.createMany({ data: fresh.map((mentionedId) => ({ mentionedId, ideaId, commentId })) });
  const notified: string[] = [];
  for (const userId of fresh) {
    if (userId === writerId || skip.includes(userId)) continue;
    const data = commentId ? { commentId } : {};
    notified.push(...(await notifyUser(tx, { userId, ideaId, type: "mention", data })));
  }
  return notified;
}

/** For rendering: the current names of the people the texts mention (one query for a whole page). */
export async function mentionNames(texts: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const ids = [...new Set(texts.flatMap(mentionedIds))];
  if (ids.length === 0) return new Map();
  // On the pool, not through Prisma: asked by every page of a thread that mentions someone, where
  // Prisma's request machinery cost more than this indexed read (docs/decisions/0045, 0049).
  const { rows } = await pool.query<{ id: string; display_name: string }>(
    prepared("select id, display_name from users where id = any($1::text[])", [ids.slice(0, 500)]),
  );
  return new Map(rows.map((p) => [p.id, p.display_name]));
}
