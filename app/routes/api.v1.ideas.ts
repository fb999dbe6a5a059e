// GET /api/v1/ideas (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiIdeas } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.ideas, ({ viewer, query }) => apiIdeas(viewer, query));
