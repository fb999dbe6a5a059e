// An idea's thread as the page serves it (docs/decisions/0032, 0043): COMMENT_PAGE_SIZE top-level comments
// with their replies, then a plain "more" link; and, signed in, a reply form only for the comment it was
// asked for — `?repondre=<id>` renders it without JavaScript (tests/e2e/journey.test.ts opens it in place).
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
const replyForms = (html: string) => [...html.matchAll(/<form[^>]*\sid="reply-([^"]+)"/g)].map((m) => m[1]);
const unescape = (s: string) => s.replaceAll("&amp;", "&");
/** The markdown editors on the page (each comment form's text; the report forms have a textarea too). */
const editors = (html: string) => html.match(/<textarea[^>]*\sname="body"/g) ?? [];

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

test("signed in, a reply form only where it is asked for: a link per comment, `?repondre=<id>` without JavaScript", async () => {
  const { idea, roots } = await longThread();
  const reader = await makeUser();
  const client = await HttpClient.signedIn(app.url, reader);
  const page = `/idees/${idea.id}`;

  // No reply form (nor its editor) on the page: a link per top-level comment, and the new comment's form.
  const plain = await (await client.get(page)).text();
  expect(replyForms(plain)).toEqual([]);
  expect(editors(plain)).toHaveLength(1);
  const links = [...plain.matchAll(/href="([^"]*\?repondre=[^"]*)"/g)].map((m) => unescape(m[1]!));
  expect(links).toEqual(roots.slice(0, COMMENT_PAGE_SIZE).map((id) => `${page}?repondre=${id}#reponse-${id}`));

  // Following one renders that form only, under its comment, with a way back.
  const asked = roots[3]!;
  const opened = await (await client.get(links[3]!)).text();
  expect(replyForms(opened)).toEqual([asked]);
  expect(editors(opened)).toHaveLength(2);
  expect(opened).toContain(`id="reponse-${asked}"`);
  expect(opened).toContain(`href="${page}#commentaire-${asked}"`);
  // Its link is gone (the form is there); the others stay.
  expect(opened).not.toContain(`?repondre=${asked}#`);
  expect(opened).toContain(`?repondre=${roots[4]}#`);

  // On a later page the links keep its cursor.
  const more = unescape(/<a data-testid="more-comments"[^>]*\shref="([^"]+)"/.exec(plain)![1]!).split("#")[0]!;
  const later = await (await client.get(more)).text();
  const last = roots[COMMENT_PAGE_SIZE]!;
  expect(unescape(later)).toContain(`${more}&repondre=${last}#reponse-${last}`);

  // A refused reply (no text) comes back with its form open and its error, whatever the address.
  const refused = await client.post(page, {
    intent: "comment",
    formId: `reply-${roots[5]}`,
    parentId: roots[5]!,
    body: "",
  });
  expect(refused.status).toBe(400);
  const answer = await refused.text();
  expect(replyForms(answer)).toEqual([roots[5]]);
  expect(answer).toContain('aria-invalid="true"');

  // The reply sent from the asked form leads back to the thread, form closed.
  const sent = await client.post(`${page}?repondre=${asked}`, {
    intent: "comment",
    formId: `reply-${asked}`,
    parentId: asked,
    body: "Je réponds sans JavaScript.",
  });
  expect(sent.status).toBe(302);
  const stored = await prisma.comment.findFirstOrThrow({ where: { parentId: asked }, select: { id: true } });
  expect(sent.headers.get("location")).toBe(`${page}#commentaire-${stored.id}`);
});

const flagForms = (html: string) => [...html.matchAll(/<form[^>]*\sid="flag-([^"]+)"/g)].map((m) => m[1]);

test("signed in, a report form only where it is asked for: a link per comment, `?signaler=<id>` without JavaScript", async () => {
  const { idea, roots, reply } = await longThread();
  const reader = await makeUser();
  const client = await HttpClient.signedIn(app.url, reader);
  const page = `/idees/${idea.id}`;
  const shown = [...roots.slice(0, COMMENT_PAGE_SIZE), reply];

  // No report form for any comment (the idea keeps its own disclosure): a link per comment shown.
  const plain = await (await client.get(page)).text();
  expect(flagForms(plain)).toEqual(["idea"]);
  const links = [...plain.matchAll(/href="([^"]*\?signaler=[^"]*)"/g)].map((m) => unescape(m[1]!));
  expect(links.sort()).toEqual(shown.map((id) => `${page}?signaler=${id}#signalement-${id}`).sort());

  // Following one renders that form only, under its comment, with a way back; the reply is a comment too.
  for (const asked of [roots[2]!, reply]) {
    const opened = await (await client.get(`${page}?signaler=${asked}`)).text();
    expect(flagForms(opened)).toEqual(["idea", asked]);
    expect(opened).toContain(`id="signalement-${asked}"`);
    expect(opened).toContain(`href="${page}#commentaire-${asked}"`);
    expect(opened).not.toContain(`?signaler=${asked}#`);
  }

  // A refused report (no reason) comes back with its form open and its error, whatever the address.
  const refused = await client.post(page, { intent: "flag", formId: `flag-${roots[4]}`, commentId: roots[4]! });
  expect(refused.status).toBe(400);
  const answer = await refused.text();
  expect(flagForms(answer)).toEqual(["idea", roots[4]]);
  expect(answer).toContain('aria-invalid="true"');

  // Sent from the asked form: stored, and the comment no longer offers it.
  const sent = await client.post(`${page}?signaler=${roots[2]}`, {
    intent: "flag",
    formId: `flag-${roots[2]}`,
    commentId: roots[2]!,
    reason: "SPAM",
  });
  expect(sent.status).toBe(302);
  expect(sent.headers.get("location")).toBe(`${page}#commentaire-${roots[2]}`);
  expect(await prisma.flag.count({ where: { commentId: roots[2]!, reporterId: reader.id } })).toBe(1);
  const after = await (await client.get(`${page}?signaler=${roots[2]}`)).text();
  expect(flagForms(after)).toEqual(["idea"]);
  expect(after).not.toContain(`?signaler=${roots[2]}#`);
});

test("forged ?repondre= and ?signaler= values answer the page with no form for them", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const shown = await makeComment({ author, idea, body: "Un avis visible" });
  const elsewhere = await makeComment({ author, idea: await makeIdea({ author }) });
  const moderatorHidden = await makeComment({ author, idea, body: "Masqué" });
  const hiddenWithReply = await makeComment({ author, idea, body: "Masqué, avec une réponse" });
  await makeComment({ author, idea, body: "Une réponse", parentId: hiddenWithReply.id });
  const deleted = await makeComment({ author, idea, body: "Supprimé" });
  await prisma.comment.updateMany({
    where: { id: { in: [moderatorHidden.id, hiddenWithReply.id] } },
    data: { hiddenAt: new Date(), hiddenKind: "MODERATOR", hiddenReason: "Hors sujet" },
  });
  await prisma.comment.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
  const reader = await HttpClient.signedIn(app.url, await makeUser());
  const page = `/idees/${idea.id}`;
  const plain = await (await reader.get(page)).text();
  // The page offers both forms for the comment that is shown, and neither for the hidden one.
  expect(plain).toContain(`?repondre=${shown.id}#`);
  expect(plain).toContain(`?signaler=${shown.id}#`);
  expect(plain).toContain(`id="commentaire-${hiddenWithReply.id}"`);
  expect(plain).not.toContain(`?repondre=${hiddenWithReply.id}#`);
  expect(plain).not.toContain(`?signaler=${hiddenWithReply.id}#`);

  const forged = [
    newId(), // no such comment
    elsewhere.id, // another idea's
    moderatorHidden.id, // hidden, not shown
    hiddenWithReply.id, // hidden, shown masked for its reply
    deleted.id, // deleted
    "<script>alert(1)</script>",
    "%00%ff'\"",
    "x".repeat(4000),
    "",
  ];
  for (const param of ["repondre", "signaler"]) {
    for (const value of forged) {
      const response = await reader.get(`${page}?${param}=${encodeURIComponent(value)}`);
      expect(response.status, `${param}=${value.slice(0, 40)}`).toBe(200);
      const html = await response.text();
      expect(replyForms(html)).toEqual([]);
      expect(flagForms(html)).toEqual(["idea"]);
      expect(articles(html)).toContain(shown.id);
      expect(html).not.toContain("<script>alert(1)</script>");
    }
    // Twice, or beside the other parameter: the first value counts, still nothing forged opens.
    const both = await reader.get(`${page}?${param}=${elsewhere.id}&${param}=${shown.id}&commentaires=nimporte`);
    expect(both.status).toBe(200);
  }
  // Anonymous: nothing to open at all.
  const anonymous = await new HttpClient(app.url).get(`${page}?repondre=${shown.id}&signaler=${shown.id}`);
  expect(anonymous.status).toBe(200);
  const html = await anonymous.text();
  expect(replyForms(html)).toEqual([]);
  expect(flagForms(html)).toEqual([]);
  // Its author: no report of their own comment (nor of their own idea), asked for or not.
  const own = await (await HttpClient.signedIn(app.url, author)).get(`${page}?signaler=${shown.id}`);
  expect(own.status).toBe(200);
  const ownHtml = await own.text();
  expect(articles(ownHtml)).toContain(shown.id);
  expect(flagForms(ownHtml)).toEqual([]);
  expect(ownHtml).not.toContain(`?signaler=${shown.id}#`);
});
