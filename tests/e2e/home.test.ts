// The home page (issue 16, part 4): on a phone and on a desktop it fits and passes axe; it shows the
// pipeline with live counts (a new idea proposed elsewhere moves the "Proposée" count without a reload),
// and an InnovAction idea only to those who may see it; a signed-in person finds their own corner.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { createIdea } from "~/models/idea.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { advanceIdea, makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();
const PHONE = { viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const POLL = { timeout: 10_000, interval: 100 };

async function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const proposedCount = (page: Page) => page.getByTestId("stage-count-PROPOSED").textContent();

test("the home page, anonymous on a phone and signed in on a desktop, counts live", { timeout: 120_000 }, async () => {
  const [author, manager, employee] = await Promise.all([
    makeUser(),
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const run = Date.now().toString(36);
  const secretTitle = `Une idée interne confidentielle ${run}`;
  const secret = await makeIdea({ author: employee, space: SPACES.internal, title: secretTitle });
  await prisma.idea.update({ where: { id: secret.id }, data: { hotScore: 1e6 } });
  const shipped = await makeIdea({ author, title: `Un rendez-vous en visio pour tous ${run}` });
  await advanceIdea({ ideaId: shipped.id, manager, to: "PRODUCTION" });

  // Anonymous, on a phone: fits, passes axe, names the stages, never shows the InnovAction idea.
  const anonymous = await suite.visitor(PHONE);
  await anonymous.page.goto("/");
  await hydrated(anonymous.page);
  expect(await sideways(anonymous.page)).toBeLessThanOrEqual(0);
  await checkA11y(anonymous.page, "home page, anonymous, phone");
  expect(await anonymous.page.getByRole("heading", { name: "Comment une idée devient réalité" }).count()).toBe(1);
  expect(await anonymous.page.content()).not.toContain(secretTitle);
  await anonymous.page.getByRole("link", { name: shipped.title }).first().waitFor();

  // A new public idea, proposed through the model (as another person's session would): the count moves.
  const before = await proposedCount(anonymous.page);
  const space = await requireVisibleSpace(author, SPACES.public);
  await createIdea({
    user: author,
    space,
    input: { title: `Un atelier CV chaque samedi ${run}`, body: "Un atelier ouvert à toutes et à tous.", tags: [] },
  });
  await expect.poll(() => proposedCount(anonymous.page), POLL).not.toBe(before);
  const n = (text: string | null) => Number(/\d+/.exec(text?.replace(/\s/g, "") ?? "")?.[0] ?? 0);
  expect(n(await proposedCount(anonymous.page))).toBe(n(before) + 1);
  expect(await anonymous.page.content()).not.toContain(secretTitle);

  // A staff member, on a desktop: the InnovAction idea is there; their own corner too.
  const staff = await suite.visitor(DESKTOP, { user: employee });
  await staff.page.goto("/");
  await hydrated(staff.page);
  expect(await sideways(staff.page)).toBeLessThanOrEqual(0);
  await checkA11y(staff.page, "home page, staff, desktop");
  expect(await staff.page.getByRole("heading", { name: "Pour vous" }).count()).toBe(1);
  const mine = staff.page.getByRole("region", { name: "Pour vous" });
  await mine.getByRole("link", { name: secretTitle }).waitFor();
  expect(await staff.page.content()).toContain(secretTitle);
  // A slow navigation shows the loading indicator: the bar, "Chargement…" said politely, <main> busy.
  await staff.page.route("**/*.data*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await staff.page.getByRole("link", { name: "Tout ce que vous suivez" }).click();
  await expect.poll(() => staff.page.getByTestId("progress-status").textContent(), POLL).toBe("Chargement…");
  expect(await staff.page.getByTestId("progress-bar").getAttribute("data-state")).toBe("busy");
  expect(await staff.page.locator("main").getAttribute("aria-busy")).toBe("true");
  await staff.page.waitForURL("**/compte/suivis");
  await expect.poll(() => staff.page.getByTestId("progress-status").textContent(), POLL).toBe("");
  expect(await staff.page.locator("main").getAttribute("aria-busy")).toBe(null);
  await staff.page.unroute("**/*.data*");
  expect(anonymous.watcher.problems).toEqual([]);
  expect(staff.watcher.problems).toEqual([]);
});
