// An idea's thread as the page serves it (docs/decisions/0032, 0043): COMMENT_PAGE_SIZE top-level comments
// with their replies, then a plain "more" link.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { COMMENT_PAGE_SIZE } from "~/models/comment.ts";
import { makeComment, makeIdea, makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const articles = (html: string) => [...html.matchAll(/<article[^>]*\sid="commentaire-([^"]+)"/g)].map((m) => m[1]);
const unescape = (s: string) => s.replaceAll("&amp;", "&");

/** An idea with one top-level comment more than a page holds, an hour apart, and a reply to the last one shown. */
async function longThread() {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const start = Date.now() - 24 * 3_600_000;
  const roots = Array.from({ length: COMMENT_PAGE_SIZE + 1 }, (_, i) => ({
    id: newId(),
    ideaId: idea.id,
    authorId: author.id,
    body: `Avis numéro ${i}`,
    createdAt: new Date(start + i * 3_600_000),
  }));
  await prisma.comment.createMany({ data: roots });
  const lastShown = roots[COMMENT_PAGE_SIZE - 1]!.id;
  const reply = await makeComment({ author, idea, body: "Une réponse", parentId: lastShown });
  return { idea, roots: roots.map((r) => r.id), reply: reply.id };
}

test("the page shows COMMENT_PAGE_SIZE top-level comments with their replies; the rest is one link away", async () => {
  const { idea, roots, reply } = await longThread();
  const anonymous = new HttpClient(app.url);
  const first = await (await anonymous.get(`/idees/${idea.id}`)).text();
  expect(articles(first)).toEqual([...roots.slice(0, COMMENT_PAGE_SIZE), reply]);
  const more = /<a data-testid="more-comments"[^>]*\shref="([^"]+)"/.exec(first)?.[1];
  expect(more).toMatch(new RegExp(`^/idees/${idea.id}\\?commentaires=[A-Za-z0-9_-]+#comments-title$`));
  const second = await (await anonymous.get(unescape(more!))).text();
  expect(articles(second)).toEqual([roots[COMMENT_PAGE_SIZE]]);
  expect(second).not.toContain("more-comments");
});
