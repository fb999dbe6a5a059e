// The editor's preview, rendered by the very functions the idea page and the comment thread use: what
// is previewed is what will be published (tests/preview.test.ts compares the two).
import { renderCommentBody } from "./comment.server.ts";
import { renderIdeaBody } from "./idea-page.server.ts";
import type { PreviewKind } from "./preview.ts";

export const renderPreview = (kind: PreviewKind, text: string): string =>
  kind === "idee" ? renderIdeaBody(text) : renderCommentBody(text);
