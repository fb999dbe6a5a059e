// GET /api/v1/ideas/{id}/comments (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiComments } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.comments, ({ viewer, params }) => apiComments(viewer, params.id ?? ""));
