// A hackathon in a real browser, on a phone (390 px): a manager creates it from the space page; two
// people register and form a team (one asks, the owner accepts); the team submits its project; a
// juror scores it; once the deadline has passed (moved at the database, as time would), the manager
// publishes the results and the winner shows on the public results page. Every page visited is checked
// with axe and for sideways scrolling; any console error or unexpected 4xx/5xx fails the test.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, signIn, type Page } from "../support/browser.ts";
import { e2eSuite, runWord } from "../support/e2e.ts";

const suite = e2eSuite();
const PHONE = { viewport: { width: 390, height: 844 } };
const run = runWord();

async function checkPage(page: Page, label: string) {
  await hydrated(page);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth, label).toBe(390);
  expect(scrollWidth, `${label} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  await checkA11y(page, label);
}

test(
  "a manager creates a hackathon; two people register and team up, submit, a juror scores, results are published",
  { timeout: 150_000 },
  async () => {
    const [manager, ines, karim, juror] = await Promise.all([
      makeUser({ role: "MANAGER" }),
      makeUser({ displayName: `Inès ${run}` }),
      makeUser({ displayName: `Karim ${run}` }),
      makeUser({ role: "EMPLOYEE", displayName: `Juré ${run}` }),
    ]);
    const m = await suite.visitor(PHONE);
    await signIn(m.page, manager, `/espaces/${SPACES.public}`);
    await m.page.getByRole("link", { name: "Organiser un hackathon" }).click();
    await m.page.getByRole("heading", { level: 1, name: /Organiser un hackathon dans/ }).waitFor();
    await checkPage(m.page, "new hackathon form");
    const title = `Hackathon mobilité ${run}`;
    await m.page.getByLabel("Nom du hackathon").fill(title);
    await m.page.getByLabel("En une phrase").fill("Deux jours pour faciliter les trajets vers l'emploi.");
    await m.page.getByLabel("Objectif", { exact: true }).fill("Construire un service avec les **données ouvertes**.");
    await m.page.getByLabel("Lieu (facultatif si en ligne)").fill("Paris");
    // The event runs from now on (submissions open), registration already open.
    const fields = m.page.locator("input[type=datetime-local]");
    const startsAt = await fields.nth(0).inputValue();
    await m.page.getByLabel("Début de l'événement").fill(startsAt);
    await m.page.getByLabel("Critères du jury").fill("Impact\nFaisabilité");
    await m.page.getByRole("button", { name: "Créer le hackathon" }).click();
    await m.page.getByRole("heading", { level: 1, name: title }).waitFor();
    const id = new URL(m.page.url()).pathname.split("/").pop()!;
    await m.page.getByText("En cours : les équipes construisent leur projet").waitFor();
    await checkPage(m.page, "hackathon page (manager)");
    await m.page.getByLabel("Adresse e-mail d'un agent").fill(juror.email);
    await m.page.getByRole("button", { name: "Ajouter au jury" }).click();
    await m.page.getByText("La personne fait partie du jury.").waitFor();

    // Inès registers and creates a team; the manager's open page counts her live.
    const i = await suite.visitor(PHONE);
    await signIn(i.page, ines, `/hackathons/${id}`);
    await checkPage(i.page, "hackathon page (participant)");
    await i.page.getByRole("button", { name: "S'inscrire" }).click();
    await i.page.getByText("Vous êtes inscrit au hackathon.").waitFor();
    await m.page.getByText("1 inscrit sur 60 places").waitFor({ timeout: 10_000 });
    await i.page.getByLabel("Nom de l'équipe").fill(`Les Trajets ${run}`);
    await i.page.getByRole("button", { name: "Créer une équipe" }).click();
    await i.page.getByText("Votre équipe est créée.").waitFor();

    // Karim registers and asks to join; Inès accepts.
    const k = await suite.visitor(PHONE);
    await signIn(k.page, karim, `/hackathons/${id}`);
    await k.page.getByRole("button", { name: "S'inscrire" }).click();
    await k.page.getByText("Vous êtes inscrit au hackathon.").waitFor();
    await k.page.getByRole("button", { name: `Demander à rejoindre Les Trajets ${run}` }).click();
    await k.page.getByText("Votre demande est envoyée au responsable de l'équipe.").waitFor();
    await i.page.reload();
    await i.page.getByRole("button", { name: `Accepter Karim ${run}` }).click();
    await i.page.getByText("La personne a rejoint l'équipe.").waitFor();
    await checkPage(i.page, "hackathon page (team owner)");

    // Karim submits the team's project: both are its authors.
    await k.page.reload();
    await k.page.getByLabel("Titre du projet").fill(`Trajets malins ${run}`);
    await k.page.getByLabel("Description du projet").fill("Le temps de trajet vers chaque offre, et les aides.");
    await k.page.getByLabel("Dépôt de code ou démonstration (facultatif)").fill("https://git.example.test/trajets");
    await k.page.getByRole("button", { name: "Déposer le projet de l'équipe" }).click();
    await k.page.getByText("Le projet est enregistré ; vos coéquipiers en sont coauteurs.").waitFor();
    await checkPage(k.page, "hackathon page (submitted)");
    const idea = await prisma.hackathonTeam.findFirstOrThrow({ where: { hackathonId: id }, select: { ideaId: true } });
    expect(await prisma.ideaCoauthor.count({ where: { ideaId: idea.ideaId!, userId: ines.id } })).toBe(1);

    // The juror scores it.
    const j = await suite.visitor(PHONE);
    await signIn(j.page, juror, `/hackathons/${id}`);
    await checkPage(j.page, "hackathon page (juror)");
    await j.page.getByRole("group", { name: "Impact" }).getByLabel("4/5", { exact: true }).check();
    await j.page.getByRole("group", { name: "Faisabilité" }).getByLabel("5/5", { exact: true }).check();
    await j.page.getByRole("button", { name: "Enregistrer mes notes" }).click();
    await j.page.getByText("Vos notes sont enregistrées.").waitFor();

    // Time passes (at the database): the deadline is over; the manager publishes the results.
    await prisma.$executeRaw`update hackathons set submission_deadline = now() - interval '1 second', results_at = now() where challenge_id = ${id}`;
    await m.page.goto(`/hackathons/${id}/resultats`);
    await checkPage(m.page, "results form (manager)");
    await m.page.getByLabel(new RegExp(`Trajets malins ${run}`)).selectOption("WINNER");
    await m.page.getByLabel("Le mot du jury").fill("Bravo : ce projet part en développement.");
    await m.page.getByRole("button", { name: "Publier", exact: true }).click();
    await m.page.getByText("Les résultats sont publiés").waitFor();

    // The public results page, for anyone.
    const reader = await suite.visitor(PHONE);
    await reader.page.goto(`/hackathons/${id}/resultats`);
    await reader.page.getByRole("heading", { name: "Projets lauréats" }).waitFor();
    await reader.page
      .getByRole("link", { name: `Trajets malins ${run}` })
      .first()
      .waitFor();
    await reader.page.getByText("note moyenne 4,5 / 5").waitFor();
    await checkPage(reader.page, "results page (anonymous)");
    expect((await prisma.idea.findUniqueOrThrow({ where: { id: idea.ideaId! }, select: { stage: true } })).stage).toBe(
      "SELECTED",
    );
    for (const v of [m, i, k, j, reader]) v.watcher.assertClean("hackathon journey");
  },
);
