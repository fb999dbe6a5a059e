// Live updates in a real browser (Debian's Chromium) against the production build served by the real
// server: one person supports and comments; another person's open idea page and list page show the new
// count and the comment without reloading, and say so politely; a page that was disconnected catches
// up; without JavaScript nothing moves but nothing breaks. docs/decisions/0005-realtime.md
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { createIdea } from "~/models/idea.server.ts";
import { updateIdea } from "~/models/idea-edit.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { getSpace, makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const POLL = { timeout: 10_000, interval: 50 };
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A browser context, signed in as `user` when given (a session cookie, as after signing in). */
const visitor = (user?: { id: string }, options: { javaScriptEnabled?: boolean } = {}) =>
  suite.visitor(options, { user });

/** Sockets of the in-process app listening to `room` (on this process). */
const listeners = async (room: string) => (await suite.app.realtime.io.in(room).fetchSockets()).length;

/** Marks the document, to tell later that it was never reloaded. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
const announced = (page: Page) => page.locator("[data-testid=live-announcer]").textContent();
const ideaCount = (page: Page) => page.locator(".support-box [data-testid=support-count]").textContent();
const cardCount = (page: Page, title: string) =>
  page
    .locator("article.idea-card", { has: page.getByRole("link", { name: title }) })
    .locator("[data-testid=support-count] strong")
    .textContent();

test(
  "one person supports and comments; another's open idea page and list show it without reloading",
  { timeout: 120_000 },
  async () => {
    const space = await getSpace(SPACES.public);
    const alice = await makeUser({ displayName: `Alice ${run.slice(-4)}` });
    const title = `Des horaires d'accueil affichés en ligne ${run}`;
    const idea = await makeIdea({ author: alice, title });

    // B: a signed-in reader with the idea page and the list open, side by side.
    const carol = await makeUser({ displayName: `Carol ${run.slice(-4)}` });
    const b = await visitor(carol);
    const bList = await b.context.newPage();
    await Promise.all([b.page.goto(`/idees/${idea.id}`), bList.goto(`/espaces/${SPACES.public}?tri=newest`)]);
    await Promise.all([hydrated(b.page), hydrated(bList)]);
    await expect.poll(() => listeners(`idea:${idea.id}`), POLL).toBe(1);
    await expect.poll(() => listeners(`space:${space.id}`), POLL).toBe(1);
    await Promise.all([mark(b.page), mark(bList)]);
    expect(await ideaCount(b.page)).toBe("Aucun soutien");
    expect(await cardCount(bList, title)).toBe("0");

    // A: signed in, supports the idea, then comments.
    const bob = await makeUser({ displayName: `Bob ${run.slice(-4)}` });
    const a = await visitor(bob);
    await a.page.goto(`/idees/${idea.id}`);
    await hydrated(a.page);
    await a.page.getByRole("button", { name: "Soutenir" }).click();
    await expect.poll(() => ideaCount(b.page), POLL).toBe("1 soutien");
    await expect.poll(() => cardCount(bList, title), POLL).toBe("1");

    // B is writing a comment of her own when A's arrives: her draft must survive the refresh.
    const draft = `Mon brouillon en cours ${run}`;
    const bDraft = b.page.getByLabel("Votre commentaire", { exact: true });
    await bDraft.fill(draft);

    const comment = `Utile pour préparer un rendez-vous ${run}.`;
    await a.page.getByLabel("Votre commentaire", { exact: true }).fill(comment);
    await a.page.getByRole("button", { name: "Commenter" }).click();
    await b.page.locator("article.comment", { hasText: comment }).waitFor();
    await expect.poll(() => announced(b.page), POLL).toBe("Un nouveau commentaire sur cette idée.");
    expect(await b.page.locator("#comments-title").textContent()).toContain("1 commentaire");
    expect(await bDraft.inputValue()).toBe(draft);
    expect(await bDraft.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect
      .poll(() => bList.locator("article.idea-card", { hasText: title }).locator(".meta").textContent(), POLL)
      .toContain("1 commentaire");

    // B starts a reply to it, opened in place (docs/decisions/0043); A's next comment arrives live: the
    // open reply form and its draft stay.
    const bReplyControl = b.page.getByRole("button", { name: `Répondre à ${bob.displayName}` }).first();
    await bReplyControl.click();
    const bReply = b.page.getByLabel("Votre réponse");
    const replyDraft = `Ma réponse en cours ${run}`;
    await bReply.fill(replyDraft);
    const second = `Et pour les rendez-vous par téléphone ${run}.`;
    await a.page.getByLabel("Votre commentaire", { exact: true }).fill(second);
    await a.page.getByRole("button", { name: "Commenter" }).click();
    await b.page.locator("article.comment", { hasText: second }).waitFor();
    expect(await bReply.inputValue()).toBe(replyDraft);
    expect(await bReplyControl.getAttribute("aria-expanded")).toBe("true");

    // The author edits the idea: B's page shows the new text.
    const editedTitle = `${title} (précisée)`;
    await updateIdea({
      user: alice,
      ideaId: idea.id,
      input: { title: editedTitle, body: "Les horaires, *à jour*, sur chaque fiche d'agence.", tags: [] },
    });
    await b.page.getByRole("heading", { level: 1, name: editedTitle }).waitFor();
    await expect.poll(() => announced(b.page), POLL).toBe("Cette idée vient d'être mise à jour.");
    expect(await b.page.locator(".idea-page .prose em").textContent()).toBe("à jour");

    // A stage change (as the pipeline publishes it after its transaction) shows on both, and is announced.
    await prisma.idea.update({ where: { id: idea.id }, data: { stage: "UNDER_REVIEW" } });
    publish({ type: "idea:stage", ideaId: idea.id, spaceId: space.id, stage: "UNDER_REVIEW" });
    await expect.poll(() => b.page.locator(".idea-page__head .badge").textContent(), POLL).toBe("En étude");
    await expect.poll(() => announced(b.page), POLL).toBe("Cette idée passe à l'étape « En étude ».");
    await expect
      .poll(() => bList.locator("article.idea-card", { hasText: title }).locator(".badge").textContent(), POLL)
      .toBe("En étude");

    // A new idea: the list offers it instead of pushing the reader's list down, and shows it on request.
    const newTitle = `Un rappel par SMS la veille du rendez-vous ${run}`;
    await createIdea({
      user: alice,
      space,
      input: { title: newTitle, body: "Un SMS la veille réduit les rendez-vous manqués.", tags: [] },
    });
    const notice = bList.getByRole("button", { name: "1 nouvelle idée — afficher" });
    await notice.waitFor();
    await expect.poll(() => announced(bList), POLL).toBe("1 nouvelle idée");
    expect(await bList.getByRole("link", { name: newTitle }).count()).toBe(0);
    await checkA11y(bList, "list with the new-ideas notice");
    await notice.click();
    await bList.getByRole("link", { name: newTitle }).waitFor();
    expect(await notice.count()).toBe(0);

    // Neither page was reloaded.
    expect(await stillSameDocument(b.page)).toBe(true);
    expect(await stillSameDocument(bList)).toBe(true);
    await checkA11y(b.page, "idea page after live updates");
    a.watcher.assertClean("Person A");
    b.watcher.assertClean("Person B");
  },
);

test("a page whose connection dropped catches up when it reconnects", { timeout: 60_000 }, async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const b = await visitor();
  await b.page.goto(`/idees/${idea.id}`);
  await hydrated(b.page);
  await expect.poll(() => listeners(`idea:${idea.id}`), POLL).toBe(1);
  await mark(b.page);

  // The server drops the connection; what happens before the page reconnects is not pushed to it…
  suite.app.realtime.io.in(`idea:${idea.id}`).disconnectSockets();
  const voters = await Promise.all([makeUser(), makeUser()]);
  for (const user of voters) await setSupport({ user, ideaId: idea.id, supported: true });
  await prisma.comment.create({
    data: { id: `c${run}`, ideaId: idea.id, authorId: author.id, body: `Ajouté hors ligne ${run}` },
  });
  // …but once it is back, it catches up (exact counts, then a revalidation for the new comment).
  await expect.poll(() => ideaCount(b.page), POLL).toBe("2 soutiens");
  await b.page.locator("article.comment", { hasText: `Ajouté hors ligne ${run}` }).waitFor();
  expect(await stillSameDocument(b.page)).toBe(true);
  b.watcher.assertClean("reconnecting reader");
});

test("without JavaScript the pages work and simply do not move", { timeout: 60_000 }, async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const b = await visitor(undefined, { javaScriptEnabled: false });
  await b.page.goto(`/idees/${idea.id}`);
  expect(await ideaCount(b.page)).toBe("Aucun soutien");
  await setSupport({ user: await makeUser(), ideaId: idea.id, supported: true });
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect(await ideaCount(b.page)).toBe("Aucun soutien");
  await b.page.reload();
  expect(await ideaCount(b.page)).toBe("1 soutien");
  expect(await listeners(`idea:${idea.id}`)).toBe(0);
  b.watcher.assertClean("reader without JavaScript");
});

test(
  "signing in without a page load reopens the live connection with the person's rights",
  { timeout: 60_000 },
  async () => {
    const employee = await makeUser({ role: "EMPLOYEE" });
    const title = `Une idée interne suivie en direct ${run}`;
    const idea = await makeIdea({ author: employee, space: SPACES.internal, title });
    const publicIdea = await makeIdea({ author: employee });
    const internal = await getSpace(SPACES.internal);

    // An anonymous visitor on a live page: the tab's connection is anonymous.
    const v = await visitor();
    await v.page.goto(`/idees/${publicIdea.id}`);
    await hydrated(v.page);
    await expect.poll(() => listeners(`idea:${publicIdea.id}`), POLL).toBe(1);
    await mark(v.page);

    // Signs in (a client-side form post and redirect), then walks to the InnovAction idea by links.
    await v.page.getByRole("navigation", { name: "Mon espace" }).getByRole("link", { name: "Se connecter" }).click();
    await v.page.getByLabel("Adresse e-mail").fill(employee.email);
    await v.page.getByLabel("Mot de passe").fill(employee.password);
    await v.page.getByRole("button", { name: "Se connecter" }).click();
    await v.page.getByRole("link", { name: "Mon compte" }).waitFor();
    await v.page.getByRole("link", { name: "Idées", exact: true }).first().click();
    await v.page.getByRole("link", { name: "InnovAction" }).first().click();
    await v.page.getByRole("link", { name: title }).click();
    await v.page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expect.poll(() => listeners(`idea:${idea.id}`), POLL).toBe(1);
    await expect.poll(() => listeners(`space:${internal.id}`), POLL).toBe(0);

    await setSupport({ user: await makeUser({ role: "EMPLOYEE" }), ideaId: idea.id, supported: true });
    await expect.poll(() => ideaCount(v.page), POLL).toBe("1 soutien");
    expect(await stillSameDocument(v.page)).toBe(true);
    v.watcher.assertClean("visitor who signs in");
  },
);
