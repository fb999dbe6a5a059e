// GET /api/v1/production (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiProduction } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.production, ({ viewer }) => apiProduction(viewer));
