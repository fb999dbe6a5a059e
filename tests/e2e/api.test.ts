// API tokens in a real browser at 390×844 (docs/decisions/0026-read-api.md): created on /compte, the
// token shows once — then a reload shows only its name — it reads the API with its owner's
// visibility, the page with the token fits the screen and passes axe, and revoking it ends it.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

test(
  "a token is created on /compte, shown once, reads what its owner sees, and is revoked",
  { timeout: 120_000 },
  async () => {
    const employee = await makeUser({ role: "EMPLOYEE" });
    const internal = await makeIdea({ author: employee, space: SPACES.internal, title: "Une idée interne pour l'API" });
    const { page, watcher } = await suite.visitor({ viewport: { width: 390, height: 844 } }, { user: employee });
    await page.goto("/compte");
    await hydrated(page);
    await page.getByLabel("Nom").fill("Tableau de bord");
    await page.getByLabel("Durée de validité").selectOption("30");
    await page.getByRole("button", { name: "Créer un jeton" }).click();
    const shown = page.getByTestId("new-token");
    const token = (await shown.textContent())!;
    expect(token).toMatch(/^idees_[a-z2-7]+\.[a-z2-7]+$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkA11y(page, "account with a new API token");

    // Only its hash is stored; the API answers with the owner's visibility.
    const row = await prisma.apiToken.findFirstOrThrow({
      where: { userId: employee.id },
      select: { secretHash: true },
    });
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(token.split(".")[1]);
    const res = await fetch(new URL(`/api/v1/ideas/${internal.id}`, suite.app.url), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);

    // Shown once: after a reload the list names it, the secret is gone.
    await page.reload();
    await hydrated(page);
    expect(await page.getByTestId("new-token").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    await page.getByRole("rowheader", { name: "Tableau de bord", exact: true }).waitFor();

    await page.getByRole("button", { name: "Révoquer — Tableau de bord" }).click();
    await page.getByText("Le jeton est révoqué.").waitFor();
    const after = await fetch(new URL("/api/v1/spaces", suite.app.url), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
    watcher.assertClean("API tokens");
  },
);
