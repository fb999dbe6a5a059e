// A real browser for the e2e journeys: Debian's Chromium driven by playwright-core (no browser is
// ever downloaded), a watcher that turns console errors, page errors and failed same-origin requests
// into a test failure, and an axe-core accessibility check. E2E_TRACE=1 prints every response and failed request.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Request,
} from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium.ts";

export type { Browser, BrowserContext, Page } from "playwright-core";

/** Debian's Chromium (or CHROMIUM_PATH), launched as the screenshots script launches it. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export async function newVisitor(browser: Browser, baseURL: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ locale: "fr-FR", baseURL, ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const watcher = new ProblemWatcher(baseURL, { javaScript: options.javaScriptEnabled !== false });
  watcher.watch(context);
  const page = await context.newPage();
  return { context, page, watcher };
}

/** Signs in through the sign-in form, asking to come back to `to`, and waits for that page to hydrate. */
export async function signIn(page: Page, user: { email: string; password: string }, to: string) {
  await page.goto(`/connexion?redirectTo=${encodeURIComponent(to)}`);
  await hydrated(page);
  await page.getByLabel("Adresse e-mail").fill(user.email);
  await page.getByLabel("Mot de passe").fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`**${to}`);
  await hydrated(page);
}

/**
 * Waits until React has hydrated the server-rendered page, so that what follows exercises the
 * enhanced (JavaScript) behaviour rather than racing it with plain HTML forms and links.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const footer = document.querySelector("footer");
    return footer !== null && Object.keys(footer).some((key) => key.startsWith("__reactFiber"));
  });
  return page;
}

/** A client-side navigation through Remix's router, as a link to another page of the app makes one. */
export async function navigateInApp(page: Page, to: string) {
  await page.evaluate(
    (path) =>
      void (window as unknown as { __remixRouter: { navigate(to: string): void } }).__remixRouter.navigate(path),
    to,
  );
}

/**
 * Holds the page's requests to `url` (a playwright route pattern) that `which` picks until `release()`;
 * the others go through. `asked` tells whether one was held. A held request the page has given up on
 * meanwhile is let go quietly.
 */
export async function holdRequests(page: Page, url: string, which: (request: Request) => boolean = () => true) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const hold = { asked: false, release: () => release() };
  await page.route(url, async (route) => {
    if (!which(route.request())) return route.continue();
    hold.asked = true;
    await released;
    await route.continue().catch(() => {});
  });
  return hold;
}

type Expected = { url: RegExp; status: number; seen: number };

/**
 * Collects what a person would call "the page broke": console errors, uncaught page errors and
 * same-origin responses with a 4xx/5xx status. A test announces the failures it provokes on purpose
 * (a 404 page, a form answered with 400) with `expect()`; everything else is a problem.
 */
export class ProblemWatcher {
  readonly problems: string[] = [];
  private readonly expected: Expected[] = [];
  private readonly origin: string;
  private readonly javaScript: boolean;
  private readonly inFlight = new Set<Request>();
  private lastActivity = 0;

  constructor(baseURL: string, options: { javaScript?: boolean } = {}) {
    this.origin = new URL(baseURL).origin;
    this.javaScript = options.javaScript ?? true;
  }

  /** From now on, same-origin responses matching `url` with this status are expected, as is the console line Chromium logs for them. */
  expect(url: RegExp, status: number) {
    this.expected.push({ url, status, seen: 0 });
  }

  private isExpected(url: string, status: number | undefined) {
    const hit = this.expected.find((e) => e.url.test(url) && (status === undefined || e.status === status));
    if (hit) hit.seen++;
    return hit !== undefined;
  }

  /** Same-origin requests the app makes, except socket.io's long polls, which never end. */
  private tracks(request: Request) {
    return request.url().startsWith(this.origin) && !new URL(request.url()).pathname.startsWith("/socket.io/");
  }

  /**
   * Waits until no tracked request has been in flight for `quietMs` (counted from the call too, so a
   * request that a click is about to start is not missed): the app has sent, been answered, and
   * revalidated. Unlike Playwright's "networkidle" load state, this works after the first load.
   */
  async quiet(quietMs = 400, timeoutMs = 10_000) {
    const start = Date.now();
    while (this.inFlight.size > 0 || Date.now() - Math.max(start, this.lastActivity) < quietMs) {
      if (Date.now() - start > timeoutMs) {
        throw new Error(
          `The network never went quiet; still in flight: ${[...this.inFlight].map((r) => `${r.method()} ${r.url()}`).join(", ")}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  watch(context: BrowserContext) {
    const attach = (page: Page) => {
      page.on("request", (request) => {
        if (!this.tracks(request)) return;
        this.inFlight.add(request);
        this.lastActivity = Date.now();
      });
      const done = (request: Request) => {
        if (this.inFlight.delete(request)) this.lastActivity = Date.now();
      };
      page.on("requestfinished", done);
      page.on("requestfailed", done);
      page.on("pageerror", (error) => this.problems.push(`page error: ${error.stack ?? error.message}`));
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        const where = message.location().url;
        // Chromium logs every 4xx/5xx resource; those are judged (and possibly expected) via `response`.
        const status = /status of (\d{3})/.exec(text)?.[1];
        if (/^Failed to load resource/.test(text) && where && status) {
          if (!where.startsWith(this.origin) || this.isExpected(where, Number(status))) return;
        }
        this.problems.push(`console.error: ${text}${where ? ` (${where})` : ""}`);
      });
      page.on("response", (response) => {
        const url = response.url();
        const status = response.status();
        if (process.env.E2E_TRACE)
          console.log(`[e2e] ${status} ${response.request().method()} ${url} ${response.request().postData() ?? ""}`);
        if (status < 400 || !url.startsWith(this.origin)) return;
        if (this.isExpected(url, status)) return;
        this.problems.push(`HTTP ${status}: ${response.request().method()} ${url}`);
      });
      page.on("requestfailed", (request) => {
        const url = request.url();
        const reason = request.failure()?.errorText ?? "failed";
        if (process.env.E2E_TRACE)
          console.log(`[e2e] ${reason} ${request.method()} ${url} ${request.postData() ?? ""}`);
        // A fetch the app cancels itself (a newer submission replaces an in-flight one) is not a failure.
        if (reason === "net::ERR_ABORTED") return;
        // With JavaScript disabled, Chromium refuses to fetch the page's scripts and reports it as "csp".
        if (!this.javaScript && reason === "csp") return;
        if (url.startsWith(this.origin)) this.problems.push(`request failed (${reason}): ${request.method()} ${url}`);
      });
    };
    context.pages().forEach(attach);
    context.on("page", attach);
  }

  /** Throws, listing everything that went wrong, if anything unexpected happened. */
  assertClean(label: string) {
    const unused = this.expected.filter((e) => e.seen === 0).map((e) => `${e.status} ${e.url}`);
    if (this.problems.length) {
      throw new Error(`${label}: the browser reported problems:\n- ${this.problems.join("\n- ")}`);
    }
    if (unused.length) throw new Error(`${label}: expected failures that never happened: ${unused.join(", ")}`);
  }
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

type AxeResult = {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
};

/** WCAG 2.0, 2.1 and 2.2 levels A and AA, plus axe's best practices (landmarks, headings, ids…). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Runs axe-core on the current page and fails listing every violation (rule, impact, target, help). */
export async function checkA11y(page: Page, label: string, options: { tags?: string[]; rules?: string[] } = {}) {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Through the DevTools protocol, which the page's Content-Security-Policy does not govern (an
  // injected <script> would be refused, as it should be).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  // `rules`: only these axe rules (e.g. the ones a viewport change can affect), instead of tags.
  const runOnly = options.rules
    ? { type: "rule", values: options.rules }
    : { type: "tag", values: options.tags ?? AXE_TAGS };
  const result = (await page.evaluate(
    (only) =>
      (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, {
        runOnly: only,
        resultTypes: ["violations"],
      }),
    runOnly,
  )) as AxeResult;
  if (result.violations.length === 0) return;
  const lines = result.violations.flatMap((v) => [
    `${v.id} (${v.impact ?? "?"}): ${v.help}`,
    ...v.nodes.map(
      (n) =>
        `    at ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`,
    ),
  ]);
  throw new Error(`Accessibility violations on ${label} (${page.url()}):\n${lines.join("\n")}`);
}
