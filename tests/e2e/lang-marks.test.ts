// Issue 16 (RGAA 8.7, WCAG 3.1.2): on an English page, French user content — an idea's title, body,
// tags, a challenge's title — sits inside an element whose `lang` is the language it was written in,
// also inside interface sentences ("Your idea “…” moved to…") and select options. The crawl checks every
// page for French interface words; this checks the content itself on the pages of ADR 0029's second pass.
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { advanceIdea, getSpace, makeIdea, makeUser, SPACES } from "../factories.ts";
import { hydrated, type Page } from "../support/browser.ts";
import { e2eSuite } from "../support/e2e.ts";

const suite = e2eSuite();

const word = () =>
  `lang${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, "")
    .slice(0, 6)}`;

/**
 * Where `needle` shows on the page: marked (inside an element with lang="fr") and unmarked (a text node
 * or a label attribute with no French element around it — the page's own language would then be wrong).
 */
async function occurrences(page: Page, needle: string) {
  return page.evaluate((needle) => {
    const unmarked: string[] = [];
    const walk = (node: Node) => {
      if (node instanceof HTMLElement) {
        if (node.getAttribute("lang") === "fr") return;
        if (["SCRIPT", "STYLE", "TEMPLATE"].includes(node.tagName)) return;
        for (const attr of ["aria-label", "title", "alt", "placeholder"])
          if (node.getAttribute(attr)?.includes(needle)) unmarked.push(`${node.tagName} @${attr}`);
      }
      if (node.nodeType === Node.TEXT_NODE && node.textContent?.includes(needle))
        unmarked.push(`${node.parentElement?.tagName}: ${node.textContent.trim()}`);
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    const marked = [...document.body.querySelectorAll('[lang="fr"]')].filter((el) =>
      el.textContent?.includes(needle),
    ).length;
    return { marked, unmarked };
  }, needle);
}

test("an English page marks French user content with its language", { timeout: 60_000 }, async () => {
  const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  // `needle` is in the content only; `query` is what is searched for (the page repeats the query unmarked).
  const [needle, query] = [word(), word()];
  const idea = await makeIdea({
    author,
    title: `Un guichet unique ${query} pour ${needle}`,
    body: `Les demandeurs d'emploi ${needle} trouveraient tout au même endroit.`,
    tags: [needle],
  });
  await prisma.challenge.create({
    data: {
      id: newId(),
      spaceId: (await getSpace(SPACES.public)).id,
      title: `Défi ${needle}`,
      cover: "Vos idées.",
      brief: "Le contexte.",
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
    },
  });
  // The author is told of the move: a notification naming the idea.
  await advanceIdea({ ideaId: idea.id, manager, to: "UNDER_REVIEW" });

  const check = async (who: { id: string }, paths: string[]) => {
    const v = await suite.visitor({}, { user: who });
    await v.context.addCookies([{ name: "idees_lang", value: "en", url: suite.app.url }]);
    for (const path of paths) {
      await v.page.goto(path);
      await hydrated(v.page);
      expect(await v.page.locator("html").getAttribute("lang"), path).toBe("en");
      const found = await occurrences(v.page, needle);
      expect(found.unmarked, path).toEqual([]);
      expect(found.marked, path).toBeGreaterThan(0);
    }
    await v.watcher.quiet();
    v.watcher.assertClean(who.id);
  };
  await check(manager, [`/pilotage?mot-cle=${needle}`, `/idees/${idea.id}/pilotage`, `/recherche?q=${query}`]);
  await check(author, ["/notifications"]);
});
