// Discovery in a real browser: typing a title on the propose page shows look-alike ideas (announced
// politely), and the search page — reached from the header's search box — is accessible, with
// highlighted matches. Any console error or unexpected 4xx/5xx fails the test.
import { expect, test } from "vitest";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, signIn } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const visitor = (options: Parameters<typeof suite.visitor>[0] = {}) => suite.visitor(options);

const run = `quartz${Math.random()
  .toString(36)
  .replace(/[^a-z]/g, "")
  .slice(0, 5)}`;
const POLL = { timeout: 10_000, interval: 50 };

test(
  "typing a title on the propose page shows similar ideas, in a polite live region",
  { timeout: 60_000 },
  async () => {
    const [author, writer] = await Promise.all([makeUser(), makeUser()]);
    const body = "Choisir le créneau soi-même, sans attendre au téléphone.";
    const existing = await makeIdea({ author, title: `Prendre rendez-vous en ligne avec son conseiller ${run}`, body });
    await makeIdea({ author, space: SPACES.internal, title: `Prendre rendez-vous en ligne (interne) ${run}`, body });
    const w = await visitor();
    await signIn(w.page, writer, `/espaces/${SPACES.public}/proposer`);
    const region = w.page.getByTestId("similar-ideas");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    expect(await region.textContent()).toBe("");

    await w.page.getByLabel("Titre", { exact: true }).pressSequentially(`Rendez-vous en ligne ${run}`, { delay: 15 });
    const link = region.getByRole("link", { name: existing.title });
    await link.waitFor();
    await expect.poll(() => region.textContent(), POLL).toContain("1 idée ressemblante trouvée");
    expect(await link.getAttribute("href")).toBe(`/idees/${existing.id}`);
    // The internal idea is not visible to this PUBLIC writer, and never offered.
    expect(await region.textContent()).not.toContain("(interne)");
    await checkA11y(w.page, "propose form with similar ideas");

    // Clearing the title hides the suggestions.
    await w.page.getByLabel("Titre", { exact: true }).fill("");
    await expect.poll(() => region.textContent(), POLL).toBe("");
    await w.watcher.quiet();
    w.watcher.assertClean("writer");
  },
);

test("the header search box leads to accessible, highlighted, filterable results", { timeout: 60_000 }, async () => {
  const author = await makeUser();
  await makeIdea({ author, title: `Des emplois saisonniers ${run}`, tags: ["saison"] });
  await makeIdea({ author, title: `Un réseau d'entraide ${run}`, body: `Les emplois de proximité et ${run}.` });
  const v = await visitor();
  await v.page.goto("/");
  await hydrated(v.page);
  const search = v.page.getByRole("search", { name: "Rechercher dans les idées" });
  await search.getByLabel("Rechercher des idées").fill(`emploi ${run}`);
  await search.getByRole("button", { name: "Rechercher" }).click();
  await v.page.waitForURL(/\/recherche\?q=/);
  await v.page.getByTestId("search-count").filter({ hasText: "2 résultats" }).waitFor();
  const results = v.page.getByTestId("search-results");
  // The title match ranks first; its matched word is marked.
  expect(await results.locator("li").first().locator("h2 mark").allTextContents()).toEqual(["emplois", run]);
  await checkA11y(v.page, "search results");

  await v.page.getByLabel("Mot-clé").fill("saison");
  await v.page.getByRole("button", { name: "Appliquer" }).click();
  await v.page.getByTestId("search-count").filter({ hasText: "1 résultat" }).waitFor();
  await v.page.goto(`/recherche?q=${run}+introuvablement`);
  await v.page.getByText("Aucune idée ne correspond").waitFor();
  await checkA11y(v.page, "search, no results");
  await v.watcher.quiet();
  v.watcher.assertClean("searcher");
});
