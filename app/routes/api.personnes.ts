// The mention autocomplete (docs/decisions/0031): people who may see the idea (or the space, while
// proposing) whose name starts with what is typed. Signed-in people only; an idea or space the asker
// may not see is a 404, as its page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { mentionPlace } from "~/models/mention-place.server.ts";
import { suggestMentions } from "~/models/mention.server.ts";
import { MentionQuerySchema } from "~/models/profile.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = MentionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) badRequest("Bad query: q, and idee or espace");
  const place = await mentionPlace({ viewer: user, ideaId: parsed.data.idee, spaceSlug: parsed.data.espace });
  const people = await suggestMentions({ viewer: user, place, query: parsed.data.q });
  return Response.json({ people }, { headers: { "Cache-Control": "private, no-store" } });
}
