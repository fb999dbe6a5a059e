// GET /api/v1/hackathons/{hackathonId} (docs/decisions/0026-read-api.md, 0035-hackathons.md).
import { apiLoader } from "~/lib/api.server.ts";
import { ENDPOINTS } from "~/models/api/openapi.ts";
import { apiHackathon } from "~/models/api/read.server.ts";

export const loader = apiLoader(ENDPOINTS.hackathon, ({ viewer, params }) =>
  apiHackathon(viewer, params.hackathonId ?? ""),
);
