// Who accepted which version of the supplier terms, and when (docs/decisions/0024): CSV, for managers and admins.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser, toViewer } from "~/auth/session.server.ts";
import { listTermsAcceptances, termsAcceptancesCsv } from "~/models/supplier-terms.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = toViewer(await requireUser(request));
  const rows = await listTermsAcceptances(viewer);
  return new Response(termsAcceptancesCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="acceptations-conditions-fournisseurs.csv"',
      "Cache-Control": "no-store",
    },
  });
}
