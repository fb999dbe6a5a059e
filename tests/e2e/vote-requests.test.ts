// What one click on "Soutenir" costs in a real browser (Debian's Chromium, the production build): one
// request, the single-fetch POST whose answer is the viewer's state and the exact count, and no reload of
// the page's loaders (docs/decisions/0056: before, the action's redirect made Remix load the page's data
// again). The count and the button stay right after the answer, after another person's vote arrives
// live, after a withdrawal and after a double click, and the count never goes back to an older value. A
// refused vote costs what it calls for: the idea's data read once after a refusal by the policy, nothing
// after a rate limit (before, the page's whole data was read twice after either).
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { checkRateLimits, rateLimitRules } from "~/models/rate-limit.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { getSpace, makeChallenge, makeIdea, makeUser, SPACES } from "../factories.ts";
import { checkA11y, hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();
const POLL = { timeout: 10_000, interval: 50 };

/** The app's requests a page makes, as "METHOD path?query status" (the language's catalogue, loaded once on
 * the first interaction, docs/decisions/0046, and socket.io's transport are not the vote's). */
function requestsOf(page: Page) {
  const seen: string[] = [];
  page.on("requestfinished", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/socket.io/")) return;
    void request
      .response()
      .then((response) => seen.push(`${request.method()} ${url.pathname}${url.search} ${response?.status()}`));
  });
  // A request the page gave up (a second submission cancels the first) counts too.
  page.on("requestfailed", (request) =>
    seen.push(`${request.method()} ${request.url()} ${request.failure()?.errorText}`),
  );
  return seen;
}

/** Every text the count shows from now on, in order (consecutive repeats once). */
const recordCounts = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector(".support-box [data-testid=support-count]")!;
    const shown: string[] = [];
    (window as unknown as { __counts: string[] }).__counts = shown;
    new MutationObserver(() => {
      const text = element.textContent ?? "";
      if (shown.at(-1) !== text) shown.push(text);
    }).observe(element, { childList: true, characterData: true, subtree: true });
  });
const countsShown = (page: Page) => page.evaluate(() => (window as unknown as { __counts: string[] }).__counts);

test(
  "a support click is one request; the count and the button stay right through live updates, a withdrawal and a double click",
  { timeout: 120_000 },
  async () => {
    const author = await makeUser();
    const idea = await makeIdea({ author, title: `Une idée soutenue en un clic ${Date.now()}` });
    for (const other of [await makeUser(), await makeUser()])
      await setSupport({ user: other, ideaId: idea.id, supported: true });
    const person = await makeUser();
    const v = await suite.visitor({}, { user: person });
    await v.page.goto(`/idees/${idea.id}`);
    await hydrated(v.page);
    // The page listens to the idea's room (its live counts).
    await expect
      .poll(async () => (await suite.app.realtime.io.in(`idea:${idea.id}`).fetchSockets()).length, POLL)
      .toBe(1);
    await v.watcher.quiet();
    await v.page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
    await recordCounts(v.page);
    const requests = requestsOf(v.page);
    const count = () => v.page.locator(".support-box [data-testid=support-count]").textContent();
    const button = v.page.locator(".support-box button");
    const votes = () => prisma.vote.count({ where: { ideaId: idea.id } });

    // Support: one request, answered with the state; nothing reloaded.
    expect(await count()).toBe("2 soutiens");
    await v.page.getByRole("button", { name: "Soutenir" }).click();
    await v.watcher.quiet();
    expect(requests).toEqual([`POST /idees/${idea.id}.data 200`]);
    expect(await button.getAttribute("aria-pressed")).toBe("true");
    expect(await button.textContent()).toBe("Retirer mon soutien");
    expect(await count()).toBe("3 soutiens");
    expect(await votes()).toBe(3);

    // Another person supports it: the count moves live, the button stays, still no request.
    await setSupport({ user: await makeUser(), ideaId: idea.id, supported: true });
    await expect.poll(count, POLL).toBe("4 soutiens");
    expect(await button.getAttribute("aria-pressed")).toBe("true");

    // Withdraw: one request.
    requests.length = 0;
    await button.click();
    await v.watcher.quiet();
    expect(requests).toEqual([`POST /idees/${idea.id}.data 200`]);
    expect(await button.getAttribute("aria-pressed")).toBe("false");
    expect(await button.textContent()).toBe("Soutenir");
    expect(await count()).toBe("3 soutiens");
    expect(await votes()).toBe(3);

    // A double click is one vote: the second click, while the first is in flight, sends nothing.
    requests.length = 0;
    await button.dblclick();
    await v.watcher.quiet();
    expect(requests).toEqual([`POST /idees/${idea.id}.data 200`]);
    expect(await button.getAttribute("aria-pressed")).toBe("true");
    expect(await count()).toBe("4 soutiens");
    expect(await votes()).toBe(4);
    // The own vote's live event (same count, later clock) changes nothing. The count never went back, even
    // for a moment: each vote's own live event may come before its answer (the optimistic count is the one
    // shown at the click, moved by one, not the live one moved by one).
    await new Promise((r) => setTimeout(r, 1000));
    expect(await count()).toBe("4 soutiens");
    expect(await countsShown(v.page)).toEqual(["3 soutiens", "4 soutiens", "3 soutiens", "4 soutiens"]);
    expect(await v.page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);

    // The page read again agrees.
    await v.page.reload();
    await hydrated(v.page);
    expect(await count()).toBe("4 soutiens");
    expect(await button.getAttribute("aria-pressed")).toBe("true");
    v.watcher.assertClean("support clicks");
  },
);

/** The idea route's loader alone, as Remix asks for it when the root's loader opts out. */
const ideaDataOnly = (ideaId: string) =>
  `GET /idees/${ideaId}.data?${new URLSearchParams({ _routes: "routes/idees.$id" })} 200`;

test(
  "a vote refused by the policy shows the reason by the button and reads the idea's data again once, without the layout's",
  { timeout: 120_000 },
  async () => {
    const author = await makeUser();
    const challengeId = await makeChallenge({ spaceId: (await getSpace(SPACES.public)).id });
    const idea = await makeIdea({ author, title: `Une idée d'un défi qui ferme ${Date.now()}`, challengeId });
    const v = await suite.visitor({}, { user: await makeUser() });
    await v.page.goto(`/idees/${idea.id}`);
    await hydrated(v.page);
    await v.watcher.quiet();
    // The challenge closes its participation while the page is open.
    await prisma.challenge.update({ where: { id: challengeId }, data: { participationClosedAt: new Date() } });
    const requests = requestsOf(v.page);
    v.watcher.expect(new RegExp(`/idees/${idea.id}\\.data$`), 403);
    await v.page.getByRole("button", { name: "Soutenir" }).click();
    await v.watcher.quiet();
    // The refusal, then the idea's data once (what the page offers changed); the layout's is not read.
    expect(requests).toEqual([`POST /idees/${idea.id}.data 403`, ideaDataOnly(idea.id)]);
    const box = v.page.locator(".support-box");
    expect(await box.getByRole("alert").textContent()).toBe("Les votes et les commentaires sont fermés pour ce défi.");
    // The page read again no longer offers the vote.
    expect(await box.getByRole("button").count()).toBe(0);
    expect(await box.getByTestId("support-count").textContent()).toBe("Aucun soutien");
    expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);
    v.watcher.assertClean("refused vote");
  },
);

test(
  "a vote refused by the rate limit shows the wait by the button (in English here) and reads nothing again",
  { timeout: 120_000 },
  async () => {
    const author = await makeUser();
    const idea = await makeIdea({ author, title: `An idea voted too often ${Date.now()}` });
    await setSupport({ user: await makeUser(), ideaId: idea.id, supported: true });
    const person = await makeUser();
    const v = await suite.visitor({ locale: "en-GB" }, { user: person });
    await v.page.goto(`/idees/${idea.id}`);
    await hydrated(v.page);
    await v.watcher.quiet();
    // The person has used this minute's votes (120 per account) elsewhere.
    const { limit } = rateLimitRules().votePerAccount;
    for (let i = 0; i < limit; i++) await checkRateLimits({ user: person, ip: "203.0.113.7", action: "vote" });
    const requests = requestsOf(v.page);
    v.watcher.expect(new RegExp(`/idees/${idea.id}\\.data$`), 429);
    const button = v.page.locator(".support-box button");
    await button.click();
    await v.watcher.quiet();
    // The refusal alone: the click changed nothing, so nothing of the page is read again.
    expect(requests).toEqual([`POST /idees/${idea.id}.data 429`]);
    const alert = v.page.locator(".support-box form").getByRole("alert");
    expect(await alert.textContent()).toMatch(
      /^Too many attempts in a short time\. Try again in \d+ (second|minute)s?\.$/,
    );
    // The button and the count are as before the click.
    expect(await button.getAttribute("aria-pressed")).toBe("false");
    expect(await button.textContent()).toBe("Support");
    expect(await v.page.locator(".support-box [data-testid=support-count]").textContent()).toBe("1 support");
    expect(await prisma.vote.count({ where: { ideaId: idea.id, userId: person.id } })).toBe(0);
    await checkA11y(v.page, "a vote refused by the rate limit");
    v.watcher.assertClean("rate-limited vote");
  },
);
