// CSV exports of what managers look at (docs/decisions/0025-indicators-and-exports.md): ideas, stage
// history, pilot KPIs. Same scope as the indicators page (resolveIndicatorScope: visible spaces, listed
// ideas only, the page's filters), recorded in the audit journal, and streamed: each pull of the stream
// reads the next keyset batch, so memory holds one batch whatever the size of the export.
import type { Viewer } from "~/auth/policy.ts";
import { csvDecimal, csvRows, CSV_BOM, type CsvCell, type CsvSeparator } from "~/lib/csv.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import type { MessageKey, Translate } from "~/lib/i18n.ts";
import { recordAudit } from "./audit.server.ts";
import type { ExportKind, IndicatorFilters } from "./indicators.ts";
import { periodSql, scopeSql, withScopeParams } from "./indicator-sql.server.ts";
import { pilotPeriodSql, resolveIndicatorScope } from "./indicators.server.ts";

export const EXPORT_BATCH_SIZE = 500;

type Row = Record<string, string | number | null>;
type ExportDefinition = {
  columns: MessageKey[];
  /** $6 = the last key of the previous batch ('' before the first), $7 = the batch size. */
  sql: string;
  key: string;
  cells: (row: Row, separator: CsvSeparator, t: Translate) => CsvCell[];
};

const paris = (column: string) => `to_char(${column} at time zone $5::text, 'YYYY-MM-DD HH24:MI')`;
const days = (seconds: string) => `round((${seconds}) / 86400, 1)::text`;
type Value = string | number | null | undefined;
const stage = (t: Translate, value: Value) => (value == null ? null : t(`stage.${value}` as MessageKey));
const decimal = (value: Value, separator: CsvSeparator) => csvDecimal(value == null ? null : String(value), separator);

const DEFINITIONS: Record<ExportKind, ExportDefinition> = {
  idees: {
    columns: [
      "export.col.id",
      "export.col.title",
      "export.col.space",
      "export.col.challenge",
      "export.col.stage",
      "export.col.proposedAt",
      "export.col.stageSince",
      "export.col.daysInStage",
      "export.col.supports",
      "export.col.comments",
      "export.col.tags",
      "export.col.evaluations",
      "export.col.impact",
      "export.col.feasibility",
      "export.col.cost",
      "export.col.alignment",
      "export.col.pilotDecision",
    ],
    key: "id",
    sql: `select i.id, i.title, s.slug as space, c.title as challenge, i.stage::text as stage,
                 ${paris("i.created_at")} as proposed_at, ${paris("i.stage_changed_at")} as stage_since,
                 ${days("extract(epoch from now() - i.stage_changed_at)")} as days_in_stage,
                 ec.supports, ec.comments, array_to_string(i.tags, ', ') as tags, ev.n as evaluations,
                 ev.impact, ev.feasibility, ev.cost, ev.alignment, p.decision::text as decision
            from ideas i join spaces s on s.id = i.space_id
            left join challenges c on c.id = i.challenge_id
            left join pilots p on p.idea_id = i.id
            cross join lateral idees_exact_counts(i.id) ec
            cross join lateral (select count(*)::int as n, round(avg(e.impact), 2)::text as impact,
                                       round(avg(e.feasibility), 2)::text as feasibility,
                                       round(avg(e.cost), 2)::text as cost, round(avg(e.alignment), 2)::text as alignment
                                  from evaluations e where e.idea_id = i.id) ev
           where ${scopeSql()} and ${periodSql("i.created_at")} and i.id > $6
           order by i.id limit $7`,
    cells: (r, sep, t) => [
      r.id,
      r.title,
      r.space,
      r.challenge,
      stage(t, r.stage),
      r.proposed_at,
      r.stage_since,
      decimal(r.days_in_stage, sep),
      r.supports,
      r.comments,
      r.tags,
      r.evaluations,
      decimal(r.impact, sep),
      decimal(r.feasibility, sep),
      decimal(r.cost, sep),
      decimal(r.alignment, sep),
      r.decision === null ? null : t(`export.decision.${r.decision}` as MessageKey),
    ],
  },
  historique: {
    columns: [
      "export.col.moveId",
      "export.col.id",
      "export.col.title",
      "export.col.from",
      "export.col.to",
      "export.col.movedAt",
      "export.col.daysInPrevious",
      "export.col.note",
    ],
    key: "move_id",
    // Keyset on the move's sequence id (its key travels as text of fixed width, '' before the first batch):
    // compared as a number, so each batch walks the primary key from there instead of sorting every move.
    sql: `select lpad(t.id::text, 20, '0') as move_id, t.id::text as id_text, i.id as idea_id, i.title,
                 t.from_stage::text as from_stage, t.to_stage::text as to_stage, ${paris("t.created_at")} as moved_at,
                 ${days(`extract(epoch from t.created_at - coalesce((select max(prev.created_at) from stage_transitions prev
                          where prev.idea_id = t.idea_id and prev.id < t.id), i.created_at))`)} as days_before,
                 t.note
            from stage_transitions t join ideas i on i.id = t.idea_id
           where ${scopeSql()} and ${periodSql("t.created_at")} and t.id > coalesce(nullif($6::text, '')::bigint, 0)
           order by t.id limit $7`,
    cells: (r, sep, t) => [
      r.id_text,
      r.idea_id,
      r.title,
      stage(t, r.from_stage),
      stage(t, r.to_stage),
      r.moved_at,
      decimal(r.days_before, sep),
      r.note,
    ],
  },
  kpis: {
    columns: [
      "export.col.id",
      "export.col.title",
      "export.col.stage",
      "export.col.pilotDecision",
      "export.col.kpi",
      "export.col.unit",
      "export.col.baseline",
      "export.col.target",
      "export.col.actual",
      "export.col.measuredOn",
      "export.col.progress",
    ],
    key: "idea_id",
    // A batch is a set of pilots with all their KPIs (a few each); a pilot without KPI is one row.
    sql: `with ps as (select p.id, p.idea_id, p.decision, i.title, i.stage
                        from pilots p join ideas i on i.id = p.idea_id
                       where ${scopeSql()} and ${pilotPeriodSql()} and p.idea_id > $6
                       order by p.idea_id limit $7)
          select ps.idea_id, ps.title, ps.stage::text as stage, ps.decision::text as decision, k.name, k.unit,
                 trim_scale(k.baseline)::text as baseline, trim_scale(k.target)::text as target,
                 trim_scale(k.actual)::text as actual, to_char(k.measured_on, 'YYYY-MM-DD') as measured_on,
                 case when k.actual is not null and k.target <> k.baseline
                      then round((k.actual - k.baseline) / (k.target - k.baseline) * 100, 1)::text end as progress
            from ps left join pilot_kpis k on k.pilot_id = ps.id
           order by ps.idea_id, k.position`,
    cells: (r, sep, t) => [
      r.idea_id,
      r.title,
      stage(t, r.stage),
      r.decision === null ? null : t(`export.decision.${r.decision}` as MessageKey),
      r.name,
      r.unit,
      decimal(r.baseline, sep),
      decimal(r.target, sep),
      decimal(r.actual, sep),
      r.measured_on,
      decimal(r.progress, sep),
    ],
  },
};

/**
 * Checks the viewer and filters (403 for anyone but managers and admins), records the export in the
 * audit journal, and returns the CSV as a stream read batch by batch.
 */
export async function startIndicatorExport(options: {
  viewer: Viewer;
  kind: ExportKind;
  filters: IndicatorFilters;
  separator: CsvSeparator;
  t: Translate;
}): Promise<ReadableStream<Uint8Array>> {
  const { viewer, kind, separator, t } = options;
  const scope = await resolveIndicatorScope(viewer, options.filters);
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actorId: viewer!.id,
      action: "indicators.export",
      target: { type: "export", id: kind },
      after: { ...scope.filters, separator },
    }),
  );
  const definition = DEFINITIONS[kind];
  const sql = withScopeParams(definition.sql);
  const encoder = new TextEncoder();
  let after = "";
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRows([definition.columns.map((c) => t(c))], separator)));
        return;
      }
      const { rows } = await pool.query<Row>(sql, [...scope.params, after, EXPORT_BATCH_SIZE]);
      if (rows.length === 0) return controller.close();
      // The kpis batch is a set of pilots: its last row's key is the last pilot's.
      after = String(rows.at(-1)![definition.key]);
      controller.enqueue(
        encoder.encode(
          csvRows(
            rows.map((r) => definition.cells(r, separator, t)),
            separator,
          ),
        ),
      );
      if (kind !== "kpis" && rows.length < EXPORT_BATCH_SIZE) controller.close();
    },
  });
}
