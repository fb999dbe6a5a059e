/**
 * The one place where user markdown becomes HTML.
 *
 * Markdown is stored raw and rendered here only. The pipeline is:
 *
 *   source --(size guard, NUL -> U+FFFD)--> marked (GFM, custom renderer)
 *          --> sanitize-html (strict allow-list) --> HTML string
 *
 * marked never sanitizes, so the renderer below is the first line of defence
 * (raw HTML escaped, images reduced to their alt text, link targets validated)
 * and sanitize-html is the second (it re-parses the HTML like a browser would,
 * keeps only the allow-listed tags/attributes and re-checks every URL).
 *
 * Decisions (see the tests in markdown.server.test.ts):
 * - Headings are shifted under the page's own heading: `headingBase` is the
 *   level the source's top heading becomes (default 3, for markdown under a
 *   section h2: # -> h3, ## -> h4… or, when the source starts at ##, ## -> h3),
 *   deeper levels follow, capped at h6. Markdown directly under the page's h1
 *   passes 2. Either way the outline never skips a level (axe heading-order).
 * - Images: `![alt](url)` is its alt text (no tracking pixel), except an
 *   attachment of ours (`/pieces-jointes/<id>`): its download asks the policy.
 * - Links: http, https and mailto only, plus root-relative paths ("/ideas/42")
 *   so people can link to other pages of the app. Protocol-relative ("//x"),
 *   backslash tricks ("/\x"), bare relative ("foo", "./foo") and every other
 *   scheme are dropped: the link text stays, the link does not. Every link gets
 *   rel="nofollow ugc noopener noreferrer" and no target (opening a new tab
 *   is the reader's choice).
 * - Raw HTML in the source is shown as text (escaped), never as live HTML.
 * - GFM is on, with `breaks` (a single newline is a line break, as in GitHub
 *   comments); task-list checkboxes become "☐ " / "☑ " text (no <input>).
 * - Code blocks keep `class="language-xxx"` when the info string is a plain
 *   word; `ol[start]` (digits only) and `th/td[align]` are kept.
 * - Size guard: sources longer than MAX_MARKDOWN_SOURCE_LENGTH (20 000
 *   characters, the longest markdown field a form accepts) are truncated to
 *   that length and an ellipsis is added: the work of one render is bounded by
 *   what the forms allow, whatever is stored. How fast the worst inputs render
 *   is a figure of `npm run bench`, not a test assertion.
 * - Nesting guard: lists/blockquotes nested, or emphasis/strike/links nested,
 *   deeper than MAX_MARKDOWN_NESTING_DEPTH (32) abort the markdown parse
 *   (marked's tokenizer recurses and its cost grows with depth x length; at
 *   5 000 levels it throws RangeError after seconds of work). The limit is
 *   counted by wrapping the recursive tokenizer steps, so it is exact, and so
 *   does any error thrown by marked (e.g. a RangeError). In both cases the
 *   source is rendered as escaped plain text: one <p> per blank-line separated
 *   block, <br> for single newlines.
 */
import { Marked, Tokenizer, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { withCurrentNames } from "./mentions.ts";
import { truncateOnWord } from "./text.ts";

export const MAX_MARKDOWN_SOURCE_LENGTH = 20_000;
export const MAX_MARKDOWN_NESTING_DEPTH = 32;

const LINK_REL = "nofollow ugc noopener noreferrer";
export const ATTACHMENT_IMAGE_SRC = /^\/pieces-jointes\/[A-Za-z0-9_-]{1,64}(?:\/miniature)?$/;
const ALLOWED_SCHEMES = ["http", "https", "mailto"];
export const DEFAULT_HEADING_BASE = 3;

/* ------------------------------------------------------------------------ */
/* Escaping and URL checks                                                  */
/* ------------------------------------------------------------------------ */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes every HTML-significant character (character references included). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Like escapeHtml but leaves existing character references (`&eacute;`) alone. */
function escapeHtmlKeepingReferences(text: string): string {
  return text.replace(/&(?!#?\w+;)|[<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const NAMED_REFERENCES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/**
 * Resolves numeric character references and a few common named ones.
 * Unknown named references stay literal; since the result is later fully
 * escaped, the browser then sees exactly the string we validated.
 */
function decodeCharacterReferences(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g,
    (match, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_REFERENCES[name] ?? match;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    },
  );
}

/**
 * Is this (already entity-decoded) URL one we are willing to link to?
 * http/https with a host, mailto, or a root-relative path.
 */
function isAllowedUrl(url: string): boolean {
  // Browsers silently drop tabs/newlines and trim C0 controls: refuse them all.
  if (url === "" || /[\u0000-\u001f\u007f]/.test(url)) return false;
  if (url.startsWith("/")) {
    // "/path" only: not "//host", "/\host" or any backslash (browsers treat "\" as "/").
    return !url.includes("\\") && !/^\/[/\\]/.test(url);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || !ALLOWED_SCHEMES.includes(scheme)) return false;
  if (scheme === "mailto") return url.length > "mailto:".length;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

/** The href to emit for a markdown link, or null when the link must be dropped. */
function linkTarget(rawHref: string, resolveReferences: boolean): string | null {
  const href = (resolveReferences ? decodeCharacterReferences(rawHref) : rawHref).trim();
  if (!isAllowedUrl(href)) return null;
  try {
    // Percent-encode spaces, accents, quotes... without double-encoding "%xx".
    return encodeURI(href).replace(/%25([0-9a-fA-F]{2})/g, "%$1");
  } catch {
    return null; // lone surrogate
  }
}

/* ------------------------------------------------------------------------ */
/* marked                                                                   */
/* ------------------------------------------------------------------------ */

class NestingTooDeepError extends Error {
  constructor() {
    super("markdown nesting too deep");
    this.name = "NestingTooDeepError";
  }
}

/** Current recursion depth of the tokenizer. Rendering is synchronous. */
let nestingDepth = 0;
/** Set by renderMarkdown for the duration of one synchronous render. */
let headingBase = DEFAULT_HEADING_BASE;
let headingShift = DEFAULT_HEADING_BASE - 1;

function guarded<A extends unknown[], R>(
  original: (this: Tokenizer, ...args: A) => R,
): (this: Tokenizer, ...args: A) => R {
  return function (this: Tokenizer, ...args: A): R {
    nestingDepth += 1;
    try {
      if (nestingDepth > MAX_MARKDOWN_NESTING_DEPTH) throw new NestingTooDeepError();
      return original.apply(this, args);
    } finally {
      nestingDepth -= 1;
    }
  };
}

const baseTokenizer = Tokenizer.prototype;

const markdown = new Marked({
  gfm: true,
  breaks: true,
  pedantic: false,
  async: false,
  silent: false,
});

markdown.use({
  // Every tokenizer step that recurses into the lexer counts one level.
  tokenizer: {
    blockquote: guarded(baseTokenizer.blockquote),
    list: guarded(baseTokenizer.list),
    emStrong: guarded(baseTokenizer.emStrong),
    del: guarded(baseTokenizer.del),
    link: guarded(baseTokenizer.link),
    reflink: guarded(baseTokenizer.reflink),
  },
  renderer: {
    // Raw HTML (block or inline) is shown as text.
    html(token: Tokens.HTML | Tokens.Tag): string {
      const text = escapeHtml(token.text);
      if (!token.block) return text;
      return `<p>${text.trimEnd().replace(/\n/g, "<br>\n")}</p>\n`;
    },
    // Text between inline <script>/<pre> tags is flagged "escaped" by marked
    // although it is raw: escape it ourselves.
    text(token: Tokens.Text | Tokens.Escape): string | false {
      if ("tokens" in token && token.tokens) return false;
      if ("escaped" in token && token.escaped) return escapeHtml(token.text);
      return false;
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(Math.max(depth + headingShift, headingBase), 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    code({ text, lang }: Tokens.Code): string {
      const language = /^\S*/.exec(lang ?? "")?.[0] ?? "";
      const className = /^[A-Za-z0-9_+#.-]{1,32}$/.test(language) ? ` class="language-${escapeHtml(language)}"` : "";
      const body = text.replace(/\n$/, "") + "\n";
      return `<pre><code${className}>${escapeHtml(body)}</code></pre>\n`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? "☑ " : "☐ ";
    },
    link({ href, title, tokens, text, autolink }: Tokens.Link): string {
      // Autolinks are literal (no character references); others follow CommonMark.
      const inner = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
      const target = linkTarget(href, !autolink);
      if (target === null) return inner;
      const titleAttribute = title ? ` title="${escapeHtml(decodeCharacterReferences(title))}"` : "";
      return `<a href="${escapeHtml(target)}"${titleAttribute}>${inner}</a>`;
    },
    image({ href, text, tokens }: Tokens.Image): string {
      const alt = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
      if (ATTACHMENT_IMAGE_SRC.test(href))
        return `<img src="${href}" alt="${escapeHtml(decodeCharacterReferences(alt))}" loading="lazy">`;
      return escapeHtmlKeepingReferences(alt);
    },
  },
});

/* ------------------------------------------------------------------------ */
/* sanitize-html                                                            */
/* ------------------------------------------------------------------------ */

const ALIGN = { name: "align", multiple: false, values: ["left", "center", "right"] };

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img", // attachments only: exclusiveFilter
  ],
  allowedAttributes: {
    img: ["src", "alt", "loading"],
    a: ["href", "title", "rel"],
    code: ["class"],
    ol: ["start"],
    th: [ALIGN],
    td: [ALIGN],
  },
  allowedClasses: { code: [/^language-[A-Za-z0-9_+#.-]{1,32}$/] },
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "action", "formaction", "xlink:href"],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  exclusiveFilter: (frame) =>
    frame.tag === "img" && (!ATTACHMENT_IMAGE_SRC.test(frame.attribs.src ?? "") || frame.attribs.loading !== "lazy"),
  nestingLimit: 4 * MAX_MARKDOWN_NESTING_DEPTH,
  transformTags: {
    a(tagName, attribs) {
      const href = attribs.href;
      // sanitize-html hands us the entity-decoded value, i.e. what a browser sees.
      if (href === undefined || !isAllowedUrl(href)) {
        return { tagName: "span", attribs: {} }; // not allowed: unwrapped, text kept
      }
      const kept: sanitizeHtml.Attributes = { href, rel: LINK_REL };
      if (attribs.title) kept.title = attribs.title;
      return { tagName, attribs: kept };
    },
    ol(tagName, attribs) {
      const start = attribs.start;
      const kept: sanitizeHtml.Attributes = {};
      if (start !== undefined && /^\d{1,9}$/.test(start)) kept.start = start;
      return { tagName, attribs: kept };
    },
  },
};

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

function prepareSource(source: string): string {
  let text = typeof source === "string" ? source : "";
  if (text.length > MAX_MARKDOWN_SOURCE_LENGTH) {
    let end = MAX_MARKDOWN_SOURCE_LENGTH;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1; // don't split a surrogate pair
    text = `${text.slice(0, end)}\n\n…`;
  }
  return text.replace(/\r\n?/g, "\n").replace(/\u0000/g, "\ufffd");
}

/** Escaped plain text: a <p> per blank-line separated block, <br> for newlines. */
function renderPlainText(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br>\n")}</p>\n`)
    .join("");
}

function renderUnsanitized(text: string): string {
  nestingDepth = 0;
  try {
    const tokens = markdown.lexer(text);
    // The source's top heading level lands on the base, so the outline never skips a level.
    let top = 6; // the shallowest heading, in lists and quotes too
    markdown.walkTokens(tokens, (token) => void (token.type === "heading" && (top = Math.min(top, token.depth))));
    headingShift = headingBase - top;
    return markdown.parser(tokens);
  } catch {
    // NestingTooDeepError, RangeError (stack) or any marked bug: degrade to text.
    return renderPlainText(text);
  } finally {
    nestingDepth = 0;
  }
}

export interface MarkdownOptions {
  /** The level of the source's top heading: 2 under the page's h1, 3 under an h2… (2..6). */
  headingBase?: number;
  /** Current names of the people the source mentions (app/lib/mentions.ts): tokens show these. */
  people?: ReadonlyMap<string, string>;
}

/**
 * Renders user markdown to safe HTML (the only HTML the app may inject with
 * dangerouslySetInnerHTML). Never throws for string input.
 */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const text = prepareSource(options.people ? withCurrentNames(source, options.people) : source);
  if (text.trim() === "") return "";
  const base = options.headingBase ?? DEFAULT_HEADING_BASE;
  headingBase = Number.isInteger(base) ? Math.min(Math.max(base, 2), 6) : DEFAULT_HEADING_BASE;
  try {
    return sanitizeHtml(renderUnsanitized(text), SANITIZE_OPTIONS).trim();
  } finally {
    headingBase = DEFAULT_HEADING_BASE;
    headingShift = DEFAULT_HEADING_BASE - 1;
  }
}

const BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote|pre|tr|th|td|table|ul|ol)>|<br\s*\/?>|<hr\s*\/?>/g;

/**
 * Plain text preview of a markdown source for lists: the text a reader sees
 * once rendered (no markdown syntax, no tags), whitespace collapsed, cut at a
 * word boundary to at most `maxChars` characters (code points) with "…".
 * Non-breaking spaces (French typography) are preserved.
 */
export function markdownExcerpt(source: string, maxChars: number): string {
  const limit = Number.isFinite(maxChars) ? Math.floor(maxChars) : 0;
  if (limit <= 0) return "";
  const html = renderMarkdown(source).replace(BLOCK_END, "$& ");
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t\n\r\f\v\u2028\u2029]+/g, " ")
    .trim();
  return truncateOnWord(text, limit);
}
