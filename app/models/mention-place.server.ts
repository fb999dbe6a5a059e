// Where the mention autocomplete looks (kept apart from mention.server.ts, which idea.server.ts imports).
import type { Viewer } from "~/auth/policy.ts";
import { requireVisibleIdea } from "./idea.server.ts";
import type { MentionPlace } from "./mention.server.ts";
import { requireVisibleSpace } from "./space.server.ts";

/** The place of the autocomplete: an idea the viewer may see, or a space they may propose in (else a 404). */
export async function mentionPlace(options: { viewer: Viewer; ideaId?: string; spaceSlug?: string }) {
  if (options.ideaId) {
    const idea = await requireVisibleIdea(options.viewer, options.ideaId);
    return { space: idea.space, idea } satisfies MentionPlace;
  }
  return { space: await requireVisibleSpace(options.viewer, options.spaceSlug ?? "") } satisfies MentionPlace;
}
