// Account journeys in a real browser: my sessions (end one from another device), re-authentication
// errors next to the field, downloading my data, the privacy page, deleting my account, and a
// rate-limited vote answered by a message next to the button instead of an error page; on a phone,
// uploading, replacing and removing a profile picture (docs/decisions/0039-avatars.md).
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { afterAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser } from "../factories.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "../support/app-process.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();
const processes: AppProcess[] = [];

afterAll(async () => {
  await Promise.all(processes.map(stopAppProcess));
});

const POLL = { timeout: 10_000, interval: 50 };
const flash = async (page: Page) => (await page.locator("[data-testid=flash]").first().textContent())?.trim();

const visitor = (baseUrl?: string, userAgent?: string) => suite.visitor(userAgent ? { userAgent } : {}, { baseUrl });

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/connexion");
  await hydrated(page);
  await page.getByLabel("Adresse e-mail").fill(user.email);
  await page.getByLabel("Mot de passe").fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("link", { name: "Mon compte" }).waitFor();
}

test(
  "my sessions: I end the one on my phone from my laptop; my account pages are accessible",
  { timeout: 120_000 },
  async () => {
    const user = await makeUser();
    const laptop = await visitor(
      suite.app.url,
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    );
    const phone = await visitor(
      suite.app.url,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    );
    await signIn(phone.page, user);
    await signIn(laptop.page, user);

    await laptop.page.goto("/compte");
    await hydrated(laptop.page);
    const rows = laptop.page.locator("[data-testid=sessions] tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await laptop.page.locator("[data-testid=sessions] tr[data-current]").textContent()).toContain(
      "Firefox sur Windows (cet appareil)",
    );
    await checkA11y(laptop.page, "my account");
    await rows
      .filter({ hasText: "Safari sur iOS" })
      .getByRole("button", { name: /Terminer cette session/ })
      .click();
    await expect.poll(() => flash(laptop.page), POLL).toBe("La session est terminée.");
    expect(await rows.count()).toBe(1);

    await phone.page.goto("/compte");
    await phone.page.waitForURL(/\/connexion\?redirectTo=/);

    // A wrong current password: the message is next to that field, nothing changes.
    laptop.watcher.expect(/\/compte/, 400);
    const current = laptop.page.locator("form#password").getByLabel("Mot de passe actuel");
    await current.fill("pas-le-bon-mot");
    await laptop.page.getByLabel("Nouveau mot de passe").fill("un-nouveau-mot-de-passe");
    await laptop.page.getByRole("button", { name: "Changer le mot de passe" }).click();
    await expect.poll(() => current.getAttribute("aria-invalid"), POLL).toBe("true");
    const describedBy = (await current.getAttribute("aria-describedby"))!.split(" ");
    const messages = await Promise.all(describedBy.map((id) => laptop.page.locator(`[id="${id}"]`).textContent()));
    expect(messages).toContain("Ce n'est pas votre mot de passe actuel.");
    await checkA11y(laptop.page, "my account, password form with an error");

    // The privacy page, from the footer.
    await laptop.page.getByRole("contentinfo").getByRole("link", { name: "Confidentialité" }).click();
    await laptop.page.getByRole("heading", { level: 1, name: "Confidentialité et données personnelles" }).waitFor();
    await checkA11y(laptop.page, "privacy page");
    laptop.watcher.assertClean("sessions journey");
    phone.watcher.assertClean("phone");
  },
);

test("I download my data, then delete my account keeping my ideas", { timeout: 120_000 }, async () => {
  const user = await makeUser();
  const idea = await makeIdea({ author: user, title: "Une idée que je laisse derrière moi" });
  const { page, watcher } = await visitor();
  await signIn(page, user);
  await page.goto("/compte");
  await hydrated(page);
  await page.getByRole("link", { name: /Mes données/ }).click();
  await page.getByRole("heading", { level: 1, name: "Mes données" }).waitFor();
  await hydrated(page);
  await checkA11y(page, "my data");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger mes données (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^idees-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(exported.profile.email).toBe(user.email);
  expect(exported.ideas.map((i: { id: string }) => i.id)).toEqual([idea.id]);

  await page.getByLabel("Mes idées et mes commentaires").selectOption("keep");
  await page.getByLabel("Votre mot de passe, pour confirmer").fill(user.password);
  await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
  await expect.poll(() => flash(page), POLL).toBe("Votre compte est supprimé.");
  await page.getByRole("link", { name: "Se connecter" }).first().waitFor();
  expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
  await page.goto(`/idees/${idea.id}`);
  await page.getByText("par Utilisateur supprimé").waitFor();
  watcher.assertClean("delete journey");
});

test(
  "a rate-limited vote shows how long to wait next to the button, not an error page",
  { timeout: 120_000 },
  async () => {
    const limited = await startAppProcess({ RATE_LIMITS: "votePerAccount=2/60" });
    processes.push(limited);
    const author = await makeUser();
    const idea = await makeIdea({ author });
    const voter = await makeUser();
    const { page, watcher } = await visitor(limited.url);
    await signIn(page, voter);
    await page.goto(`/idees/${idea.id}`);
    await hydrated(page);
    const toggle = page.locator(".support-box button");
    // One click at a time (a click while one is in flight is ignored by design).
    await toggle.click();
    await watcher.quiet();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    await toggle.click();
    await watcher.quiet();
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    watcher.expect(/\/idees\//, 429);
    await toggle.click();
    const alert = page.locator(".support-box [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Trop de tentatives en peu de temps\. Réessayez dans \d+ secondes?\.$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      (await prisma.idea.findUniqueOrThrow({ where: { id: idea.id } })).title,
    );
    await expect.poll(() => toggle.getAttribute("aria-pressed"), POLL).toBe("false");
    expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);
    await checkA11y(page, "idea page with a refused vote");
    watcher.assertClean("rate-limited vote");
  },
);

test("on a phone, I upload a profile picture: a refusal next to the field, then the picture, then initials again", async () => {
  const user = await makeUser({ displayName: "Inès Martin" });
  const { page, watcher } = await suite.visitor(
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    { user },
  );
  await page.goto("/compte/profil");
  await hydrated(page);
  await checkA11y(page, "my profile settings with the avatar form (phone)");
  const input = page.getByLabel("Choisir une photo");

  // A web page named like a picture: refused, the message next to the input, which is marked invalid.
  watcher.expect(/\/compte\/profil/, 400);
  await input.setInputFiles({ name: "moi.png", mimeType: "image/png", buffer: Buffer.from("<html>bonjour</html>") });
  await page.getByRole("button", { name: "Enregistrer la photo" }).click();
  await page.locator("#avatar-file-error").waitFor();
  expect(await page.locator("#avatar-file-error").textContent()).toContain(
    "n'est pas une image PNG, JPEG, WebP ou GIF",
  );
  expect(await input.getAttribute("aria-invalid")).toBe("true");
  expect(await input.getAttribute("aria-describedby")).toContain("avatar-file-error");
  await checkA11y(page, "avatar form with a refusal (phone)");

  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#a36" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Téléphone d'Inès" } })
    .toBuffer();
  await page.getByLabel("Choisir une photo").setInputFiles({ name: "moi.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: "Enregistrer la photo" }).click();
  await expect.poll(() => flash(page), POLL).toBe("Photo de profil enregistrée.");
  const picture = page.locator("[data-testid=avatar-settings] img.avatar");
  // It really loaded from its route, square, at 256 px, and is decorative next to the name.
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL)
    .toBe(256);
  expect(await picture.getAttribute("alt")).toBe("");
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await checkA11y(page, "avatar form with a picture (phone)");

  await page.getByRole("button", { name: "Retirer ma photo" }).click();
  await expect.poll(() => flash(page), POLL).toBe("Photo de profil retirée : vos initiales sont affichées.");
  expect(await page.locator("[data-testid=avatar-settings] .avatar").textContent()).toBe("IM");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { avatarId: true } })).avatarId).toBe(
    null,
  );
  watcher.assertClean("avatar upload on a phone");
});
