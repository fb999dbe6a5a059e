// Similar ideas while writing (the propose form asks as the title changes): up to five visible ideas.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/session.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { findSimilarIdeas } from "~/models/search.server.ts";
import { SimilarParamsSchema } from "~/models/search.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const parsed = SimilarParamsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) badRequest();
  const ideas = await findSimilarIdeas({ viewer, params: parsed.data });
  return Response.json({ ideas }, { headers: { "Cache-Control": "private, no-store" } });
}
