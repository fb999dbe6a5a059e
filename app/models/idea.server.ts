import { canEditIdea, canProposeIdea, canViewSpace, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { forbidden, notFound } from "~/lib/http.server.ts";
import { newId } from "~/lib/id.ts";
import { renderMarkdown, markdownExcerpt } from "~/lib/markdown.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { exactCounts } from "./counters.server.ts";
import { PAGE_SIZE, type IdeaInput, type IdeaSort } from "./idea.ts";
import type { SpaceSummary } from "./space.server.ts";

export const SUMMARY_LENGTH = 220;
export const summarize = (body: string) => markdownExcerpt(body, SUMMARY_LENGTH);

export type IdeaListItem = {
  id: string;
  title: string;
  excerpt: string;
  tags: string[];
  stage: IdeaStage;
  createdAt: string;
  author: { displayName: string };
  supports: number;
  comments: number;
  supportedByViewer: boolean;
};

export type IdeaPage = { items: IdeaListItem[]; nextCursor: string | null };

// Keyset cursors: opaque to the client, validated on the way in.
type Cursor = { c: string; i: string; s?: number };
function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}
function decodeCursor(raw: string | null): Cursor | null {
  if (!raw || raw.length > 200) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof value.c !== "string" || typeof value.i !== "string" || Number.isNaN(Date.parse(value.c))) return null;
    if (value.s !== undefined && !Number.isInteger(value.s)) return null;
    return value as Cursor;
  } catch {
    return null;
  }
}

export async function listIdeas(options: {
  viewer: Viewer;
  space: SpaceSummary;
  sort: IdeaSort;
  cursor: string | null;
}): Promise<IdeaPage> {
  const { viewer, space, sort } = options;
  if (!canViewSpace(viewer, space)) notFound();
  const cursor = decodeCursor(options.cursor);
  const after = cursor
    ? sort === "top" && cursor.s !== undefined
      ? {
          OR: [
            { supportCount: { lt: cursor.s } },
            { supportCount: cursor.s, createdAt: { lt: new Date(cursor.c) } },
            { supportCount: cursor.s, createdAt: new Date(cursor.c), id: { lt: cursor.i } },
          ],
        }
      : {
          OR: [{ createdAt: { lt: new Date(cursor.c) } }, { createdAt: new Date(cursor.c), id: { lt: cursor.i } }],
        }
    : {};
  const rows = await prisma.idea.findMany({
    where: { spaceId: space.id, ...after },
    orderBy:
      sort === "top"
        ? [{ supportCount: "desc" }, { createdAt: "desc" }, { id: "desc" }]
        : [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      title: true,
      summary: true,
      tags: true,
      stage: true,
      createdAt: true,
      supportCount: true,
      author: { select: { displayName: true } },
    },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const ids = page.map((r) => r.id);
  const [counts, supported] = await Promise.all([exactCounts(ids), supportedBy(viewer, ids)]);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      excerpt: r.summary,
      tags: r.tags,
      stage: r.stage,
      createdAt: r.createdAt.toISOString(),
      author: r.author,
      supports: counts.get(r.id)?.supports ?? 0,
      comments: counts.get(r.id)?.comments ?? 0,
      supportedByViewer: supported.has(r.id),
    })),
    nextCursor:
      rows.length > PAGE_SIZE && last
        ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id, ...(sort === "top" ? { s: last.supportCount } : {}) })
        : null,
  };
}

async function supportedBy(viewer: Viewer, ideaIds: string[]): Promise<Set<string>> {
  if (!viewer || ideaIds.length === 0) return new Set();
  const votes = await prisma.vote.findMany({
    where: { userId: viewer.id, ideaId: { in: ideaIds } },
    select: { ideaId: true },
  });
  return new Set(votes.map((v) => v.ideaId));
}

const ideaRefSelect = {
  id: true,
  authorId: true,
  stage: true,
  space: { select: { id: true, audience: true, slug: true } },
} as const;

/** The idea's access facts, or 404 when it does not exist or the viewer may not see it. */
export async function requireVisibleIdea(viewer: Viewer, ideaId: string) {
  const idea = ideaId.length <= 64 ? await prisma.idea.findUnique({ where: { id: ideaId }, select: ideaRefSelect }) : null;
  if (!idea || !canViewSpace(viewer, idea.space)) notFound();
  return idea;
}

export async function getIdeaPage(viewer: Viewer, ideaId: string) {
  await requireVisibleIdea(viewer, ideaId);
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
      author: { select: { displayName: true } },
      space: { select: { id: true, slug: true, audience: true, nameFr: true, nameEn: true } },
    },
  });
  const [counts, supported] = await Promise.all([exactCounts([idea.id]), supportedBy(viewer, [idea.id])]);
  const { body, ...rest } = idea;
  return {
    ...rest,
    bodyHtml: renderMarkdown(body),
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
    supports: counts.get(idea.id)?.supports ?? 0,
    comments: counts.get(idea.id)?.comments ?? 0,
    supportedByViewer: supported.has(idea.id),
    canEdit: canEditIdea(viewer, idea),
  };
}

export async function createIdea(options: { user: SessionUser; space: SpaceSummary; input: IdeaInput }) {
  const { user, space, input } = options;
  if (!canProposeIdea(user, space)) notFound();
  return prisma.idea.create({
    data: {
      id: newId(),
      spaceId: space.id,
      authorId: user.id,
      title: input.title,
      body: input.body,
      summary: summarize(input.body),
      tags: input.tags,
    },
    select: { id: true },
  });
}

export async function getIdeaForEdit(viewer: Viewer, ideaId: string) {
  const ref = await requireVisibleIdea(viewer, ideaId);
  if (!canEditIdea(viewer, ref)) forbidden();
  return prisma.idea.findUniqueOrThrow({
    where: { id: ideaId },
    select: { id: true, title: true, body: true, tags: true, space: { select: { slug: true, nameFr: true, nameEn: true } } },
  });
}

export async function updateIdea(options: { user: SessionUser; ideaId: string; input: IdeaInput }) {
  const { user, ideaId, input } = options;
  const ref = await requireVisibleIdea(user, ideaId);
  if (!canEditIdea(user, ref)) forbidden();
  // The where clause repeats the rule, so a stage change between the check and the write wins.
  const { count } = await prisma.idea.updateMany({
    where: { id: ideaId, authorId: user.id, stage: "PROPOSED" },
    data: { title: input.title, body: input.body, summary: summarize(input.body), tags: input.tags },
  });
  if (count === 0) forbidden();
}
