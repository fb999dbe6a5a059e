// The managers' indicators (docs/decisions/0025-indicators-and-exports.md), pure: what the filters are,
// how the figures computed in SQL (indicators.server.ts) are shaped for the page and the charts. The UI
// imports this file too.
import type { IdeaStage, Role } from "~/generated/prisma/enums.ts";
import { STAFF_ROLES } from "~/auth/policy.ts";
import { isValidDay } from "./pilot.ts";
import { STAGES } from "./pipeline.ts";

/** The main line of the pipeline, in order: the funnel's steps. */
export const FUNNEL_STAGES = [
  "PROPOSED",
  "UNDER_REVIEW",
  "SELECTED",
  "PILOT",
  "PRODUCTION",
] as const satisfies readonly IdeaStage[];

export const AUDIENCES = ["public", "staff", "suppliers"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Who a participant counts as: the public, agency staff, or a supplier (by account role). */
export function audienceOf(role: Role): Audience {
  if (role === "SUPPLIER") return "suppliers";
  return STAFF_ROLES.includes(role) ? "staff" : "public";
}

export type IndicatorFilters = {
  /** A space's slug. */
  space: string | null;
  /** A challenge's id. */
  challenge: string | null;
  /** Whole Paris days, both included. */
  from: string | null;
  to: string | null;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9-]{1,80}$/;
const day = (value: string | null) => (value && isValidDay(value) ? value : null);

/** The filters of `/pilotage/indicateurs` and of the exports, from the URL; anything malformed is absent. */
export function parseIndicatorFilters(params: URLSearchParams): IndicatorFilters {
  const space = params.get("espace");
  const challenge = params.get("defi");
  let from = day(params.get("du"));
  let to = day(params.get("au"));
  if (from && to && from > to) [from, to] = [to, from];
  return {
    space: space && SLUG.test(space) ? space : null,
    challenge: challenge && ID.test(challenge) ? challenge : null,
    from,
    to,
  };
}

/** The same filters as a query string (links to the exports keep what the page shows). */
export function filtersQuery(filters: IndicatorFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.space) params.set("espace", filters.space);
  if (filters.challenge) params.set("defi", filters.challenge);
  if (filters.from) params.set("du", filters.from);
  if (filters.to) params.set("au", filters.to);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The CSV exports (`/pilotage/export/<kind>`): ideas, stage history, pilot KPIs. */
export const EXPORT_KINDS = ["idees", "historique", "kpis"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const isExportKind = (value: unknown): value is ExportKind =>
  typeof value === "string" && (EXPORT_KINDS as readonly string[]).includes(value);

// --- shaping ------------------------------------------------------------------------------------------

export type FunnelStep = { stage: IdeaStage; reached: number; current: number; conversion: number | null };

/**
 * Ideas per stage and conversion between consecutive stages of the main line. `reached`: ideas of the
 * cohort that were ever at that stage (every idea starts PROPOSED); `conversion`: reached(this) ÷
 * reached(previous), null for the first step or when nobody reached the previous one.
 */
export function shapeFunnel(
  reached: Partial<Record<IdeaStage, number>>,
  current: Partial<Record<IdeaStage, number>>,
  total: number,
): { steps: FunnelStep[]; current: { stage: IdeaStage; count: number }[] } {
  const counts = FUNNEL_STAGES.map((stage) => (stage === "PROPOSED" ? total : (reached[stage] ?? 0)));
  return {
    steps: FUNNEL_STAGES.map((stage, i) => ({
      stage,
      reached: counts[i]!,
      current: current[stage] ?? 0,
      conversion: i === 0 || counts[i - 1] === 0 ? null : counts[i]! / counts[i - 1]!,
    })),
    current: STAGES.map((stage) => ({ stage, count: current[stage] ?? 0 })),
  };
}

/** Every month from `first` to `last` ("YYYY-MM"), both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  const [ly, lm] = last.split("-").map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) [y, m] = [y + 1, 1];
    if (months.length > 1200) break; // a century: the period is bounded by the data anyway
  }
  return months;
}

/** Rows keyed by month, with the months nobody acted in filled with zeros. */
export function fillMonths<K extends string>(
  rows: readonly ({ month: string } & Record<K, number>)[],
  keys: readonly K[],
): ({ month: string } & Record<K, number>)[] {
  if (rows.length === 0) return [];
  const sorted = [...rows].map((r) => r.month).sort();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsBetween(sorted[0]!, sorted.at(-1)!).map((month) => {
    const row = byMonth.get(month);
    return Object.assign({ month }, Object.fromEntries(keys.map((k) => [k, row?.[k] ?? 0]))) as {
      month: string;
    } & Record<K, number>;
  });
}

export type ParticipationRow = {
  month: string;
  audience: Audience;
  /** Distinct people who did any of the three. */
  participants: number;
  proposers: number;
  supporters: number;
  commenters: number;
};

/** Participation per month, one column per audience and kind (months without activity filled with 0). */
export function shapeParticipation(rows: readonly ParticipationRow[]) {
  const kinds = ["participants", "proposers", "supporters", "commenters"] as const;
  type Counts = Record<(typeof kinds)[number], number>;
  const keys = AUDIENCES.flatMap((a) => kinds.map((k) => `${a}.${k}`));
  const merged = new Map<string, { month: string } & Record<string, number>>();
  for (const r of rows) {
    const row = merged.get(r.month) ?? ({ month: r.month } as { month: string } & Record<string, number>);
    for (const k of kinds) row[`${r.audience}.${k}`] = r[k];
    merged.set(r.month, row);
  }
  return fillMonths([...merged.values()], keys).map((row) => ({
    month: row.month,
    byAudience: Object.fromEntries(
      AUDIENCES.map((a) => [a, Object.fromEntries(kinds.map((k) => [k, row[`${a}.${k}`]!])) as Counts]),
    ) as Record<Audience, Counts>,
  }));
}

/** KPI progress from baseline to target: 0 at the baseline, 1 on target; null until measured. */
export function kpiProgress(kpi: { baseline: string; target: string; actual: string | null }): number | null {
  if (kpi.actual === null) return null;
  const [b, t, a] = [Number(kpi.baseline), Number(kpi.target), Number(kpi.actual)];
  if (t === b) return a === t ? 1 : null;
  return (a - b) / (t - b);
}

/** Seconds as whole days with one decimal, for tables ("12.5"). */
export const secondsToDays = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 8640) / 10);
