// One language on the wire, and only what the page uses (docs/decisions/0016-i18n.md,
// 0046-messages-a-page-uses.md): a page hydrates with the messages it was rendered with, inlined in its
// HTML, and loads no catalogue until the person interacts; then it loads its own language's catalogue and
// never the other one. A real browser records every script a space page loads, and the bytes each took
// on the wire (the list page's budget: issue 18's 100 KB of compressed JavaScript). Also checks that no
// static chunk of the build holds either catalogue: they live only in their lazily loaded chunks.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { messages as en } from "~/locales/en/index.ts";
import { messages as fr } from "~/locales/fr/index.ts";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

// Plain sentences (kept as strings in the built chunks) that only one catalogue holds, and that a
// space page never shows.
const FRENCH = fr["hackathon.registrationClosed"];
const ENGLISH = en["hackathon.registrationClosed"];

/** The list page's JavaScript, compressed as the browser receives it (issue 18: ≤ 100 KB). */
const LIST_PAGE_JS_BUDGET = 100_000;

type Script = { url: string; text: string; wireBytes: number };

async function spacePage(locale: "fr" | "en") {
  const v = await suite.visitor({ locale: locale === "en" ? "en-GB" : "fr-FR" });
  const scripts = new Map<string, Script>();
  // Every script the page loads, static or lazily imported, with its encoded size.
  v.page.on("requestfinished", async (request) => {
    const response = await request.response();
    if (!response || !/javascript/.test(response.headers()["content-type"] ?? "")) return;
    const text = await response.text().catch(() => "");
    const { responseBodySize } = await request.sizes();
    scripts.set(request.url(), { url: new URL(request.url()).pathname, text, wireBytes: responseBodySize });
  });
  await v.page.goto(`/espaces/${SPACES.public}`);
  await hydrated(v.page);
  await v.page.waitForLoadState("networkidle");
  expect(await v.page.locator("html").getAttribute("lang")).toBe(locale);
  const beforeInteraction = [...scripts.values()];
  // A first interaction brings the rest of the page's language.
  await v.page.keyboard.press("Shift");
  await v.page.waitForLoadState("networkidle");
  await expect.poll(() => scripts.size).toBeGreaterThan(beforeInteraction.length);
  v.watcher.assertClean(`${locale} space page`);
  return { beforeInteraction, all: [...scripts.values()] };
}

const holding = (scripts: Script[], message: string) =>
  scripts.filter((s) => s.text.includes(message)).map((s) => s.url);
const wire = (scripts: Script[]) => scripts.reduce((sum, s) => sum + s.wireBytes, 0);

test(
  "a French page hydrates without a catalogue and loads the French one on interaction",
  { timeout: 60_000 },
  async () => {
    const { beforeInteraction, all } = await spacePage("fr");
    console.info(
      `JS loaded by a French space page: ${beforeInteraction.length} files, ${wire(beforeInteraction)} bytes on the wire; after an interaction ${all.length} files, ${wire(all)} bytes`,
    );
    expect(holding(beforeInteraction, FRENCH)).toEqual([]);
    expect(wire(beforeInteraction)).toBeLessThanOrEqual(LIST_PAGE_JS_BUDGET);
    expect(holding(all, FRENCH)).toHaveLength(1);
    expect(holding(all, ENGLISH)).toEqual([]);
  },
);

test(
  "an English page hydrates without a catalogue and loads the English one on interaction",
  { timeout: 60_000 },
  async () => {
    const { beforeInteraction, all } = await spacePage("en");
    expect(holding(beforeInteraction, ENGLISH)).toEqual([]);
    expect(holding(all, ENGLISH)).toHaveLength(1);
    expect(holding(all, FRENCH)).toEqual([]);
  },
);

test(
  "pages with parts only the browser renders (editors, toolbars, charts) hydrate without needing the catalogue",
  { timeout: 180_000 },
  async () => {
    // A text the browser renders that the server did not translate is missing from the page's messages:
    // it shows empty (a button without a name) and the browser fetches the whole catalogue to find it.
    const admin = await makeUser({ role: "ADMIN" });
    const idea = await makeIdea({ author: admin, space: SPACES.internal });
    const paths = [
      `/espaces/${SPACES.internal}/proposer`,
      `/espaces/${SPACES.internal}/defis/nouveau`,
      `/idees/${idea.id}`,
      `/idees/${idea.id}/modifier`,
      `/idees/${idea.id}/evaluation`,
      "/pilotage",
      "/pilotage/indicateurs",
      "/moderation",
      "/compte/profil",
      "/admin/webhooks",
      "/recherche?q=accueil",
    ];
    const needing: string[] = [];
    for (const path of paths) {
      // A visitor each: an empty cache, so a catalogue the page asks for is a request we see.
      const v = await suite.visitor({}, { user: admin });
      const scripts: string[] = [];
      // Each script's body is read after its request finished: awaited before the check, else a catalogue
      // read late (a loaded machine) would go unseen and the test pass.
      const reads: Promise<void>[] = [];
      v.page.on("requestfinished", (request) => {
        reads.push(
          (async () => {
            const response = await request.response();
            if (!response || !/javascript/.test(response.headers()["content-type"] ?? "")) return;
            if ((await response.text().catch(() => "")).includes(FRENCH)) scripts.push(request.url());
          })(),
        );
      });
      const response = await v.page.goto(path);
      expect(response?.status(), path).toBe(200);
      await hydrated(v.page);
      await v.page.waitForLoadState("networkidle");
      await Promise.all(reads);
      if (scripts.length > 0) needing.push(path);
      v.watcher.assertClean(path);
      await v.context.close();
    }
    expect(needing).toEqual([]);
  },
);

test("no static chunk of the client build holds a catalogue", () => {
  const dir = path.resolve("build/client/assets");
  const holders = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .filter((f) => {
      const text = readFileSync(path.join(dir, f), "utf8");
      return text.includes(FRENCH) || text.includes(ENGLISH);
    });
  // Exactly two chunks, one per language, and nothing statically imports them.
  expect(holders).toHaveLength(2);
  const importers = readdirSync(dir)
    .filter((f) => f.endsWith(".js") && !holders.includes(f))
    .filter((f) => {
      const text = readFileSync(path.join(dir, f), "utf8");
      return holders.some((h) => new RegExp(`(?:from|import)\\s*"\\./${h.replace(/[.$]/g, "\\$&")}"`).test(text));
    });
  expect(importers).toEqual([]);
});

test("the browser gets pre-parsed messages and intl-messageformat without the ICU parser", () => {
  const dir = path.resolve("build/client/assets");
  const withParser = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .filter((f) => readFileSync(path.join(dir, f), "utf8").includes("EXPECT_ARGUMENT_CLOSING_BRACE"));
  expect(withParser).toEqual([]);
});
