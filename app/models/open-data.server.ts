// Open-data exports of the public space (docs/decisions/0026-read-api.md): its ideas with their stage,
// dates, counts, tags, challenge and production record, as CSV (RFC 4180 through app/lib/csv.ts, so
// formula-injection safe) and JSON, under the Etalab Licence Ouverte 2.0. What goes in is what an
// anonymous visitor may see — visibleSpaceFilter(null) and THE listed-ideas rule (never hidden or
// merged ideas) — and no personal data (no author). The files are generated at most hourly and stored
// with their generation time; regenerateOpenData() is a plain function a periodic job may call, and a
// download older than an hour regenerates lazily.
import { listedIdeaWhere, visibleSpaceFilter } from "~/auth/policy.ts";
import { csvRows } from "~/lib/csv.ts";
import { prisma } from "~/lib/db.server.ts";
import { exactCounts } from "./counters.server.ts";
import { toDay } from "./pilot.ts";

export const OPEN_DATA_FORMATS = ["csv", "json"] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];
export const OPEN_DATA_MAX_AGE_MS = 3_600_000;
export const OPEN_DATA_LICENCE = {
  name: "Licence Ouverte 2.0 (Etalab)",
  url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;

const BATCH = 2_000;
const COLUMNS = [
  "id",
  "title",
  "space",
  "stage",
  "created_at",
  "stage_changed_at",
  "supports",
  "comments",
  "tags",
  "challenge_id",
  "challenge_title",
  "released_on",
  "production_agencies",
  "production_link",
] as const;

type OpenIdea = {
  id: string;
  title: string;
  space: string;
  stage: string;
  createdAt: string;
  stageChangedAt: string;
  supports: number;
  comments: number;
  tags: string[];
  challenge: { id: string; title: string } | null;
  production: { releasedOn: string; agencies: string[]; link: string | null } | null;
};

/** Every idea an anonymous visitor may see listed, oldest first, read in batches. */
async function openIdeas(): Promise<OpenIdea[]> {
  const ideas: OpenIdea[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await prisma.idea.findMany({
      where: { ...listedIdeaWhere, space: visibleSpaceFilter(null), ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true,
        title: true,
        stage: true,
        createdAt: true,
        stageChangedAt: true,
        tags: true,
        space: { select: { slug: true } },
        challenge: { select: { id: true, title: true } },
        rollout: { select: { releasedOn: true, agencies: true, link: true } },
      },
    });
    const counts = await exactCounts(rows.map((r) => r.id));
    for (const r of rows)
      ideas.push({
        id: r.id,
        title: r.title,
        space: r.space.slug,
        stage: r.stage,
        createdAt: r.createdAt.toISOString(),
        stageChangedAt: r.stageChangedAt.toISOString(),
        supports: counts.get(r.id)?.supports ?? 0,
        comments: counts.get(r.id)?.comments ?? 0,
        tags: r.tags,
        challenge: r.challenge,
        production: r.rollout && { ...r.rollout, releasedOn: toDay(r.rollout.releasedOn)! },
      });
    if (rows.length < BATCH) return ideas;
    after = rows.at(-1)!.id;
  }
}

function asCsv(ideas: OpenIdea[]): string {
  return csvRows(
    [
      COLUMNS,
      ...ideas.map((i) => [
        i.id,
        i.title,
        i.space,
        i.stage,
        i.createdAt,
        i.stageChangedAt,
        i.supports,
        i.comments,
        i.tags.join("|"),
        i.challenge?.id,
        i.challenge?.title,
        i.production?.releasedOn,
        i.production?.agencies.join("|"),
        i.production?.link,
      ]),
    ],
    ",",
  );
}

/** Generates both files now and stores them with their generation time. */
export async function regenerateOpenData(now = new Date()): Promise<Date> {
  const ideas = await openIdeas();
  const json = JSON.stringify({ licence: OPEN_DATA_LICENCE, generatedAt: now.toISOString(), ideas });
  const bodies: Record<OpenDataFormat, string> = { csv: asCsv(ideas), json };
  await prisma.$transaction(
    OPEN_DATA_FORMATS.map((format) =>
      prisma.openDataFile.upsert({
        where: { format },
        create: { format, body: bodies[format], generatedAt: now },
        update: { body: bodies[format], generatedAt: now },
        select: { format: true },
      }),
    ),
  );
  return now;
}

/** When the files were last generated (null: never). */
export async function openDataGeneratedAt(): Promise<Date | null> {
  const row = await prisma.openDataFile.findFirst({ orderBy: { generatedAt: "asc" }, select: { generatedAt: true } });
  return row?.generatedAt ?? null;
}

/** A file, regenerated first when it is missing or older than an hour. */
export async function getOpenDataFile(
  format: OpenDataFormat,
  now = new Date(),
): Promise<{ body: string; generatedAt: Date }> {
  const stored = await prisma.openDataFile.findUnique({ where: { format }, select: { body: true, generatedAt: true } });
  if (stored && now.getTime() - stored.generatedAt.getTime() < OPEN_DATA_MAX_AGE_MS) return stored;
  await regenerateOpenData(now);
  return prisma.openDataFile.findUniqueOrThrow({ where: { format }, select: { body: true, generatedAt: true } });
}
