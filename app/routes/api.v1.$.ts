// Anything else under /api/v1: a 404 problem, not the HTML error page (docs/decisions/0026-read-api.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiNotFound } from "~/lib/api.server.ts";

export const loader = ({ request }: LoaderFunctionArgs) => apiNotFound(request);
