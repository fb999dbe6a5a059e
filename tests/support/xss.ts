// The markdown module's XSS corpus and its inertness check (app/lib/markdown.server.test.ts), shared with
// the tests that run the same payloads through the editor's preview endpoint (tests/preview.test.ts).
import { expect } from "vitest";

export const LINK_REL = "nofollow ugc noopener noreferrer";

const ATTACHMENT_IMG =
  /<img src="\/pieces-jointes\/[A-Za-z0-9_-]{1,64}(?:\/miniature)?" alt="[^"<>]*" loading="lazy" \/>/g;

/** Tags and attributes the renderer may ever emit (the module's allow-list). */
const ALLOWED: Record<string, string[]> = {
  p: [],
  br: [],
  hr: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  strong: [],
  em: [],
  del: [],
  code: ["class"],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ["start"],
  li: [],
  a: ["href", "title", "rel"],
  // Attachments only (checked below): app/lib/markdown.server.ts ATTACHMENT_IMAGE_SRC.
  img: ["src", "alt", "loading"],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ["align"],
  td: ["align"],
};

const FORBIDDEN_TAGS =
  /<\s*\/?\s*(?:script|svg|math|iframe|object|embed|style|form|input|img|base|meta|link|noscript|textarea|template|button|frame|frameset|applet|video|audio|source|details|marquee|body|html|head|title|select|option|xmp|plaintext)\b/i;

function decodeNumericReferences(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;|&newline;/gi, "");
}

/**
 * Asserts the HTML holds no executable vector: no dangerous element anywhere,
 * no event handler / style / src-like attribute in any tag, no javascript:,
 * vbscript: or data: URL in any attribute, and nothing outside the allow-list.
 * Escaped markup (`&lt;img onerror=...&gt;`) is text and is not a vector, so
 * attribute checks run on real tags only, with quoted values blanked out
 * (sanitize-html always double-quotes values and escapes `"` inside them).
 */
export function findVectors(rendered: string): string[] {
  // The one image the module renders: an attachment of ours, in exactly this shape (alt escaped).
  const html = rendered.replace(ATTACHMENT_IMG, "");
  const problems: string[] = [];
  const flag = (condition: boolean, message: string) => {
    if (condition) problems.push(message);
  };
  flag(FORBIDDEN_TAGS.test(html), "forbidden element");
  flag(/<script/i.test(html), "<script");

  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    const skeleton = tag.replace(/="[^"]*"/g, '=""');
    flag(/[\s/"']on\w+\s*=/i.test(skeleton), `event handler: ${tag}`);
    flag(/[\s/"']style\s*=/i.test(skeleton), `style attribute: ${tag}`);
    flag(
      /[\s/"'](?:src|srcdoc|srcset|action|formaction|xlink:href|data)\s*=/i.test(skeleton),
      `src-like attribute: ${tag}`,
    );
    flag(/[\s/"']target\s*=/i.test(skeleton), `target attribute: ${tag}`);
    flag(/\shref\s*=\s*["']?\s*(?:javascript|vbscript|data):/i.test(tag), `dangerous href: ${tag}`);

    const name = /^<\/?([a-zA-Z0-9]+)/.exec(tag)?.[1]?.toLowerCase() ?? "";
    const allowedAttributes = ALLOWED[name];
    if (allowedAttributes === undefined) {
      problems.push(`tag not in allow-list: ${tag}`);
      continue;
    }
    if (tag.startsWith("</")) continue;

    for (const [, attribute = "", value = ""] of tag.matchAll(/\s([^\s="'/>]+)(?:="([^"]*)")?/g)) {
      flag(!allowedAttributes.includes(attribute), `attribute not allowed: ${tag}`);
      if (attribute === "href") {
        const decoded = decodeNumericReferences(value.replace(/&amp;/g, "&")).replace(/[\u0000-\u0020]/g, "");
        flag(/^(?:javascript|vbscript|data|livescript|mocha):/i.test(decoded), `dangerous href: ${tag}`);
        flag(
          !/^(?:https?:\/\/[^\s]+|mailto:[^\s]+|\/(?![/\\])[^\s\\]*)$/i.test(value),
          `href outside allow-list: ${tag}`,
        );
        flag(!tag.includes(`rel="${LINK_REL}"`), `link without rel: ${tag}`);
      }
      flag(attribute === "class" && !/^language-[A-Za-z0-9_+#.-]+$/.test(value), `class: ${tag}`);
      flag(attribute === "align" && !/^(?:left|center|right)$/.test(value), `align: ${tag}`);
      flag(attribute === "start" && !/^\d+$/.test(value), `start: ${tag}`);
      flag(attribute === "rel" && value !== LINK_REL, `rel: ${tag}`);
    }
  }
  return problems;
}

export function expectInert(html: string): void {
  expect(findVectors(html), html.slice(0, 300)).toEqual([]);
}

export const XSS_PAYLOADS: Array<[string, string]> = [
  ["script tag", "<script>alert(1)</script>"],
  ["mixed case script tag", "<ScRiPt>alert(1)</sCrIpT>"],
  ["script with src", "<script src=https://evil.example/x.js></script>"],
  ["script inside paragraph", "Bonjour <script>alert(document.cookie)</script> tout le monde"],
  ["img onerror", "<img src=x onerror=alert(1)>"],
  ["IMG javascript src", '<IMG SRC="javascript:alert(1)">'],
  ["body onload", "<body onload=alert(1)>"],
  ["div onmouseover", '<div onmouseover="alert(1)">survol</div>'],
  ["a onclick", '<a href="#" onclick="alert(1)">x</a>'],
  ["details ontoggle", "<details open ontoggle=alert(1)>"],
  ["video source onerror", "<video><source onerror=alert(1)></video>"],
  ["input onfocus autofocus", "<input autofocus onfocus=alert(1)>"],
  ["marquee onstart", "<marquee onstart=alert(1)>x</marquee>"],
  ["unknown tag onclick", "<x onclick=alert(1)>cliquez</x>"],
  ["slash separated attribute", '<a/href="javascript:alert(1)">x</a>'],
  ["markdown link javascript", "[x](javascript:alert(1))"],
  ["markdown link mixed case", "[x](JaVaScRiPt:alert(1))"],
  ["markdown link decimal entity inside scheme", "[x](java&#115;cript:alert(1))"],
  ["markdown link decimal entity first char", "[x](&#106;avascript:alert(1))"],
  ["markdown link hex entity", "[x](&#x6A;avascript:alert(1))"],
  ["markdown link entities without semicolons", "[x](&#0000106&#0000097vascript:alert(1))"],
  ["markdown link tab entity inside scheme", "[x](jav&#x09;ascript:alert(1))"],
  ["markdown link CR entity inside scheme", "[x](javas&#13;cript:alert(1))"],
  ["markdown link leading space", "[x]( javascript:alert(1))"],
  ["markdown link leading tab", "[x](\tjavascript:alert(1))"],
  ["markdown link leading newline", "[x](\njavascript:alert(1))"],
  ["markdown link leading nbsp", "[x](\u00a0javascript:alert(1))"],
  ["markdown link &colon;", "[x](javascript&colon;alert(1))"],
  ["markdown link null byte in scheme", "[x](java\u0000script:alert(1))"],
  ["markdown link angle brackets", "[x](<javascript:alert(1)>)"],
  ["markdown link vbscript", "[x](vbscript:msgbox(1))"],
  ["markdown link data base64", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["markdown link DATA uppercase", "[x](DATA:text/html,<script>alert(1)</script>)"],
  ["html a javascript", '<a href="javascript:alert(1)">x</a>'],
  [
    "html a entity-encoded javascript",
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  ],
  ["html a data html", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
  ["reference link javascript", "[x][1]\n\n[1]: javascript:alert(1)"],
  ["reference link data with title", '[x][1]\n\n[1]: <data:text/html,alert(1)> "t"'],
  ["reference link entity obfuscated", "[x][a]\n\n[a]: &#106;avascript:alert(1)"],
  ["collapsed reference link", "[x][]\n\n[x]: JAVASCRIPT:alert(1)"],
  ["autolink javascript", "<javascript:alert(1)>"],
  ["autolink vbscript", "<vbscript:msgbox(1)>"],
  ["autolink data", "<data:text/html,alert(1)>"],
  ["image javascript", "![x](javascript:alert(1))"],
  ["image attribute breakout in url", '![x](https://evil.example/x.png" onerror="alert(1))'],
  ["image attribute breakout in alt", '![x" onerror="alert(1)](https://evil.example/x.png)'],
  ["attachment image src breakout", '![x](/pieces-jointes/abc" onerror="alert(1))'],
  ["attachment image alt breakout", '![x" onerror="alert(1)](/pieces-jointes/abcdef)'],
  ["attachment image with query", "![x](/pieces-jointes/abc?javascript:alert(1))"],
  ["attachment image path traversal", "![x](/pieces-jointes/../../api/v1/ideas)"],
  ["attachment image raw html", '<img src="/pieces-jointes/abcdef" onerror="alert(1)">'],
  ["image with html alt", "![<img src=x onerror=alert(1)>](https://evil.example/x.png)"],
  ["svg style mutation", "<svg><p><style><img src=x onerror=alert(1)>"],
  ["mathml mglyph mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"],
  ["noscript title mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ["svg onload", "<svg onload=alert(1)>"],
  [
    "svg animate href",
    "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>",
  ],
  ["iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ["iframe javascript src", '<iframe src="javascript:alert(1)"></iframe>'],
  ["form javascript action", "<form action=javascript:alert(1)><input type=submit></form>"],
  ["button formaction", '<button formaction="javascript:alert(1)">x</button>'],
  ["object data", '<object data="javascript:alert(1)"></object>'],
  ["embed src", '<embed src="javascript:alert(1)">'],
  ["base href", '<base href="javascript:alert(1)//">'],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["link stylesheet", '<link rel=stylesheet href="javascript:alert(1)">'],
  ["style element", "<style>*{background:url(javascript:alert(1))}</style>"],
  ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
  ["comment breakout", "<!--><img src=x onerror=alert(1)>-->"],
  ["comment bang breakout", "<!-- --!><img src=x onerror=alert(1)> -->"],
  ["comment inside tag", "<scr<!-- x -->ipt>alert(1)</script>"],
  ["nested script fragments", "<<script>script>alert(1)<</script>/script>"],
  ["script split by script", "<scr<script>ipt>alert(1)</script>"],
  ["null byte inside tag name", "<scr\u0000ipt>alert(1)</scr\u0000ipt>"],
  ["null byte before handler", "<img src=x \u0000onerror=alert(1)>"],
  ["unicode line separators", "\u2028<script>alert(1)</script>\u2029<img src=x onerror=alert(1)>"],
  ["link title attribute breakout", '[x](https://a.example "title\\" onmouseover=\\"alert(1)")'],
  ["link title with entity quote", "[x](https://a.example '&quot; onclick=alert(1) x=&quot;')"],
  ["link title with script", '[x](https://a.example "<script>alert(1)</script>")'],
  ["link url attribute breakout", '[x](https://a.example" onclick="alert(1))'],
  ["html in link text", "[<img src=x onerror=alert(1)>](https://ok.example)"],
  ["html in emphasis", "**<img src=x onerror=alert(1)>**"],
  ["html in table cell", "| a |\n|---|\n| <img src=x onerror=alert(1)> |"],
  ["html in task list", "- [x] <input onfocus=alert(1) autofocus>"],
  ["html in heading", "# <svg onload=alert(1)>"],
  ["html in blockquote", "> <iframe src=javascript:alert(1)>"],
  ["fence info string breakout", '```"><img src=x onerror=alert(1)>\ncode\n```'],
  ["fence info string handler", "```js onclick=alert(1)\nx\n```"],
  ["text between inline script tags", "x <script>a<img src=x onerror=alert(1)//</script>"],
  ["text between inline pre tags", "x <pre>a<img src=x onerror=alert(1)//</pre>"],
  ["html block swallowing markdown", '<div onclick="alert(1)">\n\n[x](javascript:alert(1))\n\n</div>'],
  ["entity-encoded script stays text", "&lt;script&gt;alert(1)&lt;/script&gt;"],
  ["code span with html", "`<script>alert(1)</script>`"],
  ["deeply nested raw html", `${"> ".repeat(200)}<img src=x onerror=alert(1)>`],
  ["deeply nested list with html", `${"- ".repeat(200)}<script>alert(1)</script>`],
  ["xml namespace trick", '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'],
  ["cdata", "<![CDATA[<script>alert(1)</script>]]>"],
  ["processing instruction", "<?xml-stylesheet href=javascript:alert(1)?>"],
];
