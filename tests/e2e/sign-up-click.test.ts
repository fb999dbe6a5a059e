// Issue 16: after a validation error on sign-up, the first click on "Créer mon compte" was lost — leaving
// the corrected field cleared its error, the button moved up and the click missed it. The person corrects
// the field and clicks once: the account is created.
import { expect, test } from "vitest";
import { hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite({ smtp: true });

test("after a validation error, one click on “Créer mon compte” is enough", { timeout: 60_000 }, async () => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { page, watcher } = await suite.visitor({ viewport: { width: 390, height: 844 } });
  await page.goto("/inscription");
  await hydrated(page);
  await page.getByLabel("Adresse e-mail").fill(`click-${run}@example.test`);
  await page.getByLabel("Nom affiché").fill(`Camille ${run.slice(-4)}`);
  await page.getByLabel("Mot de passe").fill("court");
  const submit = page.getByRole("button", { name: "Créer mon compte" });
  await submit.click();
  // The error is shown next to the password, the form is not sent.
  await page.locator("[aria-invalid=true]").first().waitFor();
  expect(await page.getByLabel("Mot de passe").getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(".field-error").count()).toBe(1);
  expect(new URL(page.url()).pathname).toBe("/inscription");

  // Corrected, then one click (the field loses focus on that very click).
  await page.getByLabel("Mot de passe").fill("un-mot-de-passe-solide");
  await submit.click();
  await page.waitForURL("**/inscription/verifiez");
  expect(watcher.problems).toEqual([]);
});
