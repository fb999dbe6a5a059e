// PathLink (app/components/path-link.tsx, docs/decisions/0045-list-page-render-cost.md): the space
// page's links are plain anchors, and one listener in the root layout navigates in the app as <Link>
// did — no new document, a history entry per link followed, none for a link to the page already shown.
// Any console error or unexpected 4xx/5xx fails the test.
import { expect, test } from "vitest";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { hydrated } from "../support/browser.ts";
import { e2eSuite, runWord } from "../support/e2e.ts";

const suite = e2eSuite();

const run = runWord();

test(
  "a card's tag, title and author links navigate in the app, without loading a document",
  { timeout: 60_000 },
  async () => {
    const author = await makeUser();
    const idea = await makeIdea({ author, title: `Des liens sans rechargement ${run}`, tags: [`lien${run}`] });
    const v = await suite.visitor();
    const list = `/espaces/${SPACES.public}?tri=newest`;
    await v.page.goto(list);
    await hydrated(v.page);
    // A mark on this document: a full page load would lose it.
    await v.page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const sameDocument = () => v.page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument === true);
    const historyLength = () => v.page.evaluate(() => window.history.length);

    // The tab of the sort already shown points here: followed, it replaces the history entry (as <Link>).
    const before = await historyLength();
    await v.page
      .getByRole("navigation", { name: "Trier les idées" })
      .getByRole("link", { name: "Les plus récentes" })
      .click();
    expect(await historyLength()).toBe(before);

    const card = () => v.page.getByRole("article", { name: idea.title });
    await card()
      .getByRole("link", { name: `lien${run}` })
      .click();
    await v.page.waitForURL((url) => url.searchParams.get("mot-cle") === `lien${run}`);
    await card().waitFor();
    await card().getByRole("link", { name: idea.title }).click();
    await v.page.waitForURL(`**/idees/${idea.id}`);
    await v.page.getByRole("heading", { level: 1, name: idea.title }).waitFor();
    expect(await sameDocument()).toBe(true);

    // Each link followed added a history entry: back returns to the filtered list, in the same document.
    await v.page.goBack();
    await v.page.waitForURL((url) => url.searchParams.get("mot-cle") === `lien${run}`);
    await card().getByRole("link", { name: author.displayName }).click();
    await v.page.waitForURL(`**/personnes/${author.id}`);
    expect(await sameDocument()).toBe(true);
    await v.watcher.quiet();
    v.watcher.assertClean("visitor");
  },
);
