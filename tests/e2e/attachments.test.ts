// On a phone (390×844), the author of an InnovAction idea attaches a picture through the file picker,
// sees its thumbnail, and writes a comment with the toolbar and the preview; the page fits the screen
// and passes axe throughout (docs/decisions/0030-attachments-and-editor.md).
import sharp from "sharp";
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test("a phone uploads an image, sees its thumbnail, previews a comment, and the page passes axe", async () => {
  const author = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author, space: SPACES.internal, title: "Des photos des agences pour comparer" });
  const { page, watcher } = await suite.visitor(PHONE, { user: author });
  await page.goto(`/idees/${idea.id}`);
  await hydrated(page);
  await checkA11y(page, "idea page with the attachment form (phone)");

  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#2a6" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Téléphone de Jules" } })
    .toBuffer();
  await page
    .getByLabel("Ajouter des fichiers")
    .setInputFiles({ name: "agence.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect.poll(() => page.getByText("1 fichier choisi").count()).toBe(1);
  await page.getByRole("button", { name: "Joindre" }).click();
  const thumbnail = page.getByRole("img", { name: "Image jointe : agence.jpg" });
  await thumbnail.waitFor();
  // The thumbnail really loaded (through the policy-checked route), at most 480 px wide.
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  expect(await prisma.attachment.count({ where: { ideaId: idea.id } })).toBe(1);

  // The comment editor: bold through the toolbar, by keyboard, then the server's preview.
  const box = page.getByLabel("Votre commentaire");
  await box.fill("important");
  await box.selectText();
  await page.getByRole("toolbar", { name: "Mise en forme" }).first().getByRole("button", { name: "Gras" }).click();
  expect(await box.inputValue()).toBe("**important**");
  await page.getByRole("button", { name: "Prévisualiser" }).first().click();
  const preview = page.getByRole("region", { name: "Aperçu" });
  await preview.waitFor();
  expect(await preview.innerHTML()).toContain("<strong>important</strong>");

  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await checkA11y(page, "idea page with an image and a comment preview (phone)");
  watcher.assertClean("attachments on a phone");
});

test("on a phone, Enter in the title publishes the idea with the files chosen on the propose form; a comment carries an image", async () => {
  const author = await makeUser({ role: "EMPLOYEE" });
  const { page, watcher } = await suite.visitor(PHONE, { user: author });
  await page.goto(`/espaces/${SPACES.internal}/proposer`);
  await hydrated(page);
  await checkA11y(page, "propose form with its file picker (phone)");
  const title = `Des plans d'agence à comparer ${Date.now()}`;
  await page.getByRole("textbox", { name: "Titre", exact: true }).fill(title);
  await page
    .getByRole("textbox", { name: "Description" })
    .fill("Les plans de trois agences, pour discuter de l'accueil.");
  const plan = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#26a" } })
    .png()
    .toBuffer();
  await page
    .getByLabel("Ajouter des fichiers")
    .setInputFiles({ name: "plan.png", mimeType: "image/png", buffer: plan });
  // Enter in the one-line title field: the form's own action (publish), not the preview that comes first.
  await page.getByRole("textbox", { name: "Titre", exact: true }).press("Enter");
  await page.waitForURL(/\/idees\/[^/]+$/);
  const ideaId = new URL(page.url()).pathname.split("/").pop()!;
  expect(await prisma.idea.count({ where: { id: ideaId, title } })).toBe(1);
  await page.getByRole("img", { name: "Image jointe : plan.png" }).waitFor();
  expect(await prisma.attachment.count({ where: { ideaId, commentId: null } })).toBe(1);

  // A comment with an image, sent with the button; the image shows under it.
  await hydrated(page);
  await page.getByLabel("Votre commentaire").fill("Voici la capture de l'accueil.");
  await page
    .getByLabel("Ajouter des images")
    .first()
    .setInputFiles({ name: "accueil.png", mimeType: "image/png", buffer: plan });
  await page.getByRole("button", { name: "Commenter" }).click();
  const image = page.getByRole("img", { name: "Image du commentaire : accueil.png" });
  await image.waitFor();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await checkA11y(page, "idea page with a comment image (phone)");
  watcher.assertClean("files on the propose form and in comments");
});

test("on a phone, a preview that cannot be fetched tells the person and keeps the text", async () => {
  const author = await makeUser({ role: "EMPLOYEE" });
  const { page, watcher } = await suite.visitor(PHONE, { user: author });
  await page.goto(`/espaces/${SPACES.internal}/proposer`);
  await hydrated(page);
  const description = page.getByRole("textbox", { name: "Description" });
  await description.fill("Un texte à garder **tel quel**.");
  // A proxy answers the preview with an error page (as when the app is restarting or the network drops).
  watcher.expect(/\/apercu$/, 503);
  await page.route("**/apercu", (route) =>
    route.fulfill({ status: 503, contentType: "text/html", body: "<p>503</p>" }),
  );
  await page.getByRole("button", { name: "Prévisualiser" }).first().click();
  await page.getByRole("alert").filter({ hasText: "L'aperçu n'a pas pu être affiché" }).waitFor();
  expect(await description.inputValue()).toBe("Un texte à garder **tel quel**.");
  expect(await description.isVisible()).toBe(true);
  await checkA11y(page, "propose form after a failed preview (phone)");
  // Back online, the preview works and the message goes.
  await page.unroute("**/apercu");
  await page.getByRole("button", { name: "Prévisualiser" }).first().click();
  await page.getByRole("region", { name: "Aperçu" }).waitFor();
  expect(await page.getByRole("alert").filter({ hasText: "L'aperçu n'a pas pu être affiché" }).count()).toBe(0);
  watcher.assertClean("failed preview on a phone");
});
