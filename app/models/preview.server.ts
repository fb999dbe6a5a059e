// The editor's preview, rendered by the very functions the idea page and the comment thread use: what
// is previewed is what will be published (tests/preview.test.ts compares the two). Mentions are resolved
// as saving resolves them (resolveMentionText: only people who may see the place become links), then
// drawn with their current names, like the page — without counting against the mention limits.
import type { Viewer } from "~/auth/policy.ts";
import { rewriteTokens } from "~/lib/mentions.ts";
import { renderCommentBody } from "./comment.server.ts";
import { renderIdeaBody } from "./idea-page.server.ts";
import { mentionPlace } from "./mention-place.server.ts";
import { mentionNames, resolveMentionText } from "./mention.server.ts";
import type { PreviewKind } from "./preview.ts";

export async function renderPreview(options: {
  viewer: NonNullable<Viewer>;
  kind: PreviewKind;
  text: string;
  /** Where the text is written: an idea the viewer may see, or a space (else a 404). */
  place: { ideaId?: string; spaceSlug?: string };
}): Promise<string> {
  const { viewer, kind } = options;
  const { ideaId, spaceSlug } = options.place;
  // Without a place nobody can be checked: every mention shows as the plain text it was typed as.
  const text =
    ideaId || spaceSlug
      ? await resolveMentionText({
          writer: viewer,
          place: await mentionPlace({ viewer, ideaId, spaceSlug }),
          text: options.text,
        })
      : rewriteTokens(options.text, (_, name) => `@${name}`);
  const people = await mentionNames([text]);
  return kind === "idee" ? renderIdeaBody(text, people) : renderCommentBody(text, people);
}
