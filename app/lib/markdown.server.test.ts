import { test, expect } from "vitest";
import { CHALLENGE_BRIEF } from "~/models/challenge.ts";
import { COMMENT_BODY } from "~/models/comment.ts";
import { IDEA_BODY } from "~/models/idea.ts";
import {
  MAX_MARKDOWN_NESTING_DEPTH,
  MAX_MARKDOWN_SOURCE_LENGTH,
  markdownExcerpt,
  renderMarkdown,
} from "./markdown.server";
import { expectInert, findVectors, LINK_REL, XSS_PAYLOADS } from "../../tests/support/xss.ts";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((match) => match[1] ?? "");
}

/** How deeply the tags of `html` nest (void tags do not count). */
function tagDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/g)) {
    if (name === "br" || name === "hr") continue;
    depth += closing ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

/* ------------------------------------------------------------------------ */
/* XSS payloads                                                             */
/* ------------------------------------------------------------------------ */

test("the XSS corpus is broad", () => {
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
});

test("the inertness check itself catches live vectors", () => {
  for (const live of [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)">x</p>',
    '<p style="color:red">x</p>',
    `<a href="javascript:alert(1)" rel="${LINK_REL}">x</a>`,
    `<a href="&#106;avascript:alert(1)" rel="${LINK_REL}">x</a>`,
    `<a href="data:text/html,x" rel="${LINK_REL}">x</a>`,
    `<a href="//evil.example" rel="${LINK_REL}">x</a>`,
    `<a href="https://ok.example" rel="${LINK_REL}" target="_blank">x</a>`,
    '<a href="https://ok.example">no rel</a>',
    "<svg><p>x</p></svg>",
    "<iframe></iframe>",
    '<code class="evil">x</code>',
    "<span>x</span>",
  ]) {
    expect(findVectors(live), live).not.toEqual([]);
  }
  expect(
    findVectors(
      `<p>&lt;img src=x onerror=alert(1)&gt; <a href="https://ok.example" rel="${LINK_REL}" title="&quot; onclick=&quot;x">ok</a></p>`,
    ),
  ).toEqual([]);
});

for (const [name, payload] of XSS_PAYLOADS) {
  test(`xss: ${name}`, () => {
    expectInert(renderMarkdown(payload));
  });
}

test("xss: dangerous links keep their text but lose the link", () => {
  for (const source of [
    "[cliquez](javascript:alert(1))",
    "[cliquez](JaVaScRiPt:alert(1))",
    "[cliquez](java&#115;cript:alert(1))",
    "[cliquez](javascript&colon;alert(1))",
    "[cliquez]( javascript:alert(1))",
    "[cliquez](data:text/html,x)",
    "[cliquez][1]\n\n[1]: vbscript:x",
  ]) {
    const html = renderMarkdown(source);
    expect(html, source).toBe("<p>cliquez</p>");
  }
});

test("xss: raw HTML is shown as text, not dropped silently", () => {
  expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  expect(renderMarkdown("a <b onclick=x>gras</b>")).toBe("<p>a &lt;b onclick=x&gt;gras&lt;/b&gt;</p>");
});

test("xss: entity-encoded markup stays text", () => {
  expect(renderMarkdown("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
});

test("xss: link title quotes cannot break out of the attribute", () => {
  const html = renderMarkdown('[x](https://a.example "title\\" onmouseover=\\"alert(1)")');
  expect(html).toBe(
    `<p><a href="https://a.example" rel="${LINK_REL}" title="title&quot; onmouseover=&quot;alert(1)">x</a></p>`,
  );
});

test("xss: image markdown never produces an image", () => {
  expect(renderMarkdown("![un chat](https://example.com/chat.png)")).toBe("<p>un chat</p>");
  expect(renderMarkdown("![*alt* emphasis](x.png)")).toBe("<p>alt emphasis</p>");
  expect(renderMarkdown("![](https://tracker.example/pixel.gif)")).toBe("<p></p>");
});

test("xss: null bytes become U+FFFD", () => {
  expect(renderMarkdown("a\u0000b")).toBe("<p>a\ufffdb</p>");
});

test("xss: protocol-relative, backslash and bare relative links are dropped", () => {
  for (const source of [
    "[x](//evil.example)",
    "[x](/\\evil.example)",
    "[x](\\\\evil.example)",
    "[x](evil.example)",
    "[x](./page)",
    "[x](#top)",
    "[x](ftp://files.example)",
    "[x](tel:+33100000000)",
  ]) {
    expect(renderMarkdown(source), source).toBe("<p>x</p>");
  }
});

test("xss: truncated oversize input is still inert", () => {
  const html = renderMarkdown(`${"a".repeat(MAX_MARKDOWN_SOURCE_LENGTH - 5)}<script>alert(1)</script>`);
  expectInert(html);
});

/* ------------------------------------------------------------------------ */
/* Normal markdown                                                          */
/* ------------------------------------------------------------------------ */

test("headings are demoted by two levels (the page owns h1/h2)", () => {
  expect(renderMarkdown("# Titre\n## Sous-titre\n### Trois\n#### Quatre\n###### Six")).toBe(
    "<h3>Titre</h3>\n<h4>Sous-titre</h4>\n<h5>Trois</h5>\n<h6>Quatre</h6>\n<h6>Six</h6>",
  );
  expect(renderMarkdown("Titre\n=====")).toBe("<h3>Titre</h3>");
});

test("headingBase shifts headings one level under the page's own heading", () => {
  // Under the page's h1: # -> h2, ## -> h3 (no jump from h1 to h4).
  expect(renderMarkdown("# Un\n## Deux\n### Trois", { headingBase: 2 })).toBe(
    "<h2>Un</h2>\n<h3>Deux</h3>\n<h4>Trois</h4>",
  );
  // Under an h3 section: # -> h4, deeper levels stop at h6.
  expect(renderMarkdown("# Un\n### Trois\n###### Six", { headingBase: 4 })).toBe(
    "<h4>Un</h4>\n<h6>Trois</h6>\n<h6>Six</h6>",
  );
  // Never an h1 (the page owns it); nonsense falls back to the default.
  expect(renderMarkdown("# Un", { headingBase: 1 })).toBe("<h2>Un</h2>");
  expect(renderMarkdown("# Un", { headingBase: 9 })).toBe("<h6>Un</h6>");
  expect(renderMarkdown("# Un", { headingBase: Number.NaN })).toBe("<h3>Un</h3>");
  // The source's top level lands on the base, whatever it is: "##" sections under the h1 are h2.
  expect(renderMarkdown("## Contexte\n\ntexte\n\n### Détail\n\n## Attentes", { headingBase: 2 })).toBe(
    "<h2>Contexte</h2>\n<p>texte</p>\n<h3>Détail</h3>\n<h2>Attentes</h2>",
  );
  expect(renderMarkdown("> ### Cité\n\n#### Après")).toBe("<blockquote>\n<h3>Cité</h3>\n</blockquote>\n<h4>Après</h4>");
  expect(renderMarkdown("- ## Dans une liste\n\n### Après")).toContain("<h3>Dans une liste</h3>");
  // The option does not leak into the next render.
  expect(renderMarkdown("# Un")).toBe("<h3>Un</h3>");
});

test("emphasis, strong and strikethrough", () => {
  expect(renderMarkdown("du **gras**, de l'*italique* et du ~~barré~~")).toBe(
    "<p>du <strong>gras</strong>, de l'<em>italique</em> et du <del>barré</del></p>",
  );
});

test("unordered, ordered and nested lists", () => {
  expect(renderMarkdown("- un\n- deux\n  - deux bis")).toBe(
    "<ul>\n<li>un</li>\n<li>deux<ul>\n<li>deux bis</li>\n</ul>\n</li>\n</ul>",
  );
  expect(renderMarkdown("3. trois\n4. quatre")).toBe('<ol start="3">\n<li>trois</li>\n<li>quatre</li>\n</ol>');
});

test("task lists render as text boxes, not inputs", () => {
  expect(renderMarkdown("- [ ] à faire\n- [x] fait")).toBe("<ul>\n<li>☐ à faire</li>\n<li>☑ fait</li>\n</ul>");
});

test("code blocks escape their content and keep a safe language class", () => {
  expect(renderMarkdown("```html\n<script>alert(1)</script>\n```")).toBe(
    '<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>',
  );
  expect(renderMarkdown("```\nplain & simple\n```")).toBe("<pre><code>plain &amp; simple\n</code></pre>");
  expect(renderMarkdown('```js" onclick="x\ncode\n```')).toBe("<pre><code>code\n</code></pre>");
  expect(renderMarkdown("    indenté <b>")).toBe("<pre><code>indenté &lt;b&gt;\n</code></pre>");
  expect(renderMarkdown("un `<em>code</em>` en ligne")).toBe(
    "<p>un <code>&lt;em&gt;code&lt;/em&gt;</code> en ligne</p>",
  );
});

test("tables keep their alignment", () => {
  const html = renderMarkdown("| Idée | Votes |\n|:-----|------:|\n| Vélos | 12 |");
  expect(html).toContain("<table>");
  expect(html).toContain('<th align="left">Idée</th>');
  expect(html).toContain('<th align="right">Votes</th>');
  expect(html).toContain('<td align="left">Vélos</td>');
  expect(html).toContain('<td align="right">12</td>');
  expectInert(html);
});

test("blockquotes, rules and line breaks", () => {
  expect(renderMarkdown("> citation")).toBe("<blockquote>\n<p>citation</p>\n</blockquote>");
  expect(renderMarkdown("avant\n\n---\n\naprès")).toBe("<p>avant</p>\n<hr />\n<p>après</p>");
  expect(renderMarkdown("ligne 1\nligne 2\n\nparagraphe 2")).toBe("<p>ligne 1<br />ligne 2</p>\n<p>paragraphe 2</p>");
});

test("https, http, mailto and root-relative links are kept with rel and no target", () => {
  const html = renderMarkdown(
    "[site](https://example.com/a?b=1&c=2) [ancien](http://example.org) [écrire](mailto:equipe@example.fr) [idée](/ideas/42)",
  );
  expect(hrefs(html)).toEqual([
    "https://example.com/a?b=1&amp;c=2",
    "http://example.org",
    "mailto:equipe@example.fr",
    "/ideas/42",
  ]);
  expect(html).toContain(`<a href="https://example.com/a?b=1&amp;c=2" rel="${LINK_REL}">site</a>`);
  expect(html).not.toContain("target=");
  expectInert(html);
});

test("link titles and reference links", () => {
  expect(renderMarkdown('[doc](https://example.com "La doc")')).toBe(
    `<p><a href="https://example.com" rel="${LINK_REL}" title="La doc">doc</a></p>`,
  );
  expect(renderMarkdown("[doc][1]\n\n[1]: https://example.com/doc")).toBe(
    `<p><a href="https://example.com/doc" rel="${LINK_REL}">doc</a></p>`,
  );
});

test("URLs with spaces or accents are percent-encoded", () => {
  expect(hrefs(renderMarkdown("[x](<https://example.fr/idées à voir>)"))).toEqual([
    "https://example.fr/id%C3%A9es%20%C3%A0%20voir",
  ]);
  expect(hrefs(renderMarkdown("[x](https://example.fr/a%20b)"))).toEqual(["https://example.fr/a%20b"]);
});

test("plain URLs, www and e-mail addresses are autolinked (GFM)", () => {
  const html = renderMarkdown("Voir https://example.com/page, www.example.org ou contact@example.fr.");
  expect(hrefs(html)).toEqual(["https://example.com/page", "http://www.example.org", "mailto:contact@example.fr"]);
  expect(html).toContain(`<a href="https://example.com/page" rel="${LINK_REL}">https://example.com/page</a>,`);
  expect(renderMarkdown("<https://example.com>")).toBe(
    `<p><a href="https://example.com" rel="${LINK_REL}">https://example.com</a></p>`,
  );
  expectInert(html);
});

test("ordinary French text with accents and « guillemets » survives intact", () => {
  const text =
    "L’idée d’Élodie : « créer un potager partagé » — ça coûte 150 € ; où ? Près de l’école, à côté du garçon qui lit Œdipe…";
  expect(renderMarkdown(text)).toBe(`<p>${text}</p>`);
  const withNbsp = "Pourquoi\u202f? «\u00a0Parce que\u00a0»\u202f!";
  expect(renderMarkdown(withNbsp)).toBe(`<p>${withNbsp}</p>`);
  expect(renderMarkdown("Tom &amp; Jerry &eacute;t&eacute; &#233;")).toBe("<p>Tom &amp; Jerry été é</p>");
});

test("empty and blank sources render nothing", () => {
  expect(renderMarkdown("")).toBe("");
  expect(renderMarkdown("  \n\n \t ")).toBe("");
});

/* ------------------------------------------------------------------------ */
/* Size and nesting guards                                                  */
/* ------------------------------------------------------------------------ */

test("sources longer than the limit are truncated with an ellipsis", () => {
  const html = renderMarkdown("mot ".repeat(50_000));
  expect(html.length).toBeLessThan(MAX_MARKDOWN_SOURCE_LENGTH + 100);
  expect(count(html, /mot/g)).toBe(MAX_MARKDOWN_SOURCE_LENGTH / 4);
  expect(html.endsWith("<p>…</p>")).toBe(true);
});

test("the limit is the longest markdown a form accepts, so nothing that could be saved is cut", () => {
  expect(MAX_MARKDOWN_SOURCE_LENGTH).toBe(Math.max(IDEA_BODY.max, CHALLENGE_BRIEF.max, COMMENT_BODY.max));
  const html = renderMarkdown("a".repeat(IDEA_BODY.max));
  expect(html).toBe(`<p>${"a".repeat(IDEA_BODY.max)}</p>`);
});

test("truncation does not split a surrogate pair", () => {
  const html = renderMarkdown(`${"a".repeat(MAX_MARKDOWN_SOURCE_LENGTH - 1)}😀😀`);
  expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
});

const DEEP_INPUTS: Array<[string, string]> = [
  ["2000 blockquotes", `${">".repeat(2000)} profond`],
  ["2000 spaced blockquotes", `${"> ".repeat(2000)}profond`],
  ["2000 nested bullet lists", `${"- ".repeat(2000)}profond`],
  ["2000 nested ordered lists", `${"1. ".repeat(2000)}profond`],
  ["2000 alternating list/quote", `${"- > ".repeat(2000)}profond`],
  ["2000 emphasis delimiters", `${"*".repeat(2000)}profond${"*".repeat(2000)}`],
  ["2000 nested strong", `${"**a ".repeat(2000)}profond${" a**".repeat(2000)}`],
  ["2000 nested strikethrough", `${"~~a ".repeat(2000)}profond${" a~~".repeat(2000)}`],
  ["2000 nested links", `${"[".repeat(2000)}profond${"](https://x.example)".repeat(2000)}`],
  ["2000 nested image links", `${"[![".repeat(2000)}profond${"](y)](z)".repeat(2000)}`],
  ["2000 lines of growing quotes", Array.from({ length: 2000 }, (_, i) => `${">".repeat(i % 400)} profond`).join("\n")],
];

for (const [name, source] of DEEP_INPUTS) {
  test(`deep nesting renders without throwing, at most ${MAX_MARKDOWN_NESTING_DEPTH} levels deep: ${name}`, () => {
    const html = renderMarkdown(source);
    expect(html).toContain("profond");
    // Lists take two tags per level (ul > li), links one, plus the paragraph.
    expect(tagDepth(html)).toBeLessThanOrEqual(2 * MAX_MARKDOWN_NESTING_DEPTH + 1);
    expectInert(html);
  });
}

test("too deep nesting falls back to escaped plain text with line breaks", () => {
  const source = `${"> ".repeat(5000)}<b>a</b>\nligne 2\n\nparagraphe`;
  const html = renderMarkdown(source);
  expect(html.startsWith("<p>&gt; &gt; &gt;")).toBe(true);
  expect(html).toContain("&lt;b&gt;a&lt;/b&gt;<br />\nligne 2</p>\n<p>paragraphe</p>");
  expect(html).not.toContain("<blockquote>");
});

test("reasonable nesting still renders as markdown", () => {
  const depth = Math.floor(MAX_MARKDOWN_NESTING_DEPTH / 2);
  const html = renderMarkdown(`${"> ".repeat(depth)}**profond**`);
  expect(html.match(/<blockquote>/g)?.length).toBe(depth);
  expect(html).toContain("<strong>profond</strong>");
});

// How fast these render is measured by `npm run bench` (scripts/lib/bench-markdown.ts): a test cannot
// tell a slow machine from a slow algorithm. What a test can check is that the work is bounded by the
// size and nesting guards, and that the output at those limits is still exactly right.
test("pathological inputs at the size limit render exactly, inert and bounded", () => {
  const N = MAX_MARKDOWN_SOURCE_LENGTH;
  const cases: Array<[string, string, (html: string) => void]> = [
    ["<", "<".repeat(N), (html) => expect(html === `<p>${"&lt;".repeat(N)}</p>`).toBe(true)],
    ["&", "&".repeat(N), (html) => expect(html === `<p>${"&amp;".repeat(N)}</p>`).toBe(true)],
    ["[", "[".repeat(N), (html) => expect(html === `<p>${"[".repeat(N)}</p>`).toBe(true)],
    [
      "code spans",
      "`a ``".repeat(N / 5),
      (html) => {
        expect(count(html, /<code>a <\/code>/g)).toBe(count(html, /<code>/g));
        expect(count(html, /<code>/g)).toBeGreaterThan(N / 10 - 3);
      },
    ],
    [
      "unclosed stars",
      "*a ".repeat(Math.floor(N / 3)),
      (html) => {
        expect(count(html, /\*a/g)).toBe(Math.floor(N / 3));
        expect(html).not.toContain("<em>");
      },
    ],
    ["underscores", "_".repeat(N), (html) => expect(html).toBe("<hr />")],
    [
      "a table longer than the limit",
      "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(15_000),
      (html) => {
        // Cut at the limit: the rows that fit in N characters (a header and ~N/6 rows), then "…".
        expect(count(html, /<tr>/g)).toBe(1 + Math.ceil((N - 12) / 6));
        expect(html.endsWith("<p>…</p>")).toBe(true);
      },
    ],
    [
      "nested strong, longer than the limit",
      Array.from({ length: 400 }, () => `${"**a ".repeat(20)}x${" a**".repeat(20)}`).join(" "),
      (html) => {
        expect(count(html, /<strong>/g)).toBeLessThanOrEqual(N / 8);
        expect(html.endsWith("<p>…</p>")).toBe(true);
      },
    ],
  ];
  for (const [name, input, check] of cases) {
    const html = renderMarkdown(input);
    check(html);
    // Output linear in the limit (a table cell "|x" becomes "<td>x</td>\n"), never in the input.
    expect(html.length, name).toBeLessThanOrEqual(6 * N);
    expect(tagDepth(html), name).toBeLessThanOrEqual(MAX_MARKDOWN_NESTING_DEPTH + 1);
    expectInert(html);
  }
});

/* ------------------------------------------------------------------------ */
/* Excerpts                                                                 */
/* ------------------------------------------------------------------------ */

test("excerpt: plain text without markdown syntax, whitespace collapsed", () => {
  expect(
    markdownExcerpt("# Titre\n\nUn **texte** avec [un lien](https://x.fr) et `du code`.\n\n- un\n- deux", 200),
  ).toBe("Titre Un texte avec un lien et du code. un deux");
  expect(markdownExcerpt("| a | b |\n|---|---|\n| 1 | 2 |", 200)).toBe("a b 1 2");
  expect(markdownExcerpt("![un chat](chat.png) > cité", 200)).toBe("un chat > cité");
});

test("excerpt: entities are decoded and raw HTML is plain text", () => {
  expect(markdownExcerpt('Tom &amp; Jerry &eacute;t&eacute; "citation" l\'école', 200)).toBe(
    'Tom & Jerry été "citation" l\'école',
  );
  expect(markdownExcerpt("<script>alert(1)</script>", 200)).toBe("<script>alert(1)</script>");
});

test("excerpt: cut at a word boundary with an ellipsis, never longer than maxChars", () => {
  const source = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor";
  const excerpt = markdownExcerpt(source, 30);
  expect(excerpt).toBe("Lorem ipsum dolor sit amet…");
  expect(excerpt.length).toBeLessThanOrEqual(30);
  expect(markdownExcerpt("court", 30)).toBe("court");
  expect(markdownExcerpt("abcdefghijklmnopqrstuvwxyz", 10)).toBe("abcdefghi…");
  expect(markdownExcerpt("abc def", 1)).toBe("…");
});

test("excerpt: degenerate limits and inputs", () => {
  expect(markdownExcerpt("texte", 0)).toBe("");
  expect(markdownExcerpt("texte", -5)).toBe("");
  expect(markdownExcerpt("texte", Number.NaN)).toBe("");
  expect(markdownExcerpt("", 50)).toBe("");
  expect(markdownExcerpt("texte", 4.9)).toBe("tex…");
});

test("excerpt: keeps emoji whole and French non-breaking spaces", () => {
  expect(markdownExcerpt("😀😀😀😀😀😀", 4)).toBe("😀😀😀…");
  expect(markdownExcerpt("Pourquoi\u202f? «\u00a0Parce que\u00a0»", 100)).toBe(
    "Pourquoi\u202f? «\u00a0Parce que\u00a0»",
  );
});

test("excerpt: deep nesting and huge input give a bounded excerpt", () => {
  const excerpt = markdownExcerpt(`${"- ".repeat(5000)}profond`, 50);
  expect(excerpt.length).toBeLessThanOrEqual(50);
  expect(excerpt.endsWith("…")).toBe(true);
});

test("images: an attachment of ours becomes a lazy <img>; any other source stays its alt text", () => {
  expect(renderMarkdown("![Plan du site](/pieces-jointes/abc123)")).toBe(
    '<p><img src="/pieces-jointes/abc123" alt="Plan du site" loading="lazy" /></p>',
  );
  expect(renderMarkdown("![mini](/pieces-jointes/abc123/miniature)")).toContain(
    'src="/pieces-jointes/abc123/miniature"',
  );
  for (const source of [
    "![pixel](https://tracker.example/p.gif)",
    "![x](/pieces-jointes/abc123/autre)",
    "![x](//pieces-jointes/abc123)",
    "![x](/pieces-jointes/abc123?x=1)",
  ])
    expect(renderMarkdown(source), source).not.toContain("<img");
});
