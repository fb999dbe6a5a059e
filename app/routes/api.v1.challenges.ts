// GET /api/v1/challenges (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiChallenges } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.challenges, ({ viewer, query }) => apiChallenges(viewer, query));
