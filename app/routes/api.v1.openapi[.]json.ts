// GET /api/v1/openapi.json: the contract, generated from the response schemas (docs/decisions/0026-read-api.md).
import { openApiDocument } from "~/models/api/openapi.ts";

export function loader() {
  return Response.json(openApiDocument(), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" },
  });
}
