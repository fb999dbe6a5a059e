// Issue 17, parts 4–7 (docs/decisions/0031-mentions-following-profiles.md): mentions honour visibility,
// following changes who is notified, notifications about what is no longer visible are not shown,
// profiles show the name only when private and only what the viewer may see, bad input is a 400, and
// follows, mentions and the bio are exported and erased with the account.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { addComment } from "~/models/comment.server.ts";
import { deleteComment } from "~/models/comment-change.server.ts";
import { setFollow } from "~/models/follow.server.ts";
import { suggestMentions } from "~/models/mention.server.ts";
import { listNotifications } from "~/models/notification.server.ts";
import { deleteMyAccount, exportMyData } from "~/models/privacy.server.ts";
import { getProfile } from "~/models/profile.server.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

const run = Math.random().toString(36).slice(2, 8);
const types = async (user: Parameters<typeof listNotifications>[0]) =>
  (await listNotifications(user)).map((n) => n.type);

test("a mention of someone who cannot see the InnovAction idea notifies nobody and is not suggested", async () => {
  const space = await getSpace(SPACES.internal);
  const author = await makeUser({ role: "EMPLOYEE", displayName: `Agathe Auteur ${run}` });
  const colleague = await makeUser({ role: "EMPLOYEE", displayName: `Zoé Collègue ${run}` });
  const outsider = await makeUser({ role: "PUBLIC", displayName: `Zoé Public ${run}` });
  const idea = await makeIdea({ author, space: SPACES.internal });
  const place = { space, idea: { authorId: author.id, hiddenAt: null } };

  const suggested = await suggestMentions({ viewer: author, place, query: "Zoé" });
  const ids = suggested.map((p) => p.id);
  expect(ids).toContain(colleague.id);
  expect(ids).not.toContain(outsider.id);

  // Typed by hand (no JavaScript), and as a forged token: the outsider is neither linked nor told.
  await addComment({
    user: author,
    ideaId: idea.id,
    body: `Qu'en pensent @Zoé Collègue ${run} et @Zoé Public ${run} ? [@X](/personnes/${outsider.id})`,
  });
  const stored = await prisma.comment.findFirstOrThrow({ where: { ideaId: idea.id }, select: { body: true } });
  expect(stored.body).toContain(`[@Zoé Collègue ${run}](/personnes/${colleague.id})`);
  expect(stored.body).not.toContain(outsider.id);
  expect(await types(colleague)).toEqual(["mention"]);
  expect(await prisma.notification.count({ where: { userId: outsider.id } })).toBe(0);
  expect(await prisma.mention.count({ where: { mentionedId: outsider.id } })).toBe(0);
});

test("a name two people share is not guessed; an exact, unique name is linked", async () => {
  const author = await makeUser({ displayName: `Auteur ${run}` });
  const twinA = await makeUser({ displayName: `Jumeau ${run}` });
  await makeUser({ displayName: `Jumeau ${run}` });
  const idea = await makeIdea({ author });
  await addComment({ user: author, ideaId: idea.id, body: `Bonjour @Jumeau ${run}, et @Auteur ${run} aussi.` });
  const { body } = await prisma.comment.findFirstOrThrow({ where: { ideaId: idea.id }, select: { body: true } });
  expect(body).toContain(`@Jumeau ${run},`);
  expect(body).not.toContain(twinA.id);
  expect(body).toContain(`(/personnes/${author.id})`);
});

test("following: a supporter who stops following hears nothing; someone who follows does; a space's followers hear of new ideas", async () => {
  const manager = await makeUser({ role: "MANAGER" });
  const author = await makeUser();
  const supporter = await makeUser();
  const follower = await makeUser();
  const idea = await makeIdea({ author });
  await setSupport({ user: supporter, ideaId: idea.id, supported: true });
  await setFollow({ user: supporter, input: { kind: "IDEA", target: idea.id, follow: false } });
  await setFollow({ user: follower, input: { kind: "IDEA", target: idea.id, follow: true } });
  await moveIdeaToStage({ user: manager, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" });
  expect(await types(supporter)).toEqual([]);
  expect(await types(follower)).toEqual(["idea.stage"]);
  expect(await types(author)).toEqual(["idea.stage"]);

  // Following again brings the news back; stopping a space follow stops new-idea notifications.
  await setFollow({ user: supporter, input: { kind: "IDEA", target: idea.id, follow: true } });
  await moveIdeaToStage({ user: manager, ideaId: idea.id, from: "UNDER_REVIEW", to: "SELECTED" });
  expect(await types(supporter)).toEqual(["idea.stage"]);
});

test("a notification about a comment deleted since is not shown", async () => {
  const author = await makeUser();
  const commenter = await makeUser();
  const idea = await makeIdea({ author });
  const comment = await addComment({ user: commenter, ideaId: idea.id, body: "Un commentaire bientôt effacé." });
  expect(await types(author)).toEqual(["comment.new"]);
  await deleteComment({ user: commenter, ideaId: idea.id, commentId: comment.id });
  expect(await types(author)).toEqual([]);
});

test("profiles: a private profile shows the name only; contributions are what the viewer may see", async () => {
  const employee = await makeUser({ role: "EMPLOYEE", displayName: `Agent ${run}` });
  const reader = await makeUser();
  const internal = await makeIdea({ author: employee, space: SPACES.internal, title: `Interne ${run}` });
  const open = await makeIdea({ author: employee, title: `Publique ${run}` });
  const asPublic = await getProfile({ viewer: reader, personId: employee.id, page: 1 });
  expect(asPublic.details?.ideas.map((i) => i.id)).toEqual([open.id]);
  const asAnonymous = await getProfile({ viewer: null, personId: employee.id, page: 1 });
  expect(asAnonymous.details?.ideas.map((i) => i.id)).toEqual([open.id]);
  const asColleague = await getProfile({ viewer: employee, personId: employee.id, page: 1 });
  expect(asColleague.details?.ideas.map((i) => i.id).sort()).toEqual([internal.id, open.id].sort());

  await prisma.user.update({ where: { id: employee.id }, data: { profilePrivate: true, bio: "Secret" } });
  const hidden = await getProfile({ viewer: reader, personId: employee.id, page: 1 });
  expect(hidden).toEqual({ person: { id: employee.id, displayName: `Agent ${run}` }, details: null });
  expect((await getProfile({ viewer: employee, personId: employee.id, page: 1 })).details?.bio).toBe("Secret");
});

test("GDPR: follows, mentions and bio are exported; deletion erases the mention tokens naming the person", async () => {
  const writer = await makeUser();
  const person = await makeUser({ displayName: `Mentionnée ${run}` });
  await prisma.user.update({ where: { id: person.id }, data: { bio: `Ma bio ${run}` } });
  const idea = await makeIdea({ author: writer });
  await setFollow({ user: person, input: { kind: "TAG", target: "accueil", follow: true } });
  await addComment({ user: writer, ideaId: idea.id, body: `Merci @Mentionnée ${run} !` });
  const data = await exportMyData({ user: person });
  expect(data.profileSettings.bio).toBe(`Ma bio ${run}`);
  expect(data.follows).toEqual([expect.objectContaining({ kind: "TAG", targetId: "accueil" })]);
  expect(data.mentionsOfMe).toEqual([expect.objectContaining({ ideaId: idea.id })]);

  await deleteMyAccount({
    user: { id: person.id, sessionId: "none" },
    currentPassword: person.password,
    contributions: "keep",
  });
  const { body } = await prisma.comment.findFirstOrThrow({ where: { ideaId: idea.id }, select: { body: true } });
  expect(body).not.toContain(person.id);
  expect(body).not.toContain(`Mentionnée ${run}`);
  expect(await prisma.follow.count({ where: { userId: person.id } })).toBe(0);
});

// --- over HTTP ------------------------------------------------------------------------------------------

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

test("HTTP: bad follow input is a 400 with the field's error; the autocomplete refuses an idea the asker cannot see", async () => {
  const person = await makeUser();
  const c = new HttpClient(app.url);
  await c.signIn(person.email, person.password);
  const bad = await c.post("/suivre", { kind: "IDEA", target: "not an id!", follow: "1" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("target");
  const unknownKind = await c.post("/suivre", { kind: "USER", target: "abc", follow: "1" });
  expect(unknownKind.status).toBe(400);

  const employee = await makeUser({ role: "EMPLOYEE" });
  const internal = await makeIdea({ author: employee, space: SPACES.internal });
  expect((await c.get(`/api/personnes?idee=${internal.id}&q=a`)).status).toBe(404);
  expect((await c.get(`/api/personnes?q=a`)).status).toBe(400);
  expect((await new HttpClient(app.url).get(`/api/personnes?idee=${internal.id}&q=a`)).status).toBe(302);

  const profile = await c.get(`/compte/profil`);
  expect(profile.status).toBe(200);
  const tooLong = await c.post("/compte/profil", { intent: "profile", formId: "profile", bio: "x".repeat(400) });
  expect(tooLong.status).toBe(400);
  expect((await c.get(`/personnes/${employee.id}`)).status).toBe(200);
  expect((await c.get(`/personnes/nobody-${run}`)).status).toBe(404);
});
