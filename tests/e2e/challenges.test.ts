// Challenges in a real browser: a manager launches one from the space page; a reader keeps its page
// open while someone proposes an idea into it, and the new idea is offered there without a reload.
// Every page visited is checked with axe; any console error or unexpected 4xx/5xx fails the test.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, signIn } from "../support/browser.ts";
import { e2eSuite, runWord } from "../support/e2e.ts";

const suite = e2eSuite();

const visitor = () => suite.visitor();

const POLL = { timeout: 10_000, interval: 50 };
const run = runWord();

test(
  "a manager launches a challenge; an idea proposed into it appears on its open page",
  { timeout: 90_000 },
  async () => {
    const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser()]);
    const m = await visitor();
    await signIn(m.page, manager, `/espaces/${SPACES.public}`);
    await m.page.getByRole("link", { name: "Lancer un défi" }).click();
    await m.page.getByRole("heading", { level: 1, name: /Lancer un défi dans/ }).waitFor();
    await hydrated(m.page);
    await checkA11y(m.page, "new challenge form");
    const title = `Défi mobilité ${run}`;
    await m.page.getByLabel("Titre du défi").fill(title);
    await m.page.getByLabel("Accroche").fill("Se rendre à un entretien sans voiture : vos solutions.");
    await m.page.getByLabel("Cahier des charges").fill("Le **contexte** et les attentes du défi.");
    await m.page.getByLabel("Mots-clés").fill("mobilité");
    await m.page.getByRole("button", { name: "Lancer le défi" }).click();
    await m.page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expect
      .poll(() => m.page.getByTestId("challenge-status").textContent(), POLL)
      .toMatch(/^Ouvert jusqu'au .* · Plus que \d+ jours$/);
    const challengeId = new URL(m.page.url()).pathname.split("/").pop()!;
    await checkA11y(m.page, "challenge page (manager)");

    // A reader keeps the challenge's page open.
    const reader = await visitor();
    await reader.page.goto(`/defis/${challengeId}`);
    await hydrated(reader.page);
    await reader.page.getByText("Aucune idée pour l'instant.").waitFor();
    await checkA11y(reader.page, "challenge page (anonymous)");

    // Someone proposes into it from the challenge page's button.
    const a = await visitor();
    await signIn(a.page, author, `/defis/${challengeId}`);
    await a.page.getByRole("link", { name: "Proposer une idée pour ce défi" }).click();
    await a.page.getByLabel("Titre", { exact: true }).waitFor();
    await hydrated(a.page);
    expect(await a.page.getByLabel("Défi").inputValue()).toBe(challengeId);
    const ideaTitle = `Un covoiturage vers les entretiens ${run}`;
    await a.page.getByLabel("Titre", { exact: true }).fill(ideaTitle);
    await a.page
      .getByLabel("Description")
      .fill("Mettre en relation les candidats d'un même secteur qui ont un entretien le même jour.");
    await a.page.getByRole("button", { name: "Publier l'idée" }).click();
    await a.page.getByRole("heading", { level: 1, name: ideaTitle }).waitFor();
    await a.page.getByRole("link", { name: `Défi : ${title}` }).waitFor();
    expect(
      (await prisma.idea.findFirstOrThrow({ where: { title: ideaTitle }, select: { challengeId: true } })).challengeId,
    ).toBe(challengeId);

    // The reader's open page (sorted "hot") offers it — a link to the newest ideas, where it is.
    const notice = reader.page.getByRole("link", { name: "1 nouvelle idée — afficher" });
    await notice.waitFor({ timeout: 10_000 });
    expect(await reader.page.getByTestId("live-announcer").textContent()).toContain("1 nouvelle idée");
    await notice.click();
    await reader.page.waitForURL(/tri=newest/);
    await reader.page.getByRole("link", { name: ideaTitle }).waitFor();
    for (const v of [m, reader, a]) v.watcher.assertClean("challenge journey");
  },
);
