// Cutting text for display, in one place (issue 16: summaries were cut mid-word, without an ellipsis).
// Pure: the server (stored summaries, e-mails) and the browser may use it.

/** How far back a cut may go to land on a word boundary: at most 40 % of the length kept. */
const WORD_BOUNDARY_REACH = 0.6;

/**
 * `text` cut to at most `max` characters (code points, so an emoji is never split), ending on a whole
 * word followed by "…" — unless the only boundary is too far back (one very long word), then mid-word.
 * Spaces and a dangling comma, semicolon or colon before the ellipsis are dropped. Text that fits is
 * returned as it is; a limit below 1 gives "".
 */
export function truncateOnWord(text: string, max: number): string {
  const limit = Number.isFinite(max) ? Math.floor(max) : 0;
  if (limit <= 0) return "";
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  let cut = chars.slice(0, limit - 1).join("");
  const boundary = cut.search(/\s\S*$/);
  const nextIsSpace = /\s/.test(chars[limit - 1] ?? "");
  if (!nextIsSpace && boundary >= Math.floor(Array.from(cut).length * WORD_BOUNDARY_REACH))
    cut = cut.slice(0, boundary);
  return `${cut.replace(/[\s,;:]+$/u, "")}…`;
}
