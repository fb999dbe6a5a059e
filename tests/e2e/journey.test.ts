// User journeys in a real browser (Debian's Chromium) against the production build served by the real
// server: sign up, propose, support, discuss, private space, English, and the same without JavaScript.
// Every page visited is checked with axe-core; any console error, page error or unexpected 4xx/5xx fails.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite({ smtp: true });

const visitor = (options: Parameters<typeof suite.visitor>[0] = {}) => suite.visitor(options);

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const POLL = { timeout: 10_000, interval: 50 };
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();
const supportCount = (page: Page) => text(page, "[data-testid=support-count]");
const flash = (page: Page) => text(page, "[data-testid=flash]");
const ideaIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

test("two people propose, support and discuss an idea; every page is accessible", { timeout: 120_000 }, async () => {
  // --- A signs up from the home page.
  const a = await visitor();
  await a.page.goto("/");
  await hydrated(a.page);
  await checkA11y(a.page, "home (anonymous)");
  await a.page.getByRole("navigation", { name: "Mon espace" }).getByRole("link", { name: "Créer un compte" }).click();
  await a.page.waitForURL("**/inscription");
  await a.page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();
  await checkA11y(a.page, "sign-up");
  const aliceName = `Alice ${run.slice(-4)}`;
  await a.page.getByLabel("Adresse e-mail").fill(`alice-${run}@example.test`);
  await a.page.getByLabel("Nom affiché").fill(aliceName);
  await a.page.getByLabel("Mot de passe").fill("un-mot-de-passe-solide");
  await a.page.getByRole("button", { name: "Créer mon compte" }).click();
  // The account is activated from the link e-mailed to the address, with the password just chosen.
  await a.page.waitForURL("**/inscription/verifiez");
  await a.page.getByRole("heading", { level: 1, name: "Vérifiez votre boîte mail" }).waitFor();
  await checkA11y(a.page, "check your mailbox");
  await expect.poll(() => suite.smtp.to(`alice-${run}@example.test`).length, POLL).toBe(1);
  const link = /http\S+\/inscription\/confirmer\/[a-z2-7]+/.exec(
    suite.smtp.to(`alice-${run}@example.test`)[0]!.text,
  )![0];
  await a.page.goto(new URL(link).pathname);
  await a.page.getByRole("heading", { level: 1, name: "Activer votre compte" }).waitFor();
  await checkA11y(a.page, "activate the account");
  await a.page.getByLabel("Mot de passe").fill("un-mot-de-passe-solide");
  await a.page.getByRole("button", { name: "Activer mon compte" }).click();
  await a.page.waitForURL(`${suite.app.url}/`);
  await expect.poll(() => flash(a.page), POLL).toBe(`Bienvenue, ${aliceName} !`);
  await a.page.getByRole("link", { name: "Mon compte" }).waitFor();
  await checkA11y(a.page, "home (signed in, with flash)");

  // --- A goes to Emploi Store Idées and opens the form.
  await a.page.getByRole("link", { name: "Emploi Store Idées" }).click();
  await a.page.waitForURL(`**/espaces/${SPACES.public}`);
  await a.page.getByRole("heading", { level: 1, name: "Emploi Store Idées" }).waitFor();
  await checkA11y(a.page, "space list");
  await a.page.getByRole("link", { name: "Proposer une idée" }).click();
  await a.page.waitForURL(`**/espaces/${SPACES.public}/proposer`);
  await a.page.getByRole("heading", { level: 1, name: "Proposer une idée dans Emploi Store Idées" }).waitFor();
  await checkA11y(a.page, "propose form");

  // A too-short title: the error sits next to the field and nothing is stored.
  const ideasBefore = await prisma.idea.count();
  const title = a.page.getByLabel("Titre", { exact: true });
  await title.fill("Court");
  await a.page.getByLabel("Description").fill("Une description assez longue pour passer.");
  await a.page.getByRole("button", { name: "Publier l'idée" }).click();
  await expect.poll(() => title.getAttribute("aria-invalid"), POLL).toBe("true");
  const describedBy = (await title.getAttribute("aria-describedby"))!.split(" ");
  const messages = await Promise.all(describedBy.map((id) => a.page.locator(`[id="${id}"]`).textContent()));
  expect(messages).toContain("8 caractères au moins.");
  const errorId = describedBy[messages.indexOf("8 caractères au moins.")]!;
  // "Next to the field": the message is in the same field group as the input.
  expect(await a.page.locator(".field", { has: title }).locator(`[id="${errorId}"]`).count()).toBe(1);
  await expect.poll(() => title.evaluate((el) => el === document.activeElement), POLL).toBe(true);
  await checkA11y(a.page, "propose form with errors");
  expect(await prisma.idea.count()).toBe(ideasBefore);
  expect(a.page.url()).toMatch(/\/proposer$/);

  // A valid idea with markdown and tags.
  const ideaTitle = `Des offres lisibles sur mobile ${run}`;
  await title.fill(ideaTitle);
  await expect.poll(() => title.getAttribute("aria-invalid"), POLL).toBeNull();
  await a.page
    .getByLabel("Description")
    .fill(
      "Les offres sont **difficiles à lire** sur un téléphone.\n\nNous proposons :\n\n- une mise en page adaptée\n- des filtres simples",
    );
  await a.page.getByLabel("Mots-clés").fill("Mobile, accessibilité");
  await a.page.getByRole("button", { name: "Publier l'idée" }).click();
  await a.page.waitForURL(/\/idees\/[^/]+$/);
  const ideaId = ideaIdOf(a.page);
  await a.page.getByRole("heading", { level: 1, name: ideaTitle }).waitFor();
  await expect.poll(() => flash(a.page), POLL).toBe("Votre idée est publiée.");
  expect(await text(a.page, ".idea-page .prose strong")).toBe("difficiles à lire");
  expect(await a.page.locator(".idea-page .prose ul > li").allTextContents()).toEqual([
    "une mise en page adaptée",
    "des filtres simples",
  ]);
  expect(await a.page.getByRole("list", { name: "Mots-clés" }).getByRole("listitem").allTextContents()).toEqual([
    "mobile",
    "accessibilité",
  ]);
  expect(await supportCount(a.page)).toBe("Aucun soutien");
  expect(await prisma.idea.count()).toBe(ideasBefore + 1);
  await checkA11y(a.page, "idea page (author, no comments)");

  // A's account page.
  await a.page.getByRole("link", { name: "Mon compte" }).click();
  await a.page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
  await checkA11y(a.page, "account");

  // --- B opens the idea anonymously, signs in from the support box and comes back to it.
  const bob = await makeUser({ displayName: `Bob ${run.slice(-4)}` });
  const b = await visitor();
  await b.page.goto(`/idees/${ideaId}`);
  await hydrated(b.page);
  await b.page.getByRole("link", { name: "Connectez-vous pour soutenir cette idée" }).click();
  await b.page.waitForURL(/\/connexion\?redirectTo=/);
  await b.page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
  await checkA11y(b.page, "sign-in");
  await b.page.getByLabel("Adresse e-mail").fill(bob.email);
  await b.page.getByLabel("Mot de passe").fill(bob.password);
  await b.page.getByRole("button", { name: "Se connecter" }).click();
  await b.page.waitForURL(`**/idees/${ideaId}`);
  await expect.poll(() => flash(b.page), POLL).toBe(`Bienvenue, ${bob.displayName} !`);

  // Support, withdraw, support again: it ends supported, counted once.
  const toggle = b.page.locator(".support-box button");
  // Once the vote is answered (its state: the page is not reloaded, docs/decisions/0056), the page and the
  // database agree.
  const settled = async (pressed: "true" | "false", count: string, votes: number) => {
    await b.watcher.quiet();
    expect(await toggle.getAttribute("aria-pressed")).toBe(pressed);
    expect(await toggle.textContent()).toBe(pressed === "true" ? "Retirer mon soutien" : "Soutenir");
    expect(await supportCount(b.page)).toBe(count);
    expect(await prisma.vote.count({ where: { ideaId } })).toBe(votes);
  };
  await b.page.getByRole("button", { name: "Soutenir" }).click();
  await settled("true", "1 soutien", 1);
  await toggle.click();
  await settled("false", "Aucun soutien", 0);
  await toggle.click();
  await settled("true", "1 soutien", 1);
  // A double click is one action: the second click, sent while the first is in flight, is ignored.
  await toggle.click();
  await settled("false", "Aucun soutien", 0);
  await toggle.dblclick();
  await settled("true", "1 soutien", 1);
  expect(await prisma.vote.count({ where: { ideaId, userId: bob.id } })).toBe(1);
  await b.page.reload();
  await hydrated(b.page);
  expect(await supportCount(b.page)).toBe("1 soutien");

  // B comments.
  const bobComment = `Très utile pour les personnes en déplacement ${run}.`;
  await b.page.getByLabel("Votre commentaire", { exact: true }).fill(bobComment);
  await b.page.getByRole("button", { name: "Commenter" }).click();
  const bobArticle = b.page.locator("article.comment", { hasText: bobComment });
  await bobArticle.waitFor();
  await expect.poll(() => flash(b.page), POLL).toBe("Votre commentaire est publié.");
  expect(await b.page.getByLabel("Votre commentaire", { exact: true }).inputValue()).toBe("");

  // A sees the support and the comment after a reload, and replies.
  await a.page.goto(`/idees/${ideaId}`);
  await hydrated(a.page);
  expect(await supportCount(a.page)).toBe("1 soutien");
  await a.page.locator("article.comment", { hasText: bobComment }).waitFor();
  // No reply form until asked for (docs/decisions/0043): a "Répondre à …" disclosure button per comment
  // (a link to `?repondre=<id>` without JavaScript, tests/comment-pages.test.ts) opens it in place.
  const replyControl = a.page.getByRole("button", { name: `Répondre à ${bob.displayName}` });
  const replyText = a.page.getByLabel("Votre réponse");
  const focused = (locator: typeof replyText) => locator.evaluate((el) => el === document.activeElement);
  expect(await replyControl.getAttribute("aria-expanded")).toBe("false");
  expect(await replyText.count()).toBe(0);
  await replyControl.click();
  // The focus goes into its text; Escape closes it and gives the focus back to the button.
  await expect.poll(() => focused(replyText), POLL).toBe(true);
  expect(await replyControl.getAttribute("aria-expanded")).toBe("true");
  await checkA11y(a.page, "idea page with a reply form open");
  await a.page.keyboard.press("Escape");
  await expect.poll(() => replyText.count(), POLL).toBe(0);
  expect(await focused(replyControl)).toBe(true);
  expect(await replyControl.getAttribute("aria-expanded")).toBe("false");
  // Opened again from the keyboard; "Annuler" closes it the same way.
  await a.page.keyboard.press("Enter");
  await expect.poll(() => focused(replyText), POLL).toBe(true);
  await a.page.locator(".reply").getByRole("button", { name: "Annuler", exact: true }).click();
  await expect.poll(() => replyText.count(), POLL).toBe(0);
  expect(await focused(replyControl)).toBe(true);
  await replyControl.click();
  const reply = `Merci ! Je précise le constat ${run}.`;
  await replyText.fill(reply);
  await a.page.getByRole("button", { name: "Envoyer la réponse" }).click();
  await a.page.locator(".comment-list--replies article.comment", { hasText: reply }).waitFor();
  await expect.poll(() => flash(a.page), POLL).toBe("Votre commentaire est publié.");
  // The reply form closed once sent: the same text cannot be sent twice by accident.
  await expect.poll(() => replyText.count(), POLL).toBe(0);
  expect(await replyControl.getAttribute("aria-expanded")).toBe("false");
  await checkA11y(a.page, "idea page with comments (author)");
  // The report form is asked for the same way (docs/decisions/0049): a disclosure button per comment,
  // the form in place with the focus on its reason; Escape closes it and gives the focus back.
  const bobFromA = a.page.locator("article.comment", { hasText: bobComment });
  const flagControl = bobFromA.getByRole("button", { name: "Signaler ce commentaire" });
  const flagReason = bobFromA.getByLabel("Motif");
  expect(await flagControl.getAttribute("aria-expanded")).toBe("false");
  expect(await a.page.locator('form[id^="flag-"]:not(#flag-idea)').count()).toBe(0);
  await flagControl.click();
  await expect.poll(() => focused(flagReason), POLL).toBe(true);
  expect(await flagControl.getAttribute("aria-expanded")).toBe("true");
  await checkA11y(a.page, "idea page with a comment's report form open");
  await a.page.keyboard.press("Escape");
  await expect.poll(() => flagReason.count(), POLL).toBe(0);
  expect(await focused(flagControl)).toBe(true);
  // Sent, the control gives way to "already reported", which takes the focus instead of the page's body.
  await flagControl.click();
  await flagReason.selectOption("SPAM");
  await bobFromA.getByRole("button", { name: "Envoyer le signalement" }).click();
  const reported = bobFromA.getByText("Vous avez déjà signalé ce contenu.");
  await expect.poll(() => reported.count(), POLL).toBe(1);
  await expect.poll(() => focused(reported), POLL).toBe(true);

  // B edits, then deletes, their comment; A's reply stays, under "Commentaire supprimé".
  await b.page.reload();
  await hydrated(b.page);
  const edited = `Très utile, surtout en déplacement ${run}.`;
  await bobArticle.getByText("Modifier", { exact: true }).click();
  await bobArticle.getByLabel("Modifier votre commentaire").fill(edited);
  await checkA11y(b.page, "idea page with comments and an open edit form");
  await bobArticle.getByRole("button", { name: "Enregistrer" }).click();
  const editedArticle = b.page.locator("article.comment", { hasText: edited });
  await editedArticle.waitFor();
  await expect.poll(() => flash(b.page), POLL).toBe("Votre commentaire est modifié.");
  expect(await editedArticle.locator(".meta").textContent()).toContain("modifié");
  expect(await editedArticle.locator(".comment__actions details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(
    false,
  );
  expect(await editedArticle.getByLabel("Modifier votre commentaire").inputValue()).toBe(edited);
  await editedArticle.getByRole("button", { name: "Supprimer" }).click();
  await expect.poll(() => flash(b.page), POLL).toBe("Votre commentaire est supprimé.");
  await b.page.locator("article.comment", { hasText: "Commentaire supprimé" }).waitFor();
  expect(await b.page.locator("article.comment", { hasText: edited }).count()).toBe(0);
  await b.page.locator(".comment-list--replies article.comment", { hasText: reply }).waitFor();
  await checkA11y(b.page, "idea page with a deleted comment");

  await a.page.reload();
  await hydrated(a.page);
  expect(await a.page.locator("article.comment", { hasText: edited }).count()).toBe(0);
  await a.page.locator(".comment-list--replies article.comment", { hasText: reply }).waitFor();
  expect(await prisma.comment.count({ where: { ideaId, deletedAt: null } })).toBe(1);

  a.watcher.assertClean("Person A");
  b.watcher.assertClean("Person B");
});

test(
  "an anonymous visitor gets the 404 page for an InnovAction idea and for the space itself",
  { timeout: 60_000 },
  async () => {
    const employee = await makeUser({ role: "EMPLOYEE" });
    const secret = `Projet interne confidentiel ${run}`;
    const idea = await makeIdea({ author: employee, space: SPACES.internal, title: secret });
    const v = await visitor();
    v.watcher.expect(new RegExp(`/idees/${idea.id}$`), 404);
    v.watcher.expect(new RegExp(`/espaces/${SPACES.internal}$`), 404);

    const response = await v.page.goto(`/idees/${idea.id}`);
    expect(response?.status()).toBe(404);
    await v.page.getByRole("heading", { level: 1, name: "Page introuvable" }).waitFor();
    await hydrated(v.page);
    expect(await v.page.title()).toBe("Page introuvable — Idées");
    expect(await v.page.content()).not.toContain(secret);
    await checkA11y(v.page, "404 page");

    const space = await v.page.goto(`/espaces/${SPACES.internal}`);
    expect(space?.status()).toBe(404);
    await v.page.getByRole("heading", { level: 1, name: "Page introuvable" }).waitFor();

    // Back home through the error page's link: InnovAction is not even listed.
    await v.page.getByRole("link", { name: "Retour à l'accueil" }).click();
    await v.page.getByRole("heading", { level: 1, name: "Bienvenue sur Idées" }).waitFor();
    expect(await v.page.getByRole("link", { name: "InnovAction" }).count()).toBe(0);
    expect(await v.page.content()).not.toContain(secret);
    v.watcher.assertClean("anonymous visitor");
  },
);

test("switching the language to English translates the interface, forms included", { timeout: 60_000 }, async () => {
  const v = await visitor();
  await v.page.goto("/");
  await hydrated(v.page);
  await v.page.getByRole("form", { name: "Langue" }).getByRole("button", { name: "English" }).click();
  await v.page.getByRole("heading", { level: 1, name: "Welcome to Idées" }).waitFor();
  expect(await v.page.locator("html").getAttribute("lang")).toBe("en");
  expect(await v.page.getByRole("navigation", { name: "My space" }).getByRole("link").allTextContents()).toEqual([
    "Sign in",
    "Create an account",
  ]);
  expect(await v.page.getByRole("form", { name: "Language" }).getByRole("button").textContent()).toBe("Français");
  await checkA11y(v.page, "home in English");

  // A wrong password is answered in English too (a 400 from the server).
  v.watcher.expect(/\/connexion/, 400);
  await v.page.getByRole("link", { name: "Sign in" }).click();
  await v.page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await v.page.getByLabel("Email address").fill(`nobody-${run}@example.test`);
  await v.page.getByLabel("Password").fill("not-the-password");
  await v.page.getByRole("button", { name: "Sign in" }).last().click();
  await v.page.getByRole("alert").filter({ hasText: "Wrong email address or password." }).waitFor();
  await checkA11y(v.page, "sign-in in English with an error");

  // And back to French.
  await v.page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Français" }).click();
  await v.page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
  expect(await v.page.locator("html").getAttribute("lang")).toBe("fr");
  v.watcher.assertClean("English visitor");
});

test(
  "without JavaScript, signing in, supporting and commenting work through plain form posts",
  { timeout: 60_000 },
  async () => {
    const author = await makeUser();
    const idea = await makeIdea({ author, title: `Une idée sans JavaScript ${run}` });
    const person = await makeUser();
    const v = await visitor({ javaScriptEnabled: false });

    await v.page.goto(`/connexion?redirectTo=/idees/${idea.id}`);
    expect(await v.page.locator("script").count()).toBeGreaterThan(0); // the scripts are there, they just do not run
    await v.page.getByLabel("Adresse e-mail").fill(person.email);
    await v.page.getByLabel("Mot de passe").fill(person.password);
    await v.page.getByRole("button", { name: "Se connecter" }).click();
    await v.page.waitForURL(`**/idees/${idea.id}`);
    expect(await flash(v.page)).toBe(`Bienvenue, ${person.displayName} !`);

    await v.page.getByRole("button", { name: "Soutenir" }).click();
    await v.page.getByRole("button", { name: "Retirer mon soutien" }).waitFor();
    expect(await supportCount(v.page)).toBe("1 soutien");
    expect(await prisma.vote.count({ where: { ideaId: idea.id, userId: person.id } })).toBe(1);

    const comment = `Un commentaire envoyé sans JavaScript ${run}`;
    await v.page.getByLabel("Votre commentaire", { exact: true }).fill(comment);
    await v.page.getByRole("button", { name: "Commenter" }).click();
    await v.page.waitForURL(new RegExp(`/idees/${idea.id}#commentaire-`));
    await v.page.locator("article.comment", { hasText: comment }).waitFor();
    expect(await flash(v.page)).toBe("Votre commentaire est publié.");

    // A reply: its link asks the server for the page with that one form open (docs/decisions/0043).
    expect(await v.page.getByLabel("Votre réponse").count()).toBe(0);
    await v.page.getByRole("link", { name: `Répondre à ${person.displayName}` }).click();
    await v.page.waitForURL(new RegExp(`/idees/${idea.id}\\?repondre=`));
    const reply = `Une réponse envoyée sans JavaScript ${run}`;
    await v.page.getByLabel("Votre réponse").fill(reply);
    await v.page.getByRole("button", { name: "Envoyer la réponse" }).click();
    await v.page.locator(".comment-list--replies article.comment", { hasText: reply }).waitFor();
    expect(await v.page.getByLabel("Votre réponse").count()).toBe(0);

    // Withdrawing works the same way.
    await v.page.getByRole("button", { name: "Retirer mon soutien" }).click();
    await v.page.getByRole("button", { name: "Soutenir" }).waitFor();
    expect(await supportCount(v.page)).toBe("Aucun soutien");
    expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);
    v.watcher.assertClean("visitor without JavaScript");
  },
);

test(
  "the checks themselves catch what they should: an axe violation, a console error, an unexpected 404",
  { timeout: 60_000 },
  async () => {
    const v = await visitor();
    // A static page with an unlabelled field and faint text. (Written into a blank tab: written over an
    // app page, the app's still-loading scripts would hydrate and replace it.)
    await v.page.setContent(
      `<!doctype html><html lang="fr"><head><title>Cassée</title></head><body><main id="contenu"><h1>Cassée</h1>
    <input type="text"><p style="color:#ccc">Texte pâle</p><script>console.error("boom")</script></main></body></html>`,
    );
    const a11y = await checkA11y(v.page, "a broken page").then(
      () => "",
      (error: Error) => error.message,
    );
    expect(a11y).toMatch(/^label \(critical\)/m);
    expect(a11y).toMatch(/^color-contrast \(serious\)/m);
    expect(a11y).toContain('at ["input"]');
    await v.page.goto("/idees/idee-inexistante");
    const problems = (() => {
      try {
        v.watcher.assertClean("broken");
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(problems).toContain("console.error: boom");
    expect(problems).toMatch(/HTTP 404: GET http:\/\/localhost:\d+\/idees\/idee-inexistante/);
  },
);

test(
  "the Content-Security-Policy holds in Chromium: the app's scripts run, injected ones do not, and the watcher reports it",
  { timeout: 60_000 },
  async () => {
    const v = await visitor();
    await v.page.goto("/");
    await hydrated(v.page); // the app's own (nonce-carrying and same-origin) scripts ran
    v.watcher.assertClean("home page under the CSP");
    // What an XSS would try: an inline script and an inline handler written into the page.
    const ran = await v.page.evaluate(async () => {
      const w = window as unknown as { __injected?: boolean; __handler?: boolean };
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
      const img = document.createElement("img");
      img.setAttribute("onerror", "window.__handler = true");
      img.src = "data:,not-an-image";
      document.body.append(img);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { script: w.__injected === true, handler: w.__handler === true };
    });
    expect(ran).toEqual({ script: false, handler: false });
    const problems = (() => {
      try {
        v.watcher.assertClean("injected");
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(problems).toMatch(/Content Security Policy/);
  },
);

test(
  "a person chooses which notifications also come by e-mail, and an e-mail's unsubscribe link works; both pages are accessible",
  { timeout: 60_000 },
  async () => {
    const person = await makeUser();
    const v = await visitor();
    await v.page.goto("/connexion");
    await hydrated(v.page);
    await v.page.getByLabel("Adresse e-mail").fill(person.email);
    await v.page.getByLabel("Mot de passe").fill(person.password);
    await v.page.getByRole("button", { name: "Se connecter" }).click();
    await v.page.waitForURL((url) => url.pathname === "/");
    await v.page.goto("/notifications");
    await hydrated(v.page);
    await v.page.getByRole("heading", { level: 2, name: "E-mails" }).waitFor();
    await checkA11y(v.page, "notifications with e-mail preferences");
    await v.page.getByLabel("Une idée que je suis change d'étape").selectOption({ label: "Tout de suite" });
    await v.page.getByLabel("Un commentaire sur mon idée").selectOption({ label: "Jamais" });
    await v.page.getByRole("button", { name: "Enregistrer mes choix" }).click();
    await expect.poll(() => flash(v.page), POLL).toBe("Vos choix d'e-mails sont enregistrés.");
    const saved = await prisma.notificationPreference.findMany({
      where: { userId: person.id },
      select: { type: true, email: true },
    });
    expect(Object.fromEntries(saved.map((p) => [p.type, p.email]))).toMatchObject({
      "idea.stage": "IMMEDIATE",
      "comment.new": "OFF",
      "comment.reply": "IMMEDIATE",
    });

    // The link of an e-mail, opened signed out.
    const { unsubscribeToken } = await prisma.user.findUniqueOrThrow({
      where: { id: person.id },
      select: { unsubscribeToken: true },
    });
    const anonymous = await visitor();
    await anonymous.page.goto(`/desabonnement/${unsubscribeToken}?type=comment.reply`);
    await hydrated(anonymous.page);
    await checkA11y(anonymous.page, "unsubscribe");
    await anonymous.page.getByRole("button", { name: "Me désabonner" }).click();
    await anonymous.page.getByText("C'est fait : vous ne recevrez plus ces e-mails.", { exact: false }).waitFor();
    expect(
      (
        await prisma.notificationPreference.findUniqueOrThrow({
          where: { userId_type: { userId: person.id, type: "comment.reply" } },
        })
      ).email,
    ).toBe("OFF");
    v.watcher.assertClean("preferences");
    anonymous.watcher.assertClean("unsubscribe");
  },
);
