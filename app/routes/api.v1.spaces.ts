// GET /api/v1/spaces (docs/decisions/0026-read-api.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiSpaces } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.spaces, ({ viewer }) => apiSpaces(viewer));
