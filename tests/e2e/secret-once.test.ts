// A secret shown once (app/components/shown-once.tsx), in both places that show one: the API token on
// /compte and the webhook signing secret on /admin/webhooks. With JavaScript, a copy button named after
// what it copies puts the exact secret on the clipboard and says so; without JavaScript there is no dead
// button, the secret is there to select; French and English; 390 px wide and axe-clean.
import { expect, test } from "vitest";
import { makeUser } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();
const PHONE = { viewport: { width: 390, height: 844 } };
const fits = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

async function createWebhook(page: Page, url: string) {
  await page.goto("/admin/webhooks");
  await page.getByLabel(/^(Adresse|URL)/).fill(url);
  await page.locator('input[name="events"]').first().check();
  await page.locator('form#webhook button[type="submit"]').click();
  await page.getByTestId("webhook-secret").waitFor();
}

test(
  "the copy button copies the API token and the webhook secret, in French and in English",
  { timeout: 120_000 },
  async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const fr = await suite.visitor(PHONE, { user: admin });
    await fr.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await fr.page.goto("/compte");
    await hydrated(fr.page);
    await fr.page.getByLabel("Nom").fill("Copie du jeton");
    await fr.page.getByRole("button", { name: "Créer un jeton" }).click();
    const token = (await fr.page.getByTestId("new-token").textContent())!;
    expect(token).toMatch(/^idees_/);
    await fr.page.getByRole("button", { name: "Copier le jeton", exact: true }).click();
    await fr.page.getByText("Copié dans le presse-papiers.").waitFor();
    expect(await fr.page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await fits(fr.page);
    await checkA11y(fr.page, "a new API token with its copy button");

    await createWebhook(fr.page, "https://integrations.example.org/idees/recevoir");
    const secret = (await fr.page.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await fr.page.getByRole("button", { name: "Copier le secret de signature", exact: true }).click();
    await fr.page.getByText("Copié dans le presse-papiers.").waitFor();
    expect(await fr.page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await fits(fr.page);
    await checkA11y(fr.page, "a new webhook secret with its copy button");
    fr.watcher.assertClean("secret shown once (French)");

    const en = await suite.visitor({ ...PHONE, locale: "en-GB" }, { user: admin });
    await en.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await en.page.goto("/compte");
    await hydrated(en.page);
    await en.page.getByLabel("Name").fill("English token");
    await en.page.getByRole("button", { name: "Create a token" }).click();
    const englishToken = (await en.page.getByTestId("new-token").textContent())!;
    await en.page.getByRole("button", { name: "Copy the token", exact: true }).click();
    await en.page.getByText("Copied to the clipboard.").waitFor();
    expect(await en.page.evaluate(() => navigator.clipboard.readText())).toBe(englishToken);
    en.watcher.assertClean("secret shown once (English)");
  },
);

test("without JavaScript the secret is shown to select, with no copy button", { timeout: 60_000 }, async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const v = await suite.visitor({ ...PHONE, javaScriptEnabled: false }, { user: admin });
  await createWebhook(v.page, "https://integrations.example.org/idees/sans-script");
  expect(await v.page.getByTestId("webhook-secret").textContent()).toMatch(/^whsec_/);
  expect(await v.page.getByRole("button", { name: /^Copier/ }).count()).toBe(0);
  await fits(v.page);
  v.watcher.assertClean("secret shown once without JavaScript");
});
