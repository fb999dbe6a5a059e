// Moderation over real HTTP and real sockets (docs/decisions/0008-moderation.md): flagging once per
// person, the threshold's automatic hide, hidden content absent from every surface for everyone but its
// author and moderators, moderators' decisions with their audit entries and the author's notification,
// suspension ending sessions at once, and sockets that hear nothing about a hidden idea.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { exactCount, foldCounterDeltas } from "~/models/counters.server.ts";
import { hideContent, restoreContent } from "~/models/moderation.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { advanceIdea, getSpace, makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { connectLive, sleep, until, type LiveClient } from "./support/live-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const sockets: LiveClient[] = [];
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
});

const client = () => new HttpClient(app.url);
const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);
const flag = (c: HttpClient, ideaId: string, fields: Record<string, string> = {}) =>
  c.post(`/idees/${ideaId}`, { intent: "flag", formId: "flag-idea", reason: "SPAM", ...fields });
const THRESHOLD = () => env().FLAG_HIDE_THRESHOLD;

test("the threshold is configured, 3 by default", () => {
  expect(THRESHOLD()).toBe(Number(process.env.FLAG_HIDE_THRESHOLD ?? 3));
  expect(THRESHOLD()).toBeGreaterThanOrEqual(2);
});

test("a person flags an idea or a comment once; bad input is a 400 with the field's message; one's own content and anonymous flags are refused", async () => {
  const [author, reporter, commenter] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  const idea = await makeIdea({ author });
  const comment = await makeComment({ author: commenter, idea });
  const c = await signedIn(reporter);

  const first = await flag(c, idea.id, { note: "Lien publicitaire" });
  expect(first.status).toBe(302);
  const again = await flag(c, idea.id, { reason: "ABUSE" });
  expect(again.status).toBe(409);
  expect(await again.text()).toContain("Vous avez déjà signalé ce contenu.");
  expect(
    await prisma.flag.findMany({
      where: { targetId: idea.id },
      select: { reporterId: true, reason: true, note: true },
    }),
  ).toEqual([{ reporterId: reporter.id, reason: "SPAM", note: "Lien publicitaire" }]);
  // The page no longer offers to report it again, and says why.
  const page = await (await c.get(`/idees/${idea.id}`)).text();
  expect(page).not.toContain("Signaler cette idée");
  expect(page).toContain("Vous avez déjà signalé ce contenu.");

  const fresh = await signedIn(await makeUser());
  const bad = await flag(fresh, idea.id, { reason: "NOPE", formId: "flag-idea" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Choisissez un motif.");
  const tooLong = await fresh.post(`/idees/${idea.id}`, {
    intent: "flag",
    formId: `flag-${comment.id}`,
    commentId: comment.id,
    reason: "ABUSE",
    note: "x".repeat(501),
  });
  expect(tooLong.status).toBe(400);
  expect(await prisma.flag.count({ where: { targetId: comment.id } })).toBe(0);

  const onComment = await c.post(`/idees/${idea.id}`, {
    intent: "flag",
    formId: `flag-${comment.id}`,
    commentId: comment.id,
    reason: "ABUSE",
  });
  expect(onComment.status).toBe(302);
  expect(onComment.headers.get("location")).toBe(`/idees/${idea.id}#commentaire-${comment.id}`);
  expect(await prisma.flag.count({ where: { targetId: comment.id, commentId: comment.id, ideaId: idea.id } })).toBe(1);

  // A comment of another idea is not found on this one.
  const elsewhere = await makeComment({ author: commenter, idea: await makeIdea({ author }) });
  expect((await c.post(`/idees/${idea.id}`, { intent: "flag", commentId: elsewhere.id, reason: "SPAM" })).status).toBe(
    404,
  );

  const own = await flag(await signedIn(author), idea.id);
  expect(own.status).toBe(403);
  const anonymous = await flag(client(), idea.id);
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("location")).toMatch(/^\/connexion/);
  // An InnovAction idea cannot even be found by someone who may not see it.
  const internalIdea = await makeIdea({ author: await makeUser({ role: "EMPLOYEE" }), space: SPACES.internal });
  expect((await flag(c, internalIdea.id)).status).toBe(404);
  expect(await prisma.flag.count({ where: { reporterId: author.id } })).toBe(0);
});

test("flagged by enough people, an idea is hidden pending review and vanishes from every surface but its author's and moderators' view; a moderator's hide and restore are audited and told to the author", async () => {
  const [author, supporter, manager, moderator, admin] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "MODERATOR" }),
    makeUser({ role: "ADMIN" }),
  ]);
  const title = `Idée à modérer ${Date.now()}`;
  const idea = await makeIdea({ author, title, body: "Un texte qui sera signalé par plusieurs personnes." });
  await setSupport({ user: supporter, ideaId: idea.id, supported: true });
  // In production, so that it is on the board, the "en production" page and in followers' notifications.
  await advanceIdea({ ideaId: idea.id, manager, to: "PRODUCTION" });

  const anonymous = client();
  const [other, supporterClient, managerClient, moderatorClient, authorClient, adminClient] = await Promise.all([
    signedIn(await makeUser()),
    signedIn(supporter),
    signedIn(manager),
    signedIn(moderator),
    signedIn(author),
    signedIn(admin),
  ]);
  const surfaces = [
    `/espaces/${SPACES.public}`,
    `/espaces/${SPACES.public}.data`,
    "/en-production",
    "/en-production.data",
  ];
  for (const path of surfaces) expect(await (await anonymous.get(path)).text(), `${path} before`).toContain(title);
  expect(await (await managerClient.get("/pilotage")).text()).toContain(title);
  expect(await (await supporterClient.get("/notifications")).text()).toContain(title);

  // Below the threshold, nothing changes.
  const reporters = await Promise.all(Array.from({ length: THRESHOLD() }, () => makeUser()));
  for (const reporter of reporters.slice(0, -1))
    expect((await flag(await signedIn(reporter), idea.id)).status).toBe(302);
  expect(
    (await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { hiddenKind: true } })).hiddenKind,
  ).toBeNull();
  // The last one tips it over: hidden pending review, in the same transaction as the flag.
  const last = await flag(await signedIn(reporters.at(-1)!), idea.id);
  expect(last.status).toBe(302);
  expect(last.headers.get("location")).toBe("/");
  expect(
    await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { hiddenKind: true, hiddenById: true } }),
  ).toEqual({
    hiddenKind: "PENDING_REVIEW",
    hiddenById: null,
  });
  expect(
    await prisma.auditLog.count({ where: { action: "moderation.autohide", targetId: idea.id, actorId: null } }),
  ).toBe(1);

  // Gone for anonymous visitors, PUBLIC users, a supporter and a manager: lists, pages, data, board, notifications.
  for (const [label, c] of [
    ["anonymous", anonymous],
    ["PUBLIC", other],
    ["supporter", supporterClient],
    ["manager", managerClient],
  ] as const) {
    for (const path of ["/", ...surfaces, "/notifications", "/pilotage"]) {
      const res = await c.get(path);
      expect(await res.text(), `${label} ${path}`).not.toContain(title);
    }
    for (const path of [`/idees/${idea.id}`, `/idees/${idea.id}.data`]) {
      const res = await c.get(path);
      expect(res.status, `${label} ${path}`).toBe(404);
      expect(await res.text()).not.toContain(title);
    }
    // Nor can it be supported, commented or reported any more.
    expect((await c.post(`/idees/${idea.id}`, { intent: "support" })).status).not.toBeLessThan(300);
  }
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(1);

  // The moderator sees it, marked; the queue lists it with its flags.
  const moderatorView = await moderatorClient.get(`/idees/${idea.id}`);
  expect(moderatorView.status).toBe(200);
  expect(await moderatorView.text()).toContain("Masquée en attente de l&#x27;examen d&#x27;un modérateur");
  const queue = await (await moderatorClient.get("/moderation")).text();
  expect(queue).toContain(title);
  expect(queue).toContain(`${THRESHOLD()} signalements`);
  // The author sees it too, and was told.
  expect(await (await authorClient.get(`/idees/${idea.id}`)).text()).toContain("Masquée en attente");
  expect(await (await authorClient.get("/notifications")).text()).toContain(
    `Votre idée « <span lang="fr">${title}</span> » est masquée en attendant`,
  );

  // The queue is for moderators: others get 403.
  expect((await other.get("/moderation")).status).toBe(403);
  expect(
    (await managerClient.post("/moderation", { intent: "restore", target: "idea", targetId: idea.id })).status,
  ).toBe(403);

  // A moderator's decision needs a reason (400, nothing changes), which the author is then shown.
  const noReason = await moderatorClient.post("/moderation", {
    intent: "hide",
    formId: `hide-${idea.id}`,
    target: "idea",
    targetId: idea.id,
    reason: " ",
  });
  expect(noReason.status).toBe(400);
  const noReasonHtml = await noReason.text();
  expect(noReasonHtml).toContain("Ce champ est obligatoire.");
  expect(noReasonHtml).toMatch(/aria-invalid="true"/);
  expect(
    (await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { hiddenKind: true } })).hiddenKind,
  ).toBe("PENDING_REVIEW");
  const reason = "Publicité répétée pour un service payant";
  expect(
    (await moderatorClient.post("/moderation", { intent: "hide", target: "idea", targetId: idea.id, reason })).status,
  ).toBe(302);
  const authorPage = await (await authorClient.get(`/idees/${idea.id}`)).text();
  expect(authorPage).toContain(`Masquée par la modération. Motif : ${reason}`);
  expect(await (await authorClient.get("/notifications")).text()).toContain(reason);
  expect((await other.get(`/idees/${idea.id}`)).status).toBe(404);
  expect(await prisma.flag.count({ where: { targetId: idea.id, resolvedAt: null } })).toBe(0);
  expect(await (await moderatorClient.get("/moderation")).text()).not.toContain(title);
  // Decided, it left the queue; the moderator brings it back from its page.
  const decided = await (await moderatorClient.get(`/idees/${idea.id}`)).text();
  expect(decided).toContain(`Masquée par la modération. Motif : ${reason}`);
  expect(decided).toMatch(
    /<form method="post" action="\/moderation"[^>]*><input type="hidden" name="intent" value="restore"\/>/,
  );
  expect(authorPage).not.toContain('value="restore"');

  // Restored: back everywhere.
  expect(
    (await moderatorClient.post("/moderation", { intent: "restore", target: "idea", targetId: idea.id })).status,
  ).toBe(302);
  for (const path of surfaces)
    expect(await (await anonymous.get(path)).text(), `${path} after restore`).toContain(title);
  expect((await other.get(`/idees/${idea.id}`)).status).toBe(200);
  expect(await (await authorClient.get("/notifications")).text()).toContain(
    `Votre idée « <span lang="fr">${title}</span> » est de nouveau visible.`,
  );

  // Restoring what is visible is refused (another moderator was first): an error flash, nothing recorded.
  expect(
    (await moderatorClient.post("/moderation", { intent: "restore", target: "idea", targetId: idea.id })).status,
  ).toBe(302);
  expect(await (await moderatorClient.get("/moderation")).text()).toContain("Ce contenu n&#x27;est pas masqué.");

  // The audit trail holds who did what, when, before and after — and admins read it.
  const entries = await prisma.auditLog.findMany({
    where: { targetId: idea.id, action: { startsWith: "moderation." } },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, before: true, after: true },
  });
  expect(entries.map((e) => [e.action, e.actorId])).toEqual([
    ["moderation.autohide", null],
    ["moderation.hide", moderator.id],
    ["moderation.restore", moderator.id],
  ]);
  expect(entries[1]!.before).toEqual({ hidden: "PENDING_REVIEW", reason: null });
  expect(entries[1]!.after).toMatchObject({ hidden: "MODERATOR", reason, flagsClosed: THRESHOLD() });
  const journal = await (await adminClient.get("/admin/journal?action=moderation.hide")).text();
  expect(journal).toContain("Contenu masqué");
  expect(journal).toContain(reason);
});

test("a hidden comment shows as a placeholder to others and in full, marked, to its author and moderators; dismissing lifts a pending hide", async () => {
  const [author, commenter, replier, moderator] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser({ role: "MODERATOR" }),
  ]);
  const idea = await makeIdea({ author });
  const secret = `Commentaire injurieux ${Date.now()}`;
  const comment = await makeComment({ author: commenter, idea, body: secret });
  await makeComment({ author: replier, idea, parentId: comment.id, body: "Une réponse qui reste" });
  const lone = await makeComment({ author: commenter, idea, body: `Seul ${secret}` });

  const moderatorClient = await signedIn(moderator);
  for (const target of [comment.id, lone.id]) {
    expect(
      (
        await moderatorClient.post("/moderation", {
          intent: "hide",
          target: "comment",
          targetId: target,
          reason: "Propos injurieux",
        })
      ).status,
    ).toBe(302);
  }
  for (const c of [client(), await signedIn(author)]) {
    for (const path of [`/idees/${idea.id}`, `/idees/${idea.id}.data`]) {
      const body = await (await c.get(path)).text();
      expect(body).not.toContain(secret);
      expect(body).toContain("Une réponse qui reste");
    }
    expect(await (await c.get(`/idees/${idea.id}`)).text()).toContain("Commentaire masqué par la modération");
  }
  const commenterPage = await (await (await signedIn(commenter)).get(`/idees/${idea.id}`)).text();
  expect(commenterPage).toContain(secret);
  expect(commenterPage).toContain("Commentaire masqué par la modération. Motif : Propos injurieux");
  expect(await (await moderatorClient.get(`/idees/${idea.id}`)).text()).toContain(secret);

  // Flags that reach the threshold on a visible comment hide it pending review; dismissing brings it back.
  const other = await makeComment({ author: commenter, idea, body: "Un avis tranché mais correct" });
  for (const reporter of await Promise.all(Array.from({ length: THRESHOLD() }, () => makeUser()))) {
    const res = await (
      await signedIn(reporter)
    ).post(`/idees/${idea.id}`, { intent: "flag", commentId: other.id, reason: "OFF_TOPIC" });
    expect(res.status).toBe(302);
  }
  expect(await (await client().get(`/idees/${idea.id}`)).text()).not.toContain("Un avis tranché mais correct");
  expect(
    (await moderatorClient.post("/moderation", { intent: "dismiss", target: "comment", targetId: other.id })).status,
  ).toBe(302);
  expect(await (await client().get(`/idees/${idea.id}`)).text()).toContain("Un avis tranché mais correct");
  expect(await prisma.flag.count({ where: { targetId: other.id, resolution: "DISMISSED" } })).toBe(THRESHOLD());
  expect(
    await prisma.auditLog.count({
      where: { action: "moderation.dismiss", targetType: "comment", targetId: other.id, actorId: moderator.id },
    }),
  ).toBe(1);
});

test("a suspended account cannot sign in and its open session is dead at once; lifting the suspension lets it back", async () => {
  const [person, moderator, admin] = await Promise.all([
    makeUser(),
    makeUser({ role: "MODERATOR" }),
    makeUser({ role: "ADMIN" }),
  ]);
  const session = await signedIn(person);
  expect((await session.get("/compte")).status).toBe(200);
  const moderatorClient = await signedIn(moderator);

  const noReason = await moderatorClient.post("/moderation", { intent: "suspend", userId: person.id, reason: "" });
  expect(noReason.status).toBe(400);
  expect((await session.get("/compte")).status).toBe(200);

  const reason = "Messages injurieux répétés";
  expect((await moderatorClient.post("/moderation", { intent: "suspend", userId: person.id, reason })).status).toBe(
    302,
  );
  const after = await session.get("/compte");
  expect(after.status).toBe(302);
  expect(after.headers.get("location")).toMatch(/^\/connexion/);
  expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  const attempt = await client().post("/connexion", { email: person.email, password: person.password });
  expect(attempt.status).toBe(403);
  expect(await attempt.text()).toContain("Ce compte est suspendu.");
  // A wrong password says nothing about the suspension.
  const wrong = await client().post("/connexion", { email: person.email, password: "pas-le-bon-mot-de-passe" });
  expect(await wrong.text()).not.toContain("suspendu");
  // A session row that would survive (another process, a race) no longer validates.
  const { token } = await createSession(person.id);
  const stale = client();
  stale.cookies.set("idees_session", token);
  expect((await stale.get("/compte")).status).toBe(302);

  // Moderators cannot suspend admins or themselves.
  expect((await moderatorClient.post("/moderation", { intent: "suspend", userId: admin.id, reason })).status).toBe(403);
  expect((await moderatorClient.post("/moderation", { intent: "suspend", userId: moderator.id, reason })).status).toBe(
    403,
  );

  expect((await moderatorClient.post("/moderation", { intent: "unsuspend", userId: person.id })).status).toBe(302);
  expect((await client().post("/connexion", { email: person.email, password: person.password })).status).toBe(302);
  const audit = await prisma.auditLog.findMany({
    where: { targetId: person.id },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, after: true },
  });
  expect(audit.map((a) => a.action)).toEqual(["user.suspend", "user.unsuspend"]);
  expect(audit[0]).toMatchObject({ actorId: moderator.id, after: { suspended: true, reason } });
});

async function live(user?: { id: string } | null) {
  const cookie = user ? `idees_session=${(await createSession(user.id)).token}` : undefined;
  const socket = await connectLive(app.url, { cookie });
  sockets.push(socket);
  return socket;
}

test("sockets of people who may not see a hidden idea hear only that it left, never anything more about it; the moderation room hears new flags", async () => {
  const publicSpace = await getSpace(SPACES.public);
  const [author, moderator, reporter, voter] = await Promise.all([
    makeUser(),
    makeUser({ role: "MODERATOR" }),
    makeUser(),
    makeUser(),
  ]);
  const title = `Idée masquée en direct ${Date.now()}`;
  const idea = await makeIdea({ author, title });
  const control = await makeIdea({ author });

  const [watcher, anonymous, moderatorSocket, authorSocket] = await Promise.all([
    live(await makeUser()),
    live(null),
    live(moderator),
    live(author),
  ]);
  // The people who still see it (its author, moderators) are on its page.
  for (const socket of [moderatorSocket, authorSocket])
    expect(await socket.join(`idea:${idea.id}`)).toEqual({ ok: true });
  for (const socket of [watcher, anonymous]) {
    expect(await socket.join(`space:${publicSpace.id}`)).toEqual({ ok: true });
    expect(await socket.join(`idea:${idea.id}`)).toEqual({ ok: true });
    expect(await socket.join(`moderation:${publicSpace.id}`)).toEqual({ ok: false, error: "forbidden" });
  }
  expect(await moderatorSocket.join(`moderation:${publicSpace.id}`)).toEqual({ ok: true });

  // A new flag reaches the moderators' queue room, and nobody else.
  expect((await flag(await signedIn(reporter), idea.id)).status).toBe(302);
  await until(
    () => moderatorSocket.events.some((e) => e.name === "moderation:queue"),
    "the moderation room hears the flag",
  );

  await hideContent({ user: moderator, target: "idea", targetId: idea.id, reason: "Contenu hors charte" });
  await until(
    () => [watcher, anonymous].every((s) => s.about(idea.id).some((e) => e.name === "idea:moderated")),
    "open pages hear that the idea left",
  );
  const removal = watcher.about(idea.id).find((e) => e.name === "idea:moderated")!;
  expect(removal.payload).toMatchObject({ ideaId: idea.id, spaceId: publicSpace.id, hidden: true });
  expect(JSON.stringify(removal.payload)).not.toContain(title);
  const seen = watcher.events.length;

  // Everything that would normally be emitted about it, plus a visible idea's vote as a control.
  publish({ type: "idea:support", ideaId: idea.id, spaceId: publicSpace.id });
  publish({ type: "idea:comments", ideaId: idea.id, spaceId: publicSpace.id });
  publish({ type: "idea:updated", ideaId: idea.id, spaceId: publicSpace.id });
  publish({ type: "idea:stage", ideaId: idea.id, spaceId: publicSpace.id, stage: "UNDER_REVIEW" });
  await setSupport({ user: voter, ideaId: control.id, supported: true });
  await until(
    () => [watcher, anonymous].every((s) => s.about(control.id).some((e) => e.name === "idea:support")),
    "the control event arrives",
  );
  await sleep(600);
  for (const socket of [watcher, anonymous]) {
    expect(socket.about(idea.id).filter((e) => e.name !== "idea:moderated")).toEqual([]);
    // The catch-up after a reconnection leaves it out too.
    expect((await socket.sync([idea.id, control.id])).ideas.map((i) => i.ideaId)).toEqual([control.id]);
  }
  expect(watcher.events.length).toBeGreaterThan(seen);
  // Its author and moderators keep getting its page's events live, and its values on catch-up.
  for (const socket of [moderatorSocket, authorSocket]) {
    await until(
      () =>
        ["idea:support", "idea:comments", "idea:updated", "idea:stage"].every((name) =>
          socket.about(idea.id).some((e) => e.name === name),
        ),
      "the hidden idea's page events reach its author and moderators",
    );
    expect((await socket.sync([idea.id])).ideas.map((i) => i.ideaId)).toEqual([idea.id]);
  }
});

test("reports arriving at the same moment hide the content exactly once", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const reporters = await Promise.all(Array.from({ length: THRESHOLD() + 1 }, () => makeUser()));
  const clients = await Promise.all(reporters.map((r) => signedIn(r)));
  const answers = await Promise.all(clients.map((c) => flag(c, idea.id)));
  // Every report up to the threshold is taken; one that arrives once it is hidden is refused (409).
  expect(answers.filter((a) => a.status === 302).length).toBeGreaterThanOrEqual(THRESHOLD());
  for (const answer of answers) expect([302, 409]).toContain(answer.status);
  expect(
    (await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { hiddenKind: true } })).hiddenKind,
  ).toBe("PENDING_REVIEW");
  expect(await prisma.auditLog.count({ where: { action: "moderation.autohide", targetId: idea.id } })).toBe(1);
  expect(await prisma.notification.count({ where: { userId: author.id, type: "moderation.hidden" } })).toBe(1);
});

test("moderators moderate InnovAction too; people who cannot see it cannot report it", async () => {
  const [employee, colleague, moderator] = await Promise.all([
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "MODERATOR" }),
  ]);
  const title = `Idée interne signalée ${Date.now()}`;
  const idea = await makeIdea({ author: employee, space: SPACES.internal, title });
  expect((await flag(await signedIn(colleague), idea.id)).status).toBe(302);
  for (const outsider of [await makeUser(), await makeUser({ role: "SUPPLIER" })]) {
    expect((await flag(await signedIn(outsider), idea.id)).status).toBe(404);
  }
  const queue = await (await (await signedIn(moderator)).get("/moderation")).text();
  expect(queue).toContain(title);
  expect(queue).toContain("1 signalement");
  // Managers run the pipeline; they are not moderators.
  expect((await (await signedIn(await makeUser({ role: "MANAGER" }))).get("/moderation")).status).toBe(403);
});

test("a hidden comment is frozen for its author: neither deleted nor edited until a moderator restores it; hidden comments do not count", async () => {
  const [author, commenter, moderator] = await Promise.all([makeUser(), makeUser(), makeUser({ role: "MODERATOR" })]);
  const idea = await makeIdea({ author });
  const body = `Propos discutable ${Date.now()}`;
  const comment = await makeComment({ author: commenter, idea, body });
  await makeComment({ author, idea, body: "Un commentaire visible" });
  await foldCounterDeltas();
  expect(await exactCount(idea.id)).toEqual({ supports: 0, comments: 2 });

  await hideContent({ user: moderator, target: "comment", targetId: comment.id, reason: "Propos injurieux" });
  // Counts leave it out for everyone: pending deltas and the folded column (the "discussed" sort) alike.
  expect(await exactCount(idea.id)).toEqual({ supports: 0, comments: 1 });
  await foldCounterDeltas();
  const stored = await prisma.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { commentCount: true } });
  expect(stored.commentCount).toBe(1);

  const own = await signedIn(commenter);
  const page = await (await own.get(`/idees/${idea.id}`)).text();
  expect(page).toContain(body); // its author still reads it, marked hidden…
  expect(page).not.toContain('value="delete-comment"'); // …with nothing offered to erase it
  const auditBefore = await prisma.auditLog.count({ where: { targetId: comment.id } });
  const deleting = await own.post(`/idees/${idea.id}`, { intent: "delete-comment", commentId: comment.id });
  expect(deleting.status).toBe(403);
  const editing = await own.post(`/idees/${idea.id}`, {
    intent: "edit-comment",
    formId: `edit-${comment.id}`,
    commentId: comment.id,
    body: "Texte réécrit après coup",
  });
  expect(editing.status).toBe(403);
  expect(
    await prisma.comment.findUniqueOrThrow({ where: { id: comment.id }, select: { body: true, deletedAt: true } }),
  ).toEqual({ body, deletedAt: null });
  expect(await prisma.auditLog.count({ where: { targetId: comment.id } })).toBe(auditBefore);
  // Nobody replies under it while it is hidden.
  const replying = await (
    await signedIn(author)
  ).post(`/idees/${idea.id}`, {
    intent: "comment",
    formId: `reply-${comment.id}`,
    parentId: comment.id,
    body: "Une réponse sous un commentaire masqué",
  });
  expect(replying.status).toBe(403);

  // Restored, it counts again and its author may delete it.
  await restoreContent({ user: moderator, target: "comment", targetId: comment.id });
  expect(await exactCount(idea.id)).toEqual({ supports: 0, comments: 2 });
  expect((await own.post(`/idees/${idea.id}`, { intent: "delete-comment", commentId: comment.id })).status).toBe(302);
  expect(await exactCount(idea.id)).toEqual({ supports: 0, comments: 1 });
});
