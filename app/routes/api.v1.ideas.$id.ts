// GET /api/v1/ideas/{id} (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiIdea } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.idea, ({ viewer, params }) => apiIdea(viewer, params.id ?? ""));
