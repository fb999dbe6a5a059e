// Stored markdown rendered once per process, not once per request (docs/decisions/0043-most-discussed-idea-page.md).
// renderMarkdown is a pure function of the source (with the current names of the people it mentions
// already written into it) and its heading base: the HTML remembered under exactly those inputs is the
// HTML renderMarkdown would return, for every viewer. What the viewer may see (deleted, masked, hidden
// comments; images) is decided before, by the callers, on every request. A renamed person changes the
// key, so the next request renders again; a renderer or sanitiser change ships with a new process,
// whose memory starts empty.
import { LRUCache } from "lru-cache";
import { renderMarkdown, type MarkdownOptions } from "./markdown.server.ts";
import { withCurrentNames } from "./mentions.ts";

/** Characters remembered (sources and their HTML), least recently used dropped first: ~8 MB of Latin-1 text. */
export const REMEMBERED_MARKDOWN_CHARS = 8_000_000;

const remembered = new LRUCache<string, string>({
  maxSize: REMEMBERED_MARKDOWN_CHARS,
  sizeCalculation: (html, key) => key.length + html.length,
});

/**
 * renderMarkdown for texts read from the database and shown again and again (an idea's body, its
 * comments). Not for previews: a draft is rendered once, and would only push stored texts out.
 */
export function renderStoredMarkdown(source: string, options: MarkdownOptions = {}): string {
  const text = options.people ? withCurrentNames(source, options.people) : source;
  const key = `${options.headingBase ?? ""}\u0000${text}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const html = renderMarkdown(text, { headingBase: options.headingBase });
  remembered.set(key, html);
  return html;
}
