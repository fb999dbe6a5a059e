// CSV exports of the pipeline (docs/decisions/0025-indicators-and-exports.md): `/pilotage/export/idees`,
// `…/historique`, `…/kpis`, with the indicators page's filters and `?sep=comma` for the `,` variant.
// A GET like any download link; it is audited, so it answers no-store and is never prefetched (plain
// links with reloadDocument). The body is a stream: rows leave as they are read, batch by batch.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { csvSeparatorOf } from "~/lib/csv.ts";
import { notFound } from "~/lib/http.server.ts";
import { getTranslator } from "~/lib/locale.server.ts";
import { parisDay } from "~/lib/time.ts";
import { startIndicatorExport } from "~/models/indicator-exports.server.ts";
import { isExportKind, parseIndicatorFilters } from "~/models/indicators.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isExportKind(params.kind)) notFound();
  const kind = params.kind;
  const search = new URL(request.url).searchParams;
  const separator = csvSeparatorOf(search.get("sep"));
  const stream = await startIndicatorExport({
    viewer: user,
    kind,
    filters: parseIndicatorFilters(search),
    separator,
    t: getTranslator(request),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="idees-${kind}-${parisDay(new Date())}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
