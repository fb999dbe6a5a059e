// A request the app itself cuts short is no error (docs/decisions/0053): when a click starts a navigation
// or a submission while a fetcher's load or another page's data is still arriving, the router aborts it
// and carries on. The person must get the page they asked for — never the error page — and nothing may
// be logged as an error. The responses are held by a proxy after their headers, so the abort lands while
// the body is being read: the window a loaded CI machine opened by chance, here opened on purpose.
import { expect, test } from "vitest";
import { makeUser, SPACES } from "../factories.ts";
import { hydrated, type Page, type ProblemWatcher } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";
import { startHoldingProxy } from "../support/holding-proxy.ts";

const suite = e2eSuite();

const POLL = { timeout: 10_000, interval: 50 };
const DESCRIPTION = "Les offres sont difficiles à lire sur un téléphone.";
const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const errorPages = (page: Page) => page.locator(".error-page").count();

/** The clicked page shows its heading, not the error page; once the held body is let go, nothing was logged. */
async function expectShownCleanly(
  v: { page: Page; watcher: ProblemWatcher },
  title: string,
  held: { release: () => void },
  label: string,
) {
  await expect.poll(() => heading(v.page), POLL).toBe(title);
  expect(await errorPages(v.page)).toBe(0);
  held.release();
  await v.watcher.quiet();
  v.watcher.assertClean(label);
}

test("publishing an idea while its similar ideas are still arriving opens the idea's page", async () => {
  const proxy = await startHoldingProxy(suite.app.url);
  // The suggestions asked for once the description is written (earlier ones were replaced by it).
  const held = proxy.holdBody(
    (path) =>
      path.startsWith("/api/idees-similaires.data?") &&
      new URLSearchParams(path.split("?")[1]).get("texte") === DESCRIPTION,
  );
  try {
    const v = await suite.visitor({}, { user: await makeUser(), baseUrl: proxy.url });
    await v.page.goto(`/espaces/${SPACES.public}/proposer`);
    await hydrated(v.page);
    const title = `Des offres lisibles sur mobile ${Date.now().toString(36)}`;
    await v.page.getByLabel("Titre", { exact: true }).fill(title);
    await v.page.getByLabel("Description").fill(DESCRIPTION);
    // The suggestions' answer has begun (fetcher.load), and stops there.
    await held.headersSent;
    // Submitting interrupts the fetcher's load (the router's interruptActiveLoads aborts it).
    await v.page.getByRole("button", { name: "Publier l'idée" }).click();
    await v.page.waitForURL(/\/idees\/[^/]+$/);
    await expectShownCleanly(v, title, held, "idea published while its suggestions were loading");
  } finally {
    held.release();
    await proxy.close();
  }
});

test("a click on a link while the previous link's page is still arriving opens the second page", async () => {
  const proxy = await startHoldingProxy(suite.app.url);
  const held = proxy.holdBody((path) => path.startsWith("/confidentialite.data"));
  try {
    const v = await suite.visitor({}, { baseUrl: proxy.url });
    await v.page.goto("/");
    await hydrated(v.page);
    await v.page.getByRole("link", { name: "Confidentialité", exact: true }).click();
    await held.headersSent;
    // The second click aborts the first navigation while its data is being read.
    await v.page.getByRole("link", { name: "Accessibilité : partiellement conforme" }).click();
    await v.page.waitForURL("**/accessibilite");
    await expectShownCleanly(
      v,
      "Déclaration d'accessibilité",
      held,
      "second link clicked while the first page was loading",
    );
  } finally {
    held.release();
    await proxy.close();
  }
});
