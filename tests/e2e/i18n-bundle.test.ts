// One language on the wire (docs/decisions/0016-i18n.md): a page loads the catalogue of its own language
// and never the other one. A real browser records every script an English (then French) space page
// loads; a distinctive message of each catalogue must appear only where it belongs. Also checks that no
// static chunk of the build holds either catalogue: they live only in their lazily loaded chunks.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { messages as en } from "~/locales/en/index.ts";
import { messages as fr } from "~/locales/fr/index.ts";
import { SPACES } from "../factories.ts";
import { hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

// Plain sentences (kept as strings in the built chunks) that only one catalogue holds.
const FRENCH = fr["space.empty"];
const ENGLISH = en["space.empty"];

async function scriptsOfPage(locale: "fr" | "en") {
  const v = await suite.visitor({ locale: locale === "en" ? "en-GB" : "fr-FR" });
  const scripts = new Map<string, string>();
  // Every script the page loads, static or lazily imported.
  v.page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/javascript/.test(type)) return;
    scripts.set(response.url(), await response.text().catch(() => ""));
  });
  await v.page.goto(`/espaces/${SPACES.public}`);
  await hydrated(v.page);
  await v.page.waitForLoadState("networkidle");
  expect(await v.page.locator("html").getAttribute("lang")).toBe(locale);
  v.watcher.assertClean(`${locale} space page`);
  return [...scripts].map(([url, text]) => ({ url: new URL(url).pathname, text }));
}

type Script = { url: string; text: string };
const holding = (scripts: Script[], message: string) =>
  scripts.filter((s) => s.text.includes(message)).map((s) => s.url);

function weigh(scripts: Script[]) {
  const raw = scripts.reduce((sum, s) => sum + Buffer.byteLength(s.text), 0);
  const gzipped = scripts.reduce((sum, s) => sum + gzipSync(s.text).length, 0);
  return { files: scripts.length, raw, gzipped };
}

test("an English page loads the English catalogue and not the French one", { timeout: 60_000 }, async () => {
  const scripts = await scriptsOfPage("en");
  console.info("JS loaded by an English space page:", weigh(scripts));
  expect(holding(scripts, ENGLISH)).toHaveLength(1);
  expect(holding(scripts, FRENCH)).toEqual([]);
});

test("a French page loads the French catalogue and not the English one", { timeout: 60_000 }, async () => {
  const scripts = await scriptsOfPage("fr");
  expect(holding(scripts, FRENCH)).toHaveLength(1);
  expect(holding(scripts, ENGLISH)).toEqual([]);
});

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
