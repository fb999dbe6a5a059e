// The agencies' reference list and roll-out progress (docs/decisions/0028-response-time-commitments.md,
// part 4). Pure: reading the admins' CSV file (csv-parse, RFC 4180, ";" or ","), row by row, with each
// row's problems; the import itself (one transaction, upsert by code) is in agency.server.ts.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { MessageKey } from "~/lib/i18n.ts";

export type AgencyRow = { code: string; name: string; region: string };
export type RowProblem = { line: number; field: "file" | "code" | "name" | "region"; key: MessageKey; value?: string };

export const MAX_AGENCY_ROWS = 5000;
const CODE = /^[A-Za-z0-9_-]{1,20}$/;
const HEADERS: Record<string, keyof AgencyRow> = {
  code: "code",
  nom: "name",
  name: "name",
  region: "region",
  région: "region",
};

const clean = (value: unknown) => (typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "");

/**
 * The rows of the file, or every problem found (each with its line in the file, the header being line 1):
 * a missing column, an empty or malformed field, a code given twice. Codes are compared in upper case.
 */
export function parseAgencyCsv(text: string): { rows: AgencyRow[]; problems: RowProblem[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      delimiter: [";", ","],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, field: "file", key: "agencies.csvMalformed" }] };
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((h) => HEADERS[clean(h).toLowerCase()]);
  const missing = (["code", "name", "region"] as const).filter((c) => !columns.includes(c));
  if (missing.length) return { rows: [], problems: [{ line: 1, field: "file", key: "agencies.csvHeader" }] };
  if (body.length === 0) return { rows: [], problems: [{ line: 1, field: "file", key: "agencies.csvEmpty" }] };
  if (body.length > MAX_AGENCY_ROWS)
    return { rows: [], problems: [{ line: 1, field: "file", key: "agencies.csvTooLong" }] };
  const rows: AgencyRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  body.forEach((record, index) => {
    const line = index + 2;
    const row: AgencyRow = { code: "", name: "", region: "" };
    columns.forEach((column, i) => {
      if (column) row[column] = clean(record[i]);
    });
    row.code = row.code.toUpperCase();
    if (!CODE.test(row.code)) problems.push({ line, field: "code", key: "agencies.codeInvalid", value: row.code });
    else if (seen.has(row.code)) problems.push({ line, field: "code", key: "agencies.codeTwice", value: row.code });
    if (!row.name || row.name.length > 120) problems.push({ line, field: "name", key: "agencies.nameInvalid" });
    if (!row.region || row.region.length > 80) problems.push({ line, field: "region", key: "agencies.regionInvalid" });
    seen.add(row.code);
    rows.push(row);
  });
  return problems.length ? { rows: [], problems } : { rows, problems };
}

/** "120 of 900 agencies": the confirmed adoptions of the reference list; null when there is no list yet. */
export type RolloutProgress = { adopted: number; total: number; regions: number } | null;

/** The idea page's two roll-out forms: "my agency uses this", and a manager's confirmation. */
export const DeclareAdoptionSchema = z.object({});
export const ConfirmAdoptionSchema = z.object({ agencyCode: z.string().trim().toUpperCase().regex(CODE) });
