import { canViewSpace, visibleSpaceFilter, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { notFound } from "./errors.ts";

/** The columns of a SpaceSummary: every model that reads a space for the policy selects these. */
export const spaceSelect = {
  id: true,
  slug: true,
  audience: true,
  nameFr: true,
  nameEn: true,
  descriptionFr: true,
  descriptionEn: true,
} as const;

export type SpaceSummary = {
  id: string;
  slug: string;
  audience: "PUBLIC" | "INTERNAL";
  nameFr: string;
  nameEn: string;
  descriptionFr: string;
  descriptionEn: string;
};

export async function listVisibleSpaces(viewer: Viewer): Promise<SpaceSummary[]> {
  return prisma.space.findMany({
    where: visibleSpaceFilter(viewer),
    select: spaceSelect,
    orderBy: [{ audience: "asc" }, { slug: "asc" }],
  });
}

// Spaces change only through migrations and admin work, and every page needs one: keep them for a
// few seconds instead of asking the database on each request. Visibility is still decided per viewer.
const CACHE_MS = 5_000;
let cache: { at: number; bySlug: Map<string, SpaceSummary> } | null = null;

async function spacesBySlug(): Promise<Map<string, SpaceSummary>> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.bySlug;
  const spaces = await prisma.space.findMany({ select: spaceSelect });
  cache = { at: Date.now(), bySlug: new Map(spaces.map((s) => [s.slug, s])) };
  return cache.bySlug;
}

/** The space, or a 404 when it does not exist or the viewer may not see it (never a 403: no leak). */
export async function requireVisibleSpace(viewer: Viewer, slug: string): Promise<SpaceSummary> {
  const space = (await spacesBySlug()).get(slug);
  if (!space || !canViewSpace(viewer, space)) notFound();
  return space;
}

export async function listAllSpaces(): Promise<SpaceSummary[]> {
  return prisma.space.findMany({ select: spaceSelect, orderBy: { slug: "asc" } });
}

/** Every space the viewer may see (canViewSpace over the cached list): raw SQL filters on their ids. */
export async function visibleSpaces(viewer: Viewer): Promise<SpaceSummary[]> {
  return [...(await spacesBySlug()).values()].filter((space) => canViewSpace(viewer, space));
}
