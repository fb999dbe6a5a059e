// The managers' indicators, computed in SQL (docs/decisions/0025-indicators-and-exports.md). Every
// statement starts from THE listed-ideas rule (listedIdeaSql: never hidden or merged ideas) in the spaces
// the viewer may see (visibleSpaceFilter, through listVisibleSpaces), narrowed by the page's filters.
// Shaping for the page is pure, in indicators.ts.
import { canSeeIndicators, canViewSpace, listedIdeaSql, type Viewer } from "~/auth/policy.ts";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { fromParisLocal, startOfNextParisDay } from "~/lib/time.ts";
import { TIME_ZONE } from "~/lib/time-zone.ts";
import { forbidden, notFound } from "./errors.ts";
import { STAGES } from "./pipeline.ts";
import { periodSql, runIndicatorStatement, scopeSql, type IndicatorScope } from "./indicator-sql.server.ts";
import { kpiProgress, type IndicatorFilters } from "./indicators.ts";
import { funnel, throughput, timeInStage } from "./pipeline-indicators.server.ts";
import { participation, participationByAgency } from "./participation.server.ts";
import { listVisibleSpaces, type SpaceSummary } from "./space.server.ts";

/** Who may look, and at what: the viewer's visible spaces, narrowed by the filters. 403 for anyone else. */
export async function resolveIndicatorScope(viewer: Viewer, filters: IndicatorFilters): Promise<IndicatorScope> {
  if (!canSeeIndicators(viewer)) forbidden();
  const spaces = await listVisibleSpaces(viewer);
  const space = filters.space ? (spaces.find((s) => s.slug === filters.space) ?? null) : null;
  const spaceIds = space ? [space.id] : spaces.map((s) => s.id);
  const challenges = await prisma.challenge.findMany({
    where: { spaceId: { in: spaceIds } },
    orderBy: [{ opensAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, language: true },
  });
  const challenge = filters.challenge ? (challenges.find((c) => c.id === filters.challenge) ?? null) : null;
  const from = filters.from ? fromParisLocal(filters.from) : null;
  const to = filters.to ? startOfNextParisDay(filters.to) : null;
  return {
    spaces: spaces.map(({ id, slug, nameFr, nameEn }) => ({ id, slug, nameFr, nameEn })),
    challenges,
    filters: { space: space?.slug ?? null, challenge: challenge?.id ?? null, from: filters.from, to: filters.to },
    params: [spaceIds, challenge?.id ?? null, from, to, TIME_ZONE],
  };
}

const run = runIndicatorStatement;

/** Per challenge: ideas proposed (in the period), their supports, and how many were retained (SELECTED or later). */
async function challengeResults(scope: IndicatorScope) {
  return run<{ id: string; title: string; language: string; ideas: number; supports: number; retained: number }>(
    scope,
    `select c.id, c.title, c.language, count(*)::int as ideas, coalesce(sum(ec.supports), 0)::int as supports,
            count(*) filter (where i.stage in ('SELECTED', 'PILOT', 'PRODUCTION'))::int as retained
       from ideas i join challenges c on c.id = i.challenge_id
       cross join lateral idees_exact_counts(i.id) ec
      where ${scopeSql()} and ${periodSql("i.created_at")}
      group by c.id, c.title, c.language order by ideas desc, c.title limit 50`,
  );
}

/** Pilots that ran during the period: opened before its end, not decided before its start. */
export const pilotPeriodSql = (opened = "p.created_at", decided = "p.decided_at") =>
  `($4::timestamptz is null or ${opened} < $4) and ($3::timestamptz is null or ${decided} is null or ${decided} >= $3)`;

export const PILOT_LIST_SIZE = 50;

/**
 * Running, go and no-go over the pilots of the period, from pilot_facts: one narrow row per pilot of a
 * listed idea, kept by database triggers (docs/decisions/0050, "the pilots' summary"), instead of a join
 * to every idea. tests/pilot-facts.test.ts compares it with that join. Running: the idea at PILOT, no decision.
 */
export async function pilotSummary(scope: IndicatorScope) {
  const [row] = await run<{ running: number; go: number; no_go: number }>(
    scope,
    `select count(*) filter (where f.running)::int as running,
            count(*) filter (where f.decision = 'GO')::int as go,
            count(*) filter (where f.decision = 'NO_GO')::int as no_go
       from pilot_facts f
      where f.space_id = any($1::text[]) and ($2::text is null or f.challenge_id = $2)
        and ${pilotPeriodSql("f.opened_at", "f.decided_at")}`,
  );
  return row!;
}

async function pilots(scope: IndicatorScope) {
  const [summary, kpis] = await Promise.all([
    pilotSummary(scope),
    run<{
      idea_id: string;
      title: string;
      language: string;
      stage: IdeaStage;
      decision: string | null;
      kpi_id: string | null;
      name: string | null;
      unit: string | null;
      baseline: string | null;
      target: string | null;
      actual: string | null;
      kpi_language: string | null;
    }>(
      scope,
      `with ps as (select p.id, p.idea_id, p.decision, p.created_at, i.title, i.language, i.stage
                     from pilots p join ideas i on i.id = p.idea_id
                    where ${scopeSql()} and ${pilotPeriodSql()}
                    order by p.created_at desc, p.id limit ${PILOT_LIST_SIZE})
       select ps.idea_id, ps.title, ps.language, ps.stage::text as stage, ps.decision::text as decision, k.id as kpi_id,
              k.name, k.unit, trim_scale(k.baseline)::text as baseline, trim_scale(k.target)::text as target,
              trim_scale(k.actual)::text as actual,
              k.language as kpi_language
         from ps left join pilot_kpis k on k.pilot_id = ps.id
        order by ps.created_at desc, ps.id, k.position`,
    ),
  ]);
  const decided = summary.go + summary.no_go;
  const list = new Map<
    string,
    { ideaId: string; title: string; language: string; stage: IdeaStage; decision: string | null; kpis: Kpi[] }
  >();
  type Kpi = {
    name: string;
    unit: string;
    /** The language its name and unit are written in (docs/decisions/0037). */
    language: string;
    baseline: string;
    target: string;
    actual: string | null;
    progress: number | null;
  };
  for (const r of kpis) {
    const pilot = list.get(r.idea_id) ?? {
      ideaId: r.idea_id,
      title: r.title,
      language: r.language,
      stage: r.stage,
      decision: r.decision,
      kpis: [],
    };
    if (r.kpi_id) {
      const kpi = { name: r.name!, unit: r.unit!, baseline: r.baseline!, target: r.target!, actual: r.actual };
      pilot.kpis.push({ ...kpi, language: r.kpi_language!, progress: kpiProgress(kpi) });
    }
    list.set(r.idea_id, pilot);
  }
  return {
    running: summary.running,
    go: summary.go,
    noGo: summary.no_go,
    goRate: decided === 0 ? null : summary.go / decided,
    list: [...list.values()],
  };
}

/** Every figure of the indicators page, for the viewer and filters. */
export async function getIndicators(options: { viewer: Viewer; filters: IndicatorFilters }) {
  const scope = await resolveIndicatorScope(options.viewer, options.filters);
  const [funnelFigures, stageTimes, months, people, agencies, challenges, pilotFigures] = await Promise.all([
    funnel(scope),
    timeInStage(scope),
    throughput(scope),
    participation(scope),
    participationByAgency(scope),
    challengeResults(scope),
    pilots(scope),
  ]);
  return {
    spaces: scope.spaces,
    challenges: scope.challenges,
    filters: scope.filters,
    funnel: funnelFigures,
    timeInStage: stageTimes,
    throughput: months,
    participation: people,
    participationByAgency: agencies,
    challengeResults: challenges,
    pilots: pilotFigures,
  };
}

export type Indicators = Awaited<ReturnType<typeof getIndicators>>;

/**
 * A space's aggregate figures for anyone who may see the space (the read API): its listed ideas per
 * stage, their maintained support and comment counts, and its challenges.
 */
export async function getSpaceFigures(options: { viewer: Viewer; space: SpaceSummary }) {
  const { viewer, space } = options;
  if (!canViewSpace(viewer, space)) notFound();
  const [{ rows }, challenges] = await Promise.all([
    pool.query<{ stage: IdeaStage; n: number; supports: number; comments: number }>(
      `select i.stage::text as stage, count(*)::int as n,
              coalesce(sum(i.support_count), 0)::int as supports, coalesce(sum(i.comment_count), 0)::int as comments
         from ideas i where i.space_id = $1 and ${listedIdeaSql("i")} group by 1`,
      [space.id],
    ),
    prisma.challenge.count({ where: { spaceId: space.id } }),
  ]);
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<IdeaStage, number>;
  for (const r of rows) byStage[r.stage] = r.n;
  const sum = (key: "n" | "supports" | "comments") => rows.reduce((total, r) => total + r[key], 0);
  return {
    space: space.slug,
    ideas: sum("n"),
    byStage,
    supports: sum("supports"),
    comments: sum("comments"),
    challenges,
  };
}
