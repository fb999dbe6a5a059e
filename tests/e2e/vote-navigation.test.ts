// A vote's answer belongs to the idea it was sent for (docs/decisions/0056): the support box is the same
// component instance from one idea page to the next (same route, another `$id`), so an answer that lands
// after the person went on to another idea must not become that idea's button or count. The same holds for
// the follow button, whose request is a fetcher too, and for the comment forms (a draft and its preview).
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { makeIdea, makeUser } from "../factories.ts";
import { holdRequests, hydrated, navigateInApp } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

/** Ideas A and B (titles "L'idée <label>A …" and "… B …"), and a signed-in person on A's page, hydrated and quiet. */
async function onIdeaA(label: string) {
  const author = await makeUser();
  const a = await makeIdea({ author, title: `L'idée ${label}A ${Date.now()}` });
  const b = await makeIdea({ author, title: `L'idée ${label}B ${Date.now()}` });
  const person = await makeUser();
  const v = await suite.visitor({}, { user: person });
  await v.page.goto(`/idees/${a.id}`);
  await hydrated(v.page);
  await v.watcher.quiet();
  return { a, b, person, v };
}

test(
  "a vote on idea A answered after the person went on to idea B leaves B's button and count alone",
  { timeout: 120_000 },
  async () => {
    const { a, b, person, v } = await onIdeaA("");
    for (let i = 0; i < 4; i++) await setSupport({ user: await makeUser(), ideaId: b.id, supported: true });

    // The vote on A is slow to reach the server: it is held until the person is on B.
    const vote = await holdRequests(v.page, `**/idees/${a.id}.data`, (request) => request.method() === "POST");
    await v.page.getByRole("button", { name: "Soutenir" }).click();
    // On to B, client-side (as a link to another idea does).
    await navigateInApp(v.page, `/idees/${b.id}`);
    await v.page.waitForURL(`**/idees/${b.id}`);
    await expect.poll(() => v.page.locator("h1").textContent()).toContain("L'idée B");
    const count = () => v.page.locator(".support-box [data-testid=support-count]").textContent();
    const button = v.page.locator(".support-box button");
    // While A's vote is in flight, B shows its own state, not A's pending one.
    await expect.poll(count).toBe("4 soutiens");
    expect(await button.getAttribute("aria-pressed")).toBe("false");

    vote.release();
    await expect.poll(() => prisma.vote.count({ where: { ideaId: a.id, userId: person.id } })).toBe(1);
    await v.watcher.quiet();
    await new Promise((r) => setTimeout(r, 500));
    // Still on B (before ADR 0056 the action's redirect made the fetcher navigate back to A).
    expect(new URL(v.page.url()).pathname).toBe(`/idees/${b.id}`);
    // B: still not supported by the person, still its own count.
    expect(await count()).toBe("4 soutiens");
    expect(await button.getAttribute("aria-pressed")).toBe("false");
    expect(await button.textContent()).toBe("Soutenir");
    expect(await prisma.vote.count({ where: { ideaId: b.id, userId: person.id } })).toBe(0);
    v.watcher.assertClean("vote on A, answered on B");
  },
);

test(
  "a vote answered while the person is already on the way to idea B does not complete that navigation with A's page",
  { timeout: 120_000 },
  async () => {
    const { a, b, person, v } = await onIdeaA("bis ");

    // B's data is slow to come: held until A's vote is answered.
    const bData = await holdRequests(v.page, `**/idees/${b.id}.data*`);
    await navigateInApp(v.page, `/idees/${b.id}`);
    await expect.poll(() => bData.asked).toBe(true);
    // A is still on screen: the person supports it, and the answer comes while B loads.
    await v.page.getByRole("button", { name: "Soutenir" }).click();
    await expect.poll(() => prisma.vote.count({ where: { ideaId: a.id, userId: person.id } })).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    bData.release();
    await v.watcher.quiet();
    await new Promise((r) => setTimeout(r, 500));
    // On B, with B's page (the vote's answer completed the navigation with what it loaded: it must load B).
    expect(new URL(v.page.url()).pathname).toBe(`/idees/${b.id}`);
    expect(await v.page.locator("h1").textContent()).toContain("L'idée bis B");
    expect(await v.page.locator(".support-box button").getAttribute("aria-pressed")).toBe("false");
    v.watcher.assertClean("vote answered during a navigation");
  },
);

test(
  "a follow of idea A still in flight when the person goes on to idea B leaves B's follow button alone",
  { timeout: 120_000 },
  async () => {
    const { a, b, person, v } = await onIdeaA("suivie ");
    const followsOf = (ideaId: string) =>
      prisma.follow.count({ where: { userId: person.id, kind: "IDEA", targetId: ideaId, following: true } });

    // The follow of A is slow to reach the server: it is held until the person is on B.
    const follow = await holdRequests(v.page, "**/suivre*", (request) => request.method() === "POST");
    await v.page.getByRole("button", { name: "Suivre cette idée" }).click();
    await expect.poll(() => follow.asked).toBe(true);
    await navigateInApp(v.page, `/idees/${b.id}`);
    await v.page.waitForURL(`**/idees/${b.id}`);
    await expect.poll(() => v.page.locator("h1").textContent()).toContain("L'idée suivie B");
    const button = v.page.getByTestId("follow-idea").getByRole("button");
    // While A's follow is in flight, B's button is B's: not followed (before, it showed A's pending state,
    // and a click on it asked to stop following B).
    expect(await button.getAttribute("aria-pressed")).toBe("false");
    expect(await button.textContent()).toBe("Suivre cette idée");

    follow.release();
    await expect.poll(() => followsOf(a.id)).toBe(1);
    await v.watcher.quiet();
    await new Promise((r) => setTimeout(r, 500));
    // Still on B, B still not followed, on the page as in the database.
    expect(new URL(v.page.url()).pathname).toBe(`/idees/${b.id}`);
    expect(await button.getAttribute("aria-pressed")).toBe("false");
    expect(await followsOf(b.id)).toBe(0);
    // B's button works for B.
    await button.click();
    await expect.poll(() => followsOf(b.id)).toBe(1);
    await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
    v.watcher.assertClean("follow on A, answered on B");
  },
);

test(
  "a comment drafted on idea A, and its preview answered after the person went on to idea B, stay with A",
  { timeout: 120_000 },
  async () => {
    const { b, v } = await onIdeaA("commentée ");

    const draft = v.page.getByLabel("Votre commentaire");
    await draft.fill("Un brouillon pour l'idée A **seulement**");
    // A's preview is slow to come: held until the person is on B.
    const preview = await holdRequests(v.page, "**/apercu", (request) => request.method() === "POST");
    await v.page.getByTestId("preview-button").first().click();
    await expect.poll(() => preview.asked).toBe(true);
    await navigateInApp(v.page, `/idees/${b.id}`);
    await v.page.waitForURL(`**/idees/${b.id}`);
    await expect.poll(() => v.page.locator("h1").textContent()).toContain("L'idée commentée B");
    // B's comment form is B's: empty (before, the same form instance kept A's text).
    expect(await draft.inputValue()).toBe("");

    preview.release();
    await v.watcher.quiet();
    await new Promise((r) => setTimeout(r, 500));
    // A's preview does not appear on B's page.
    expect(await v.page.locator(".markdown-preview").count()).toBe(0);
    expect(await v.page.getByText("seulement", { exact: true }).count()).toBe(0);
    expect(await draft.inputValue()).toBe("");
    v.watcher.assertClean("comment drafted on A, then on B");
  },
);
