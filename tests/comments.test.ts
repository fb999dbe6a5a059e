import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { addComment, listCommentPage, listComments } from "~/models/comment.server.ts";
import { deleteComment, editComment } from "~/models/comment-change.server.ts";
import { exactCount, foldCounterDeltas } from "~/models/counters.server.ts";
import { makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { Forbidden, NotFound } from "~/models/errors.ts";

test("replies are one level deep: answering a reply joins its thread", async () => {
  const [author, a, b] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  const idea = await makeIdea({ author });
  const root = await addComment({ user: a, ideaId: idea.id, body: "Premier **avis**" });
  const reply = await addComment({ user: b, ideaId: idea.id, body: "Une réponse", parentId: root.id });
  const replyToReply = await addComment({
    user: a,
    ideaId: idea.id,
    body: "Une réponse à la réponse",
    parentId: reply.id,
  });
  const thread = await listComments(b, idea.id);
  expect(thread).toHaveLength(1);
  expect(thread[0]!.bodyHtml).toContain("<strong>avis</strong>");
  expect(thread[0]!.replies.map((r) => r.id)).toEqual([reply.id, replyToReply.id]);
  expect(thread[0]!.canEdit).toBe(false);
  expect(thread[0]!.replies[0]!.canEdit).toBe(true);
  expect((await exactCount(idea.id)).comments).toBe(3);
});

test("a parent from another idea is refused (a rule, 400 in its form) and nothing is stored", async () => {
  const author = await makeUser();
  const [idea, other] = await Promise.all([makeIdea({ author }), makeIdea({ author })]);
  const elsewhere = await addComment({ user: author, ideaId: other.id, body: "Ailleurs" });
  await expect(
    addComment({ user: author, ideaId: idea.id, body: "Ici", parentId: elsewhere.id }),
  ).rejects.toMatchObject({ name: "RuleBroken", key: "comments.parentGone" });
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(0);
});

test("the author edits and deletes their comment; deleted shows as deleted and replies stay", async () => {
  const [author, a, b] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  const idea = await makeIdea({ author });
  const root = await addComment({ user: a, ideaId: idea.id, body: "Version 1" });
  await addComment({ user: b, ideaId: idea.id, body: "Je réponds", parentId: root.id });
  await expect(editComment({ user: b, ideaId: idea.id, commentId: root.id, body: "Piraté" })).rejects.toBeInstanceOf(
    Forbidden,
  );
  await editComment({ user: a, ideaId: idea.id, commentId: root.id, body: "Version 2" });
  let thread = await listComments(a, idea.id);
  expect(thread[0]!.bodyHtml).toContain("Version 2");
  expect(thread[0]!.editedAt).not.toBeNull();

  await expect(deleteComment({ user: b, ideaId: idea.id, commentId: root.id })).rejects.toBeInstanceOf(Forbidden);
  await deleteComment({ user: a, ideaId: idea.id, commentId: root.id });
  thread = await listComments(b, idea.id);
  expect(thread[0]!.deleted).toBe(true);
  expect(thread[0]!.bodyHtml).toBeNull();
  expect(thread[0]!.author.displayName).toBe("");
  expect(thread[0]!.replies).toHaveLength(1);
  const stored = await prisma.comment.findUniqueOrThrow({ where: { id: root.id }, select: { body: true } });
  expect(stored.body).toBe("");
  await foldCounterDeltas();
  expect((await exactCount(idea.id)).comments).toBe(1);
  await expect(editComment({ user: a, ideaId: idea.id, commentId: root.id, body: "Revenu" })).rejects.toBeInstanceOf(
    Forbidden,
  );
  await expect(deleteComment({ user: a, ideaId: idea.id, commentId: "inconnu" })).rejects.toBeInstanceOf(NotFound);
});

test("comments of an internal idea are a 404 for the public and anonymous visitors", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const idea = await makeIdea({ author: employee, space: SPACES.internal });
  await addComment({ user: employee, ideaId: idea.id, body: "Interne" });
  const publicUser = await makeUser();
  await expect(listComments(null, idea.id)).rejects.toBeInstanceOf(NotFound);
  await expect(listComments(publicUser, idea.id)).rejects.toBeInstanceOf(NotFound);
  await expect(addComment({ user: publicUser, ideaId: idea.id, body: "Intrus" })).rejects.toBeInstanceOf(NotFound);
  expect(await listComments(employee, idea.id)).toHaveLength(1);
});

test("the thread is read page by page: top-level comments with all their replies, then a cursor", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const first = await makeComment({ author, idea, body: "premier" });
  await makeComment({ author, idea, body: "réponse au premier", parentId: first.id });
  await makeComment({ author, idea, body: "deuxième" });
  await makeComment({ author, idea, body: "troisième" });
  const page1 = await listCommentPage(author, idea.id, { size: 2 });
  expect(page1.comments.map((c) => c.bodyHtml?.replace(/<[^>]+>|\n/g, ""))).toEqual(["premier", "deuxième"]);
  expect(page1.comments[0]!.replies.map((r) => r.bodyHtml?.replace(/<[^>]+>|\n/g, ""))).toEqual(["réponse au premier"]);
  expect(page1.nextCursor).not.toBeNull();
  const page2 = await listCommentPage(author, idea.id, { size: 2, after: page1.nextCursor });
  expect(page2.comments.map((c) => c.bodyHtml?.replace(/<[^>]+>|\n/g, ""))).toEqual(["troisième"]);
  expect(page2.nextCursor).toBeNull();
  // A forged cursor is the first page, never an error.
  const forged = await listCommentPage(author, idea.id, { size: 2, after: "e30" });
  expect(forged.comments).toHaveLength(2);
});
