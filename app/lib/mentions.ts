// Mentions in markdown (docs/decisions/0031-mentions-following-profiles.md). Pure: shared by the server
// (which writes and resolves them, app/models/mention.server.ts) and the editor's autocomplete.
//
// A mention is stored in the markdown as an ordinary link to the person's profile, `[@Name](/personnes/id)`:
// the id keeps it pointing at the right person whatever their name becomes, and the markdown renderer
// needs nothing new to draw it. The name written is only a fallback: at render time the current names
// replace it (withCurrentNames, the one hook of app/lib/markdown.server.ts).

/** `[@Name](/personnes/id)`; the name has no brackets nor line breaks, the id is a record id. */
const TOKEN = /\[@([^\][\n]{1,80})\]\(\/personnes\/([A-Za-z0-9_-]{1,64})\)/g;

/** How many people one text may mention (more is refused on the field: it is not a conversation any more). */
export const MAX_MENTIONS_PER_TEXT = 10;

/** A name as it may sit inside a token. */
const tokenName = (name: string) => name.replace(/[\][\n\r]/g, " ").trim() || "?";

export function mentionToken(person: { id: string; displayName: string }): string {
  return `[@${tokenName(person.displayName)}](/personnes/${person.id})`;
}

/** The people a text mentions, in order of first mention, each once. */
export function mentionedIds(text: string): string[] {
  // Most texts mention nobody: no token without its opening (a thread asks ~80 times per page).
  if (!text.includes("[@")) return [];
  return [...new Set(Array.from(text.matchAll(TOKEN), (m) => m[2]!))];
}

/** The text with every token's name replaced by `rewrite(id, name)` (a token, or plain text). */
export function rewriteTokens(text: string, rewrite: (id: string, name: string) => string): string {
  if (!text.includes("[@")) return text;
  return text.replace(TOKEN, (_, name: string, id: string) => rewrite(id, name));
}

/**
 * For the renderer: each token shows the person's current name (`names`: id → name). A token whose
 * person is unknown keeps its written name, as plain text (no link to a profile that does not exist).
 */
export function withCurrentNames(text: string, names: ReadonlyMap<string, string>): string {
  return rewriteTokens(text, (id, name) => {
    const current = names.get(id);
    return current === undefined ? `@${name}` : mentionToken({ id, displayName: current });
  });
}

/** Spans of the text that are tokens already (plain `@Name` inside them is not looked at again). */
export function tokenSpans(text: string): [number, number][] {
  return Array.from(text.matchAll(TOKEN), (m) => [m.index, m.index + m[0].length] as [number, number]);
}

/**
 * Where a plain `@` may start a mention: at the start or after a space or an opening punctuation, and
 * not inside a token. Returns the index after each such `@`.
 */
export function plainMentionStarts(text: string): number[] {
  const spans = tokenSpans(text);
  const starts: number[] = [];
  for (let i = text.indexOf("@"); i !== -1; i = text.indexOf("@", i + 1)) {
    if (i > 0 && !/[\s(«"'“]/.test(text[i - 1]!)) continue; // an e-mail address, not a mention
    if (spans.some(([from, to]) => i >= from && i < to)) continue;
    starts.push(i + 1);
  }
  return starts;
}

/** Whether `name` is written at `at` in `text` (case and accents as typed, locale-insensitive case), ending there. */
export function nameAt(text: string, at: number, name: string): boolean {
  const written = text.slice(at, at + name.length);
  if (written.toLocaleLowerCase("fr") !== name.toLocaleLowerCase("fr")) return false;
  const next = text[at + name.length];
  return next === undefined || !/[\p{L}\p{N}_-]/u.test(next);
}

/** The word being typed after an `@` at the caret, for the autocomplete: `{ from, query }` or null. */
export function mentionQueryAt(text: string, caret: number): { from: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1 || (at > 0 && !/[\s(«"'“]/.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  if (query.length > 60 || /[\n\][]/.test(query) || /\s\s/.test(query)) return null;
  return { from: at, query };
}
