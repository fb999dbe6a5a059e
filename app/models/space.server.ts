import { canViewSpace, visibleSpaceFilter, type Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { notFound } from "~/lib/http.server.ts";

const spaceSelect = {
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

/** The space, or a 404 when it does not exist or the viewer may not see it (never a 403: no leak). */
export async function requireVisibleSpace(viewer: Viewer, slug: string): Promise<SpaceSummary> {
  const space = await prisma.space.findUnique({ where: { slug }, select: spaceSelect });
  if (!space || !canViewSpace(viewer, space)) notFound();
  return space;
}

export async function listAllSpaces(): Promise<SpaceSummary[]> {
  return prisma.space.findMany({ select: spaceSelect, orderBy: { slug: "asc" } });
}
