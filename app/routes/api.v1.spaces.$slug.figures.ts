// GET /api/v1/spaces/{slug}/figures (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiSpaceFigures } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.figures, ({ viewer, params }) => apiSpaceFigures(viewer, params.slug ?? ""));
