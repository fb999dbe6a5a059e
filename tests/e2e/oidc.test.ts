// Signing in through a real OpenID provider (oidc-provider, in its own process), in a real browser: as
// staff (the button on the sign-in page, the provider's page, back signed in with the mapped role and the
// agency; then signing out at the provider too) and as a member of the public through the
// FranceConnect-style provider (docs/decisions/0023-openid-connect.md).
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";
import { startTestProvider, type TestProvider } from "../support/oidc.ts";

let provider: TestProvider;
// Before the suite's own beforeAll: the app reads its OIDC_* settings when it starts.
beforeAll(async () => {
  provider = await startTestProvider();
  Object.assign(
    process.env,
    provider.env({ OIDC_STAFF_ROLE_MAP: "idees-managers:MANAGER", OIDC_STAFF_AGENCY_CLAIM: "agency" }),
  );
});
const suite = e2eSuite();
beforeAll(async () => {
  await provider.configure(suite.app.url, [
    {
      id: "staff-browser",
      label: "Nadia Agent (Agence de Nantes)",
      clients: ["idees-staff"],
      claims: {
        email: "nadia.agent@agence.test",
        email_verified: true,
        name: "Nadia Agent",
        groups: ["idees-managers"],
        agency: "Agence de Nantes",
      },
    },
    {
      id: "public-browser",
      label: "Lucie Publique (FranceConnect)",
      clients: ["idees-public"],
      claims: {
        email: "lucie.publique@example.test",
        email_verified: true,
        given_name: "Lucie",
        family_name: "Publique",
      },
    },
  ]);
});
afterAll(async () => {
  await provider?.close();
});

test(
  "staff sign in through the agency's provider and land signed in as the mapped role, agency stored",
  { timeout: 60_000 },
  async () => {
    const { page, watcher } = await suite.visitor();
    await page.goto("/connexion?redirectTo=%2Fcompte");
    await hydrated(page);
    await page.getByRole("button", { name: /Agent de l'agence/ }).click();
    // The provider's own sign-in page.
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.getByRole("button", { name: "Nadia Agent (Agence de Nantes)" }).click();
    await page.waitForURL(`${suite.app.url}/compte`);
    await hydrated(page);
    await expect(page.getByTestId("account-identities").textContent()).resolves.toContain("nadia.agent@agence.test");
    await expect(page.getByTestId("account-identities").textContent()).resolves.toContain("Agence de Nantes");
    await expect(page.locator("main").textContent()).resolves.toMatch(/Responsable/);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "nadia.agent@agence.test" },
      select: { role: true, agency: true },
    });
    expect(user).toEqual({ role: "MANAGER", agency: "Agence de Nantes" });

    // Signing out goes through the provider's logout and comes back home, signed out.
    await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
    await page.waitForURL(`${suite.app.url}/`, { timeout: 15_000 });
    await hydrated(page);
    await expect(page.getByRole("link", { name: "Se connecter" }).count()).resolves.toBeGreaterThan(0);
    expect(watcher.problems).toEqual([]);
  },
);

test(
  "a member of the public signs in through the FranceConnect-style provider and lands as PUBLIC",
  { timeout: 60_000 },
  async () => {
    const { page, watcher } = await suite.visitor();
    await page.goto("/connexion?redirectTo=%2Fcompte");
    await hydrated(page);
    await page.getByRole("button", { name: /FranceConnect/ }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.getByRole("button", { name: "Lucie Publique (FranceConnect)" }).click();
    await page.waitForURL(`${suite.app.url}/compte`);
    await hydrated(page);
    await expect(page.getByTestId("account-identities").textContent()).resolves.toContain(
      "lucie.publique@example.test",
    );
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "lucie.publique@example.test" },
      select: { role: true, displayName: true },
    });
    expect(user).toEqual({ role: "PUBLIC", displayName: "Lucie Publique" });
    expect(watcher.problems).toEqual([]);
  },
);
