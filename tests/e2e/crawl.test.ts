// Issue 16's "done when": every page a person can reach by following links — from the home page and
// the known entry points, same-origin GETs, one page per route pattern (one idea, one challenge…) —
// as each role, at 390×844 and 1280×900, in French and in English: no sideways scroll, no axe
// violation (WCAG 2.0/2.1/2.2 A and AA), <html lang> is the interface's language, and an English page
// shows no French interface text outside user content (marked with its own `lang`).
// Bounded: one browser, one page per role reused, roles in sequence (docs/decisions/0029-phones-first.md).
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { DEMO_ACCOUNTS, seedDemo } from "../../scripts/lib/demo-data.ts";
import { AXE_TAGS, checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Pages per role at most: the crawl stops there even if links keep coming. */
const MAX_PAGES = 30;
/** WCAG only (axe's best practices are checked by the journeys). */
const WCAG_TAGS = AXE_TAGS.filter((tag) => tag !== "best-practice");

/** Pages nobody reaches by a link but everyone may open (the sign-in pages are linked from the header). */
const ENTRY_POINTS = ["/", "/recherche?q=emploi"];
/** Signed-in entry points (the header's links are followed anyway; these make sure). */
const SIGNED_IN_ENTRY_POINTS = ["/compte", "/notifications", "/compte/donnees"];

/** Links that act (sign out, change language), download, or carry one-time tokens: not pages to crawl. */
const SKIPPED = [
  /^\/deconnexion/,
  /^\/langue/,
  /\.csv$/,
  /\/export/,
  /^\/desabonnement\//,
  /^\/invitation\//,
  /^\/mot-de-passe\/nouveau\//,
  /^\/connexion\/oidc\//,
  /^\/compte\/adresse\//,
  /^\/inscription\/confirmer\//,
  /^\/api\//,
  /^\/socket\.io\//,
];

/** The route pattern of a path: identifiers become ":id", so one idea stands for all ideas. */
function routePattern(path: string): string {
  return path
    .split("/")
    .map((segment) =>
      /^[a-z0-9]{20,}$/i.test(segment) || /^\d+$/.test(segment) || /^[0-9a-f-]{32,36}$/i.test(segment)
        ? ":id"
        : segment,
    )
    .join("/");
}

/**
 * French interface words that never occur in English text (whole words, case-sensitive): an English
 * page that shows one outside user content has an untranslated string.
 */
const FRENCH_WORDS = [
  "les",
  "des",
  "une",
  "avec",
  "pour",
  "vous",
  "votre",
  "vos",
  "aucun",
  "aucune",
  "être",
  "idée",
  "idées",
  "à",
  "où",
  "étape",
  "espace",
  "espaces",
  "Rechercher",
  "Connexion",
  "Soutenir",
  "Proposer",
  "Enregistrer",
  "Annuler",
  "Supprimer",
  "Modifier",
  "Envoyer",
  "Précédent",
  "Suivant",
  "Retour",
  "commentaire",
  "commentaires",
];

/**
 * Pages whose English version may show user content without its `lang`: none left since managers' and
 * evaluators' text stores its language too (issue 16; docs/decisions/0029, 0033, 0037). A page listed here
 * skips only the French-words check; everything else about it (scroll, axe, <html lang>) is checked.
 */
const UNMARKED_USER_CONTENT = new Set<string>();

type Role = { label: string; email?: string };
const ROLES: Role[] = [
  { label: "anonymous" },
  ...["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER", "ADMIN"].map((role) => {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
    return { label: role.toLowerCase(), email: account.email };
  }),
];

/** Sideways scroll, with the outermost elements that stick out (so the failure says what to fix). */
async function sidewaysScroll(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // Inside a scroll container (a table region), sticking out is that container's business.
    const scrolls = (el: Element) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
    const contained = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !contained(el))
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
    return `${document.documentElement.scrollWidth} > ${width}: ${culprits.join(", ")}`;
  });
}

/** Text of the page outside user content (any element whose `lang` is not English), and its French words. */
async function frenchInterfaceWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node instanceof HTMLElement) {
        const lang = node.getAttribute("lang");
        if (lang && !lang.startsWith("en")) return;
        if (["SCRIPT", "STYLE", "TEMPLATE"].includes(node.tagName)) return;
        if (node.hidden) return;
        for (const attr of ["aria-label", "title", "alt", "placeholder"]) {
          const value = node.getAttribute(attr);
          if (value) parts.push(value);
        }
      }
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
      node.childNodes.forEach(walk);
    };
    // The document's title is left out: an idea's title in it cannot carry its own language.
    walk(document.body);
    return parts.join(" ");
  });
  // Each French word found, with the text around its first occurrence (to find the string to translate).
  const found: string[] = [];
  for (const word of FRENCH_WORDS) {
    const match = new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, "u").exec(text);
    if (match)
      found.push(`${word} («${text.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, " ")}»)`);
  }
  return found;
}

/** Same-origin GET links of the page, as paths (with their query). */
async function linksOf(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .filter((a) => !a.hasAttribute("download"))
      .map((a) => (a as HTMLAnchorElement).href),
  );
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin)
    .map((url) => url.pathname + url.search)
    .filter((path) => !SKIPPED.some((pattern) => pattern.test(path.split("?")[0]!)));
}

/** Axe rules whose answer can change with the viewport (the full set runs at 390 px). */
const LAYOUT_RULES = ["color-contrast", "target-size", "scrollable-region-focusable"];

/** Route patterns already checked in full (both languages) by an earlier role: later roles check them in French only. */
const checkedInFull = new Set<string>();

beforeAll(async () => {
  await seedDemo();
});

const only = process.env.CRAWL_ROLES?.split(",");
for (const role of ROLES.filter((r) => !only || only.includes(r.label))) {
  test(
    `as ${role.label}: every page reached by links fits 390 and 1280 px, passes axe, speaks its language`,
    { timeout: 180_000 },
    async () => {
      const origin = new URL(suite.app.url).origin;
      const problems: string[] = [];
      const user = role.email
        ? await prisma.user.findUniqueOrThrow({ where: { email: role.email }, select: { id: true } })
        : undefined;
      const v = await suite.visitor({ viewport: PHONE }, user ? { user } : {});
      const { page, context } = v;
      const setLanguage = (locale: "fr" | "en") =>
        context.addCookies([{ name: "idees_lang", value: locale, url: suite.app.url }]);
      const queue = [...ENTRY_POINTS, ...(user ? SIGNED_IN_ENTRY_POINTS : [])];
      const seen = new Set<string>();
      while (queue.length > 0 && seen.size < MAX_PAGES) {
        const path = queue.shift()!;
        const pattern = routePattern(path.split("?")[0]!);
        if (seen.has(pattern)) continue;
        seen.add(pattern);
        const started = Date.now();
        const locales = checkedInFull.has(pattern) ? (["fr"] as const) : (["fr", "en"] as const);
        for (const locale of locales) {
          await setLanguage(locale);
          await page.setViewportSize(PHONE);
          const response = await page.goto(path);
          await hydrated(page);
          if (locale === "fr") for (const link of await linksOf(page, origin)) queue.push(link);
          const where = `${role.label} ${locale} ${path}`;
          if (!response || response.status() >= 400) problems.push(`${where}: HTTP ${response?.status()}`);
          const lang = await page.locator("html").getAttribute("lang");
          if (lang !== locale) problems.push(`${where}: <html lang="${lang}">`);
          if (locale === "en" && !UNMARKED_USER_CONTENT.has(pattern)) {
            const words = await frenchInterfaceWords(page);
            if (words.length) problems.push(`${where}: French interface words: ${words.join(", ")}`);
          }
          for (const viewport of [PHONE, DESKTOP]) {
            await page.setViewportSize(viewport);
            const at = `${where} at ${viewport.width} px`;
            const scroll = await sidewaysScroll(page);
            if (scroll) problems.push(`${at}: scrolls sideways: ${scroll}`);
            const axe = viewport === PHONE ? { tags: WCAG_TAGS } : { rules: LAYOUT_RULES };
            await checkA11y(page, at, axe).catch((error: Error) => problems.push(error.message));
          }
        }
        checkedInFull.add(pattern);
        if (process.env.CRAWL_TRACE) console.log(`[crawl] ${role.label} ${path} ${Date.now() - started} ms`);
      }
      await setLanguage("fr");
      try {
        v.watcher.assertClean(role.label);
      } catch (error) {
        problems.push((error as Error).message);
      }
      await context.close();
      // The crawl found the site, not just its entry points.
      expect(seen.size, [...seen].join(" ")).toBeGreaterThan(ENTRY_POINTS.length);
      expect(problems).toEqual([]);
    },
  );
}
