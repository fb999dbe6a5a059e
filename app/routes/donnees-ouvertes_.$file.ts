// /donnees-ouvertes/idees.csv and /donnees-ouvertes/idees.json: the public space's ideas as open data,
// at most an hour old (docs/decisions/0026-read-api.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { getOpenDataFile, OPEN_DATA_LICENCE, OPEN_DATA_MAX_AGE_MS } from "~/models/open-data.server.ts";

const FILES = {
  "idees.csv": { format: "csv", type: "text/csv; charset=utf-8; header=present" },
  "idees.json": { format: "json", type: "application/json; charset=utf-8" },
} as const;

export async function loader({ params }: LoaderFunctionArgs) {
  const file = FILES[params.file as keyof typeof FILES] ?? notFound();
  const { body, generatedAt } = await getOpenDataFile(file.format);
  const fresh = Math.max(0, Math.floor((generatedAt.getTime() + OPEN_DATA_MAX_AGE_MS - Date.now()) / 1000));
  return new Response(body, {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${params.file}"`,
      "Last-Modified": generatedAt.toUTCString(),
      "Cache-Control": `public, max-age=${fresh}`,
      "Access-Control-Allow-Origin": "*",
      Link: `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
    },
  });
}
