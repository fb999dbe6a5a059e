// The notification badge updates live across two app processes (issue 17, part 6; docs/decisions/0031):
// a person's browser is connected to process B (a real `node server.ts` child process) while someone
// else comments on their idea and follows-then-proposes through process A (this file's in-process app);
// the PostgreSQL socket.io adapter carries `notification:new` from A to B, the badge and the open
// notifications page change without a reload, and "mark all as read" brings the count back to zero.
import { afterAll, expect, test } from "vitest";
import { setFollow } from "~/models/follow.server.ts";
import { makeIdea, makeUser, SPACES } from "../factories.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "../support/app-process.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";
import { HttpClient } from "../support/http-client.ts";

const suite = e2eSuite();
const POLL = { timeout: 15_000, interval: 100 };
let processB: AppProcess | undefined;

afterAll(async () => {
  if (processB) await stopAppProcess(processB);
});

const badge = (page: Page) => page.getByTestId("notifications-link").textContent();
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);

test(
  "a comment made through process A raises the badge of a browser on process B, without a reload",
  { timeout: 120_000 },
  async () => {
    processB = await startAppProcess();
    expect(processB.output.join("")).toContain("postgres adapter");
    const author = await makeUser({ displayName: "Autrice Badge" });
    const commenter = await makeUser({ displayName: "Commentateur Badge" });
    const idea = await makeIdea({ author, title: "Un badge qui bouge tout seul" });

    // The author reads the notifications page, served and connected by process B.
    const v = await suite.visitor({}, { user: author, baseUrl: processB.url });
    await v.page.goto("/notifications");
    await hydrated(v.page);
    expect(await badge(v.page)).toBe("Notifications");
    // The person's socket is joined to their room on B (asked through the adapter, which reaches every process).
    await expect
      .poll(
        () =>
          suite.app.realtime.io
            .in(`user:${author.id}`)
            .fetchSockets()
            .then((s) => s.length),
        POLL,
      )
      .toBe(1);
    await mark(v.page);

    // Another person comments through process A, over HTTP, as a browser would.
    const onA = new HttpClient(suite.app.url);
    await onA.signIn(commenter.email, commenter.password);
    const sent = await onA.post(`/idees/${idea.id}`, { intent: "comment", body: "Un commentaire envoyé via A." });
    expect(sent.status).toBe(302);

    await expect.poll(() => badge(v.page), POLL).toBe("Notifications (1 non lue)");
    await expect.poll(() => v.page.locator("main").textContent(), POLL).toContain("Un badge qui bouge tout seul");
    expect(await stillSameDocument(v.page)).toBe(true);

    // A follow made on A, then a new idea with that tag: the badge counts two.
    await setFollow({ user: author, input: { kind: "TAG", target: "badge-direct", follow: true } });
    const proposer = await makeUser();
    const proposerOnA = new HttpClient(suite.app.url);
    await proposerOnA.signIn(proposer.email, proposer.password);
    const proposed = await proposerOnA.post(`/espaces/${SPACES.public}/proposer`, {
      title: "Une idée pour ceux qui suivent le badge",
      body: "Une proposition assez longue pour être acceptée par le formulaire.",
      tags: "badge-direct",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(proposed.status).toBe(302);
    await expect.poll(() => badge(v.page), POLL).toBe("Notifications (2 non lues)");
    expect(await stillSameDocument(v.page)).toBe(true);
    await checkA11y(v.page, "notifications page after live updates");

    // "Mark all as read" (a plain form) brings the badge back to zero.
    await v.page.getByRole("button", { name: "Tout marquer comme lu" }).click();
    await expect.poll(() => badge(v.page), POLL).toBe("Notifications");
    v.watcher.assertClean("live notifications across processes");
  },
);
