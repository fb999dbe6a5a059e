// Possible targets for merging an idea, as its manager types (app/components/merge-form.tsx): the
// policy decides (404 when the idea is not visible, 403 for anyone who may not merge it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/session.server.ts";
import { findMergeTargets } from "~/models/merge-search.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const query = new URL(request.url).searchParams.get("q");
  const ideas = await findMergeTargets({ viewer, sourceId: params.id ?? "", query });
  return Response.json({ ideas }, { headers: { "Cache-Control": "private, no-store" } });
}
