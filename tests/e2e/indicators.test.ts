// The managers' indicators page in a real browser (docs/decisions/0025-indicators-and-exports.md): reached
// from the board, filtered by space through its form, every chart's data table opened, and axe-core run
// on it; then read without JavaScript (axe needs scripts: the same markup was checked above), where the
// charts and their tables are all there.
import { expect, test } from "vitest";
import { advanceIdea, makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

test(
  "a manager opens the indicators from the board, filters them, and the page passes axe",
  { timeout: 120_000 },
  async () => {
    const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
    const piloted = await makeIdea({ author, space: SPACES.internal });
    await advanceIdea({ ideaId: piloted.id, manager, to: "PILOT" });
    await makeIdea({ author, space: SPACES.internal });

    const { page } = await suite.visitor({}, { user: manager });
    await page.goto("/pilotage");
    await hydrated(page);
    await page.getByRole("link", { name: "Indicateurs et exports" }).click();
    await page.getByRole("heading", { level: 1, name: "Indicateurs du pilotage" }).waitFor();
    await page.getByLabel("Espace", { exact: true }).selectOption(SPACES.internal);
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/\/pilotage\/indicateurs\?espace=innovaction/);
    await hydrated(page);

    expect(await page.locator("figure.chart svg[role=img]").count()).toBeGreaterThanOrEqual(4);
    for (const details of await page.locator("details.chart__data > summary").all()) await details.click();
    await page.locator("[data-testid=funnel-table]").waitFor();
    expect(await page.locator("[data-testid=pilots-table]").textContent()).toContain(piloted.title);
    await checkA11y(page, "indicators page, every data table open");

    // The export links keep the filters, in both separators.
    const hrefs = await page
      .locator("a[href^='/pilotage/export/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain("/pilotage/export/idees?espace=innovaction");
    expect(hrefs).toContain("/pilotage/export/kpis?espace=innovaction&sep=comma");
  },
);

test(
  "without JavaScript the charts, their summaries and their tables are all in the page",
  { timeout: 60_000 },
  async () => {
    const manager = await makeUser({ role: "MANAGER" });
    const { page } = await suite.visitor({ javaScriptEnabled: false }, { user: manager });
    await page.goto("/pilotage/indicateurs");
    await page.getByRole("heading", { level: 1, name: "Indicateurs du pilotage" }).waitFor();
    expect(await page.locator("figure.chart svg path, figure.chart svg rect").count()).toBeGreaterThan(0);
    expect(await page.locator("figure.chart figcaption .chart__summary").first().textContent()).toMatch(/idée/);
    expect(await page.locator("figure.chart details table caption").count()).toBe(
      await page.locator("figure.chart").count(),
    );
  },
);
