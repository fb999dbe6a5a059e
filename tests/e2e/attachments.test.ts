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
