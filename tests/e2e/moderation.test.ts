// Moderation in a real browser (docs/decisions/0008-moderation.md): a person reports an idea; a
// moderator's open queue shows it without reloading; the moderator hides it with a reason; a reader's
// open list drops it live; the author sees the reason on the idea page and in their notifications.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { getSpace, makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const POLL = { timeout: 10_000, interval: 50 };
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const visitor = (user?: { id: string }) => suite.visitor({}, { user });

const listeners = async (room: string) => (await suite.app.realtime.io.in(room).fetchSockets()).length;
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);

test(
  "a report reaches the moderator's open queue live; the moderator hides the idea with a reason, which its author then reads",
  { timeout: 120_000 },
  async () => {
    const space = await getSpace(SPACES.public);
    const author = await makeUser({ displayName: `Autrice ${run.slice(-4)}` });
    const title = `Achetez des abonnements pas chers ${run}`;
    const idea = await makeIdea({ author, title, body: "Rendez-vous sur notre site pour des offres exceptionnelles." });

    // The moderator's queue is open, empty, before anything happens.
    const moderator = await makeUser({ role: "MODERATOR", displayName: `Modératrice ${run.slice(-4)}` });
    const m = await visitor(moderator);
    await m.page.goto("/moderation");
    await hydrated(m.page);
    await expect.poll(() => listeners(`moderation:${space.id}`), POLL).toBe(1);
    await mark(m.page);
    expect(await m.page.getByRole("link", { name: "Modération" }).count()).toBe(1);

    // A reader has the space's list open.
    const r = await visitor();
    await r.page.goto(`/espaces/${SPACES.public}?tri=newest`);
    await hydrated(r.page);
    await expect.poll(() => listeners(`space:${space.id}`), POLL).toBe(1);
    await mark(r.page);
    expect(await r.page.getByRole("link", { name: title }).count()).toBe(1);

    // Someone reports it: reason and a note, through the "Signaler" disclosure.
    const reporter = await makeUser({ displayName: `Signaleur ${run.slice(-4)}` });
    const p = await visitor(reporter);
    await p.page.goto(`/idees/${idea.id}`);
    await hydrated(p.page);
    await p.page.getByText("Signaler cette idée").click();
    // Sent without a reason: the form says what is missing.
    await p.page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await expect
      .poll(() => p.page.locator("#flag-idea .field-error").textContent(), POLL)
      .toContain("Choisissez un motif.");
    await p.page.getByLabel("Motif").selectOption("SPAM");
    await p.page.getByLabel("Précisions (facultatif)").fill("Publicité pour un site commercial");
    await p.page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await expect
      .poll(() => p.page.getByTestId("flash").textContent(), POLL)
      .toContain("votre signalement a été transmis");
    expect(await prisma.flag.count({ where: { targetId: idea.id, reporterId: reporter.id } })).toBe(1);

    // The moderator's queue shows it without reloading.
    const item = m.page.getByTestId(`queue-${idea.id}`);
    await expect.poll(() => item.count(), POLL).toBe(1);
    expect(await stillSameDocument(m.page)).toBe(true);
    // Its messages may not have been on the page when it was first rendered: they arrive with the
    // language's catalogue, which a live update starts loading (docs/decisions/0046).
    await expect.poll(() => item.textContent(), POLL).toContain("1 signalement");
    expect(await item.textContent()).toContain("Publicité pour un site commercial");
    await checkA11y(m.page, "moderation queue with a reported idea");

    // The reporter's page stays open: once the idea is hidden, its live reload answers 404 and the page
    // says it is not there any more.
    p.watcher.expect(new RegExp(`/idees/${idea.id}\\.data`), 404);

    // The moderator hides it, with a reason for the author.
    const reason = "Publicité commerciale, contraire à la charte";
    await item.locator("summary", { hasText: "Masquer" }).click();
    await item.getByLabel("Motif (montré à l'auteur)").fill(reason);
    await checkA11y(m.page, "moderation queue with the hide form open");
    await item.locator("form[id^=hide-] button[type=submit]").click();
    await expect.poll(() => m.page.getByTestId("flash").textContent(), POLL).toContain("Le contenu est masqué");
    await expect.poll(() => m.page.getByTestId(`queue-${idea.id}`).count(), POLL).toBe(0);

    // The reader's open list drops it without reloading.
    await expect.poll(() => r.page.getByRole("link", { name: title }).count(), POLL).toBe(0);
    expect(await stillSameDocument(r.page)).toBe(true);

    await expect.poll(() => p.page.locator("main h1").textContent(), POLL).toBe("Page introuvable");
    expect(await p.page.locator("main").textContent()).not.toContain("Rendez-vous sur notre site");

    // The author sees it, hidden, with the reason — on the idea page and in the notifications.
    const a = await visitor(author);
    await a.page.goto(`/idees/${idea.id}`);
    await hydrated(a.page);
    expect(await a.page.getByTestId("hidden-notice").textContent()).toContain(
      `Masquée par la modération. Motif : ${reason}`,
    );
    await a.page.goto("/notifications");
    expect(await a.page.locator("main").textContent()).toContain(reason);

    for (const [label, v] of [
      ["moderator", m],
      ["reader", r],
      ["reporter", p],
      ["author", a],
    ] as const)
      v.watcher.assertClean(label);
  },
);
