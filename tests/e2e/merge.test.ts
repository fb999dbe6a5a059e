// Merging duplicates in a real browser: a manager finds the receiving idea by typing its title and
// merges a duplicate from its management page; a
// supporter who had the duplicate's page open is sent on to the receiving idea without reloading by
// hand; an open list of the space drops the duplicate live; the manager page after the merge (with
// its "Annuler la fusion" form) passes axe-core.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser } from "../factories.ts";
import { checkA11y, hydrated, signIn } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const visitor = () => suite.visitor();

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const POLL = { timeout: 10_000, interval: 50 };

test("a manager merges a duplicate; its open page follows to the receiving idea", { timeout: 120_000 }, async () => {
  const [manager, author, supporter] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
  ]);
  const a = await makeIdea({ author, title: `Un guichet unique en ligne ${run}` });
  const b = await makeIdea({ author: supporter, title: `Un seul guichet sur internet ${run}` });
  await prisma.vote.create({ data: { ideaId: b.id, userId: supporter.id } });

  const s = await visitor();
  await signIn(s.page, supporter, `/idees/${b.id}`);

  // Someone reading the space's list, where both ideas show.
  const l = await visitor();
  await l.page.goto(`/espaces/emploi-store-idees?tri=newest`);
  await hydrated(l.page);
  await l.page.locator(`#idea-${b.id}-title`).waitFor();

  const m = await visitor();
  await signIn(m.page, manager, `/idees/${b.id}/pilotage`);
  // The receiving idea is found by typing part of its title (the duplicate itself is never offered).
  await m.page.getByLabel("Chercher l'idée d'accueil par son titre").pressSequentially(`guichet unique ${run}`);
  const pick = m.page.getByRole("radio", { name: new RegExp(`Un guichet unique en ligne ${run}`) });
  await pick.waitFor();
  expect(await m.page.getByRole("radio").count()).toBe(1);
  await checkA11y(m.page, "manager page with merge search results");
  await pick.check();
  expect(await m.page.getByLabel("Idée d'accueil (adresse de sa page ou identifiant)").inputValue()).toBe(a.id);
  await m.page.getByLabel("Note (facultative)").fill("La même proposition, formulée autrement.");
  await m.page.getByRole("button", { name: "Fusionner dans cette idée" }).click();
  await m.page.waitForURL(`**/idees/${a.id}/pilotage`);
  await hydrated(m.page);
  await m.page.getByRole("heading", { level: 2, name: "Idées fusionnées ici" }).waitFor();
  expect(await m.page.getByRole("button", { name: "Annuler la fusion" }).count()).toBe(1);
  await checkA11y(m.page, "manager page after a merge");

  // The supporter's open page of the duplicate is sent on to the receiving idea, which counts them.
  await s.page.waitForURL(`**/idees/${a.id}`, { timeout: POLL.timeout });
  await expect.poll(() => s.page.locator("[data-testid=support-count]").textContent(), POLL).toBe("1 soutien");
  await s.page.getByRole("heading", { level: 2, name: "Idées fusionnées ici" }).waitFor();
  await checkA11y(s.page, "idea page listing a merged idea");

  // The open list drops the merged idea live, like a hidden one, and keeps the receiving idea.
  await expect.poll(() => l.page.locator(`#idea-${b.id}-title`).count(), POLL).toBe(0);
  expect(await l.page.locator(`#idea-${a.id}-title`).count()).toBe(1);

  l.watcher.assertClean("list reader");
  s.watcher.assertClean("supporter");
  m.watcher.assertClean("manager");
});
