// Merging duplicate ideas (docs/decisions/0014-merge-duplicates.md), over real HTTP and through the
// model: every supporter counted once, comments carried with a note, the merged idea's page leading
// to the target, the audit trail, an exact undo while the target is in review, the policy, and two
// crossing merges that cannot make a cycle.
import { afterAll, beforeAll, expect, test } from "vitest";
import { pool, prisma } from "~/lib/db.server.ts";
import { exactCount } from "~/models/counters.server.ts";
import { getIdeaPageWithSurroundings } from "~/models/idea-page.server.ts";
import { listMergedHere, mergeIdeas, unmergeIdeas } from "~/models/merge.server.ts";
import { hideContent } from "~/models/moderation.server.ts";
import type { DomainEvent } from "~/realtime/events.ts";
import { setEventSink } from "~/realtime/publish.server.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { until } from "./support/live-client.ts";
import { advanceIdea, makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { Forbidden, RuleBroken } from "~/models/errors.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const client = () => new HttpClient(app.url);
const as = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);
const vote = (idea: { id: string }, ...users: { id: string }[]) =>
  prisma.vote.createMany({ data: users.map((u) => ({ ideaId: idea.id, userId: u.id })) });
const supporters = async (idea: { id: string }) =>
  (await prisma.vote.findMany({ where: { ideaId: idea.id }, select: { userId: true } })).map((v) => v.userId).sort();
const ids = (...users: { id: string }[]) => users.map((u) => u.id).sort();
const mergeForm = (target: string, note = "") => ({ intent: "merge", formId: "merge", target, note });
let n = 0;
const title = (label: string) => `${label} ${Date.now()}-${++n}`;

test("merging counts every supporter once, carries the comments with a note, redirects the merged idea and is audited", async () => {
  const [manager, author, both, onlyA, onlyB1, onlyB2] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
  ]);
  const a = await makeIdea({ author, title: title("Idée accueil") });
  const b = await makeIdea({ author: onlyB1, title: title("Idée doublon") });
  await vote(a, onlyA, both);
  await vote(b, both, onlyB1, onlyB2);
  await makeComment({ author: onlyA, idea: a, body: "Sur l'idée d'accueil." });
  const root = await makeComment({ author: onlyB2, idea: b, body: "Premier commentaire du doublon." });
  await makeComment({ author: both, idea: b, body: "Une réponse dans le doublon.", parentId: root.id });

  const m = await as(manager);
  const res = await m.post(`/idees/${b.id}/pilotage`, mergeForm(`${app.url}/idees/${a.id}`, "Même proposition."));
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/idees/${a.id}/pilotage`);
  const managed = await (await m.get(`/idees/${a.id}/pilotage`)).text();
  expect(managed).toContain(`« ${b.title} » a été fusionnée dans « ${a.title} ».`);
  expect(managed).toContain(`2 soutiens ajoutés, 2 commentaires repris de « <span lang="fr">${b.title}</span> »`); // `both` already supported A: not added

  // Four people, each counted once (the one who supported both too), through the counting triggers.
  expect(await supporters(a)).toEqual(ids(onlyA, both, onlyB1, onlyB2));
  expect(await supporters(b)).toEqual([]);
  expect(await exactCount(a.id)).toEqual({ supports: 4, comments: 3 });
  expect(await exactCount(b.id)).toEqual({ supports: 0, comments: 0 });
  const moved = await prisma.comment.findMany({
    where: { ideaId: a.id, mergeId: { not: null } },
    select: { id: true, parentId: true },
  });
  expect(moved).toHaveLength(2);
  expect(moved.find((c) => c.parentId === root.id)).toBeDefined(); // the thread moved whole
  const merge = await prisma.ideaMerge.findFirstOrThrow({
    where: { sourceId: b.id },
    select: { id: true, targetId: true, note: true, mergedById: true, createdAt: true },
  });
  expect(merge).toMatchObject({ targetId: a.id, note: "Même proposition.", mergedById: manager.id });
  expect(
    await prisma.idea.findUniqueOrThrow({ where: { id: b.id }, select: { mergedIntoId: true, stage: true } }),
  ).toEqual({ mergedIntoId: a.id, stage: "PROPOSED" });

  // B's page leads to A (302: a merge can be undone), which says what was merged into it.
  const anonymous = client();
  const redirect = await anonymous.get(`/idees/${b.id}`);
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get("location")).toBe(`/idees/${a.id}`);
  const page = await (await anonymous.get(`/idees/${a.id}`)).text();
  expect(page).toContain(`« ${b.title} » a été fusionnée dans cette idée.`); // the flash
  expect(page).toContain("Idées fusionnées ici");
  expect(page).toContain(`2 commentaires repris de « ${b.title} »`);
  expect(page).toContain("Même proposition.");
  expect(page).toContain("Une réponse dans le doublon.");
  expect(page.split(`Repris de « ${b.title} »`)).toHaveLength(3); // each moved comment says where it comes from
  // The page reads the merges in its own statement (docs/decisions/0059): listMergedHere's list, to the ms.
  const mergedHere = [
    {
      id: merge.id,
      note: "Même proposition.",
      createdAt: merge.createdAt.toISOString(),
      source: { id: b.id, title: b.title },
      movedComments: 2,
    },
  ];
  expect(await listMergedHere(a.id)).toEqual(mergedHere);
  expect((await getIdeaPageWithSurroundings(null, a.id)).mergedHere).toEqual(mergedHere);
  // A merged idea leaves the lists and the board.
  expect(await (await anonymous.get(`/espaces/${SPACES.public}`)).text()).not.toContain(b.title);
  expect(await (await m.get("/pilotage")).text()).not.toContain(b.title);

  // The audit trail and B's followers (not the manager who did it).
  const audit = await prisma.auditLog.findFirstOrThrow({
    where: { action: "idea.merge", targetId: b.id },
    select: { actorId: true, before: true, after: true },
  });
  expect(audit.actorId).toBe(manager.id);
  expect(audit.before).toMatchObject({ mergedIntoId: null, supporters: 3 });
  expect(audit.after).toMatchObject({
    mergedIntoId: a.id,
    mergeId: merge.id,
    movedSupporters: 2,
    sharedSupporters: 1,
    movedComments: 2,
  });
  const told = await prisma.notification.findMany({
    where: { type: "idea.merged", ideaId: b.id },
    select: { userId: true },
  });
  expect(told.map((t) => t.userId).sort()).toEqual(ids(both, onlyB1, onlyB2));
  const notifications = await (await as(onlyB2)).get("/notifications");
  expect(await notifications.text()).toContain("a été fusionnée dans une idée similaire");

  // B is frozen: no vote, comment, edit or move.
  const voter = await as(onlyA);
  expect((await voter.post(`/idees/${b.id}`, { intent: "support" })).status).toBe(403);
  expect(
    (await voter.post(`/idees/${b.id}`, { intent: "comment", formId: "comment", body: "Encore là ?" })).status,
  ).toBe(403);
  expect((await (await as(onlyB1)).get(`/idees/${b.id}/modifier`)).status).toBe(403);
  const move = await m.post(`/idees/${b.id}/pilotage`, {
    intent: "move",
    ideaId: b.id,
    from: "PROPOSED",
    to: "UNDER_REVIEW",
  });
  // A crafted move is not a bare error page: it leads to the idea B was merged into, which says so.
  expect(move.status).toBe(302);
  expect(move.headers.get("location")).toBe(`/idees/${a.id}`);
  expect(await (await m.get(`/idees/${a.id}`)).text()).toContain(`« ${b.title} » a été fusionnée dans cette idée.`);
  // …and the database refuses a vote that raced the merge.
  await expect(prisma.vote.create({ data: { ideaId: b.id, userId: onlyA.id } })).rejects.toThrow(/was merged into/);
  expect(await supporters(b)).toEqual([]);
  expect((await prisma.idea.findUniqueOrThrow({ where: { id: b.id }, select: { stage: true } })).stage).toBe(
    "PROPOSED",
  );
});

test("undo restores exactly: B's supporters who still support A, its comments with replies written since, and A keeps its own", async () => {
  const [manager, author, onlyA, both, onlyB, withdrew, lateA, replier] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
  ]);
  const a = await makeIdea({ author, title: title("Accueil") });
  const b = await makeIdea({ author, title: title("Doublon") });
  await advanceIdea({ ideaId: a.id, manager, to: "UNDER_REVIEW" });
  await vote(a, onlyA, both);
  await vote(b, both, onlyB, withdrew);
  const ownComment = await makeComment({ author: onlyA, idea: a });
  const bComment = await makeComment({ author: onlyB, idea: b, body: "Sur le doublon." });

  const m = await as(manager);
  expect((await m.post(`/idees/${b.id}/pilotage`, mergeForm(`/idees/${a.id}`))).status).toBe(302);
  expect(await supporters(a)).toEqual(ids(onlyA, both, onlyB, withdrew));
  // After the merge: one person supports A for the first time, one withdraws, one replies to a moved comment.
  await vote(a, lateA);
  await prisma.vote.delete({ where: { ideaId_userId: { ideaId: a.id, userId: withdrew.id } } });
  const reply = await makeComment({
    author: replier,
    idea: a,
    parentId: bComment.id,
    body: "Réponse écrite après la fusion.",
  });

  const merge = await prisma.ideaMerge.findFirstOrThrow({ where: { sourceId: b.id }, select: { id: true } });
  const manage = await (await m.get(`/idees/${a.id}/pilotage`)).text();
  expect(manage).toContain("Annuler la fusion");
  const undo = await m.post(`/idees/${a.id}/pilotage`, {
    intent: "unmerge",
    formId: `unmerge-${merge.id}`,
    mergeId: merge.id,
  });
  expect(undo.status).toBe(302);

  expect(await supporters(b)).toEqual(ids(both, onlyB)); // the one who withdrew from A is not put back
  expect(await supporters(a)).toEqual(ids(onlyA, both, lateA)); // A's own supporters stay, the late one too
  expect(await exactCount(a.id)).toEqual({ supports: 3, comments: 1 });
  expect(await exactCount(b.id)).toEqual({ supports: 2, comments: 2 });
  const comments = await prisma.comment.findMany({
    where: { id: { in: [ownComment.id, bComment.id, reply.id] } },
    select: { id: true, ideaId: true, mergeId: true },
  });
  expect(Object.fromEntries(comments.map((c) => [c.id, c.ideaId]))).toEqual({
    [ownComment.id]: a.id,
    [bComment.id]: b.id,
    [reply.id]: b.id,
  });
  expect(comments.every((c) => c.mergeId === null)).toBe(true);
  expect(await prisma.idea.findUniqueOrThrow({ where: { id: b.id }, select: { mergedIntoId: true } })).toEqual({
    mergedIntoId: null,
  });
  expect(await prisma.ideaMerge.findUniqueOrThrow({ where: { id: merge.id }, select: { undoneById: true } })).toEqual({
    undoneById: manager.id,
  });
  const audit = await prisma.auditLog.findFirstOrThrow({
    where: { action: "idea.unmerge", targetId: b.id },
    select: { actorId: true, after: true },
  });
  expect(audit).toMatchObject({
    actorId: manager.id,
    after: { mergedIntoId: null, restoredSupporters: 2, removedFromTarget: 1, movedBackComments: 2 },
  });
  expect((await client().get(`/idees/${b.id}`)).status).toBe(200);
  const aPage = await (await client().get(`/idees/${a.id}`)).text();
  expect(aPage).not.toContain("Idées fusionnées ici");
  expect(aPage).not.toContain("Repris de");

  // Once is enough.
  expect(
    (await m.post(`/idees/${a.id}/pilotage`, { intent: "unmerge", formId: `unmerge-${merge.id}`, mergeId: merge.id }))
      .status,
  ).toBe(409);
  // B can be voted for again, and merged again.
  await vote(b, onlyA);
  expect((await m.post(`/idees/${b.id}/pilotage`, mergeForm(a.id))).status).toBe(302);
  expect(await supporters(a)).toEqual(ids(onlyA, both, lateA, onlyB));
});

test("undo is refused once the target left review", async () => {
  const [manager, author, supporter] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
  ]);
  const a = await makeIdea({ author, title: title("Accueil") });
  const b = await makeIdea({ author, title: title("Doublon") });
  await vote(b, supporter);
  const { mergeId } = await mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id });
  await advanceIdea({ ideaId: a.id, manager, to: "SELECTED" });
  const m = await as(manager);
  expect(await (await m.get(`/idees/${a.id}/pilotage`)).text()).toContain("la fusion ne peut plus être annulée");
  const res = await m.post(`/idees/${a.id}/pilotage`, { intent: "unmerge", formId: `unmerge-${mergeId}`, mergeId });
  expect(res.status).toBe(409);
  expect(await res.text()).toContain("L&#x27;idée d&#x27;accueil a quitté l&#x27;étude");
  expect(await supporters(a)).toEqual(ids(supporter));
  expect(await prisma.idea.findUniqueOrThrow({ where: { id: b.id }, select: { mergedIntoId: true } })).toEqual({
    mergedIntoId: a.id,
  });
  expect(await prisma.auditLog.count({ where: { action: "idea.unmerge", targetId: b.id } })).toBe(0);
});

test("who may merge what: managers only, one space, no self-merge, no merging of merged ideas, bad input a 400", async () => {
  const [manager, author, employee, outsider] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "PUBLIC" }),
  ]);
  const a = await makeIdea({ author, title: title("Accueil") });
  const b = await makeIdea({ author, title: title("Doublon") });
  const c = await makeIdea({ author, title: title("Troisième") });
  const internal = await makeIdea({ author, space: SPACES.internal, title: title("Interne") });
  const selected = await makeIdea({ author, title: title("Retenue") });
  await advanceIdea({ ideaId: selected.id, manager, to: "SELECTED" });

  // Not a manager: 403 (404 for an idea the person may not even see).
  expect((await (await as(employee)).post(`/idees/${b.id}/pilotage`, mergeForm(a.id))).status).toBe(403);
  expect((await (await as(outsider)).post(`/idees/${internal.id}/pilotage`, mergeForm(a.id))).status).toBe(404);
  expect((await (await as(outsider)).post(`/idees/${b.id}/pilotage`, mergeForm(a.id))).status).toBe(403);

  const m = await as(manager);
  const refused = async (source: string, target: string, message: string) => {
    const res = await m.post(`/idees/${source}/pilotage`, mergeForm(target));
    expect(res.status, message).toBe(400);
    expect(await res.text()).toContain(message);
  };
  await refused(b.id, b.id, "Une idée ne peut pas être fusionnée dans elle-même.");
  await refused(b.id, internal.id, "Les deux idées doivent appartenir au même espace.");
  await refused(b.id, selected.id, "L&#x27;idée d&#x27;accueil doit être proposée ou à l&#x27;étude.");
  await refused(b.id, "idee-inexistante", "Aucune idée trouvée à cette adresse.");
  await refused(
    b.id,
    "https://example.test/autre/chose",
    "Indiquez l&#x27;adresse ou l&#x27;identifiant d&#x27;une idée.",
  );
  expect(await prisma.ideaMerge.count({ where: { sourceId: { in: [a.id, b.id, c.id] } } })).toBe(0);

  expect((await m.post(`/idees/${b.id}/pilotage`, mergeForm(a.id))).status).toBe(302);
  await refused(b.id, c.id, "Cette idée a déjà été fusionnée."); // merging a merged idea
  await refused(c.id, b.id, "Cette idée a elle-même été fusionnée dans une autre"); // into a merged idea
  await refused(a.id, c.id, "D&#x27;autres idées ont été fusionnées dans celle-ci"); // no chains
  expect(await prisma.ideaMerge.count({ where: { sourceId: { in: [a.id, b.id, c.id] } } })).toBe(1);

  // Undoing is for managers too, from the target's page only.
  const merge = await prisma.ideaMerge.findFirstOrThrow({ where: { sourceId: b.id }, select: { id: true } });
  expect((await m.post(`/idees/${c.id}/pilotage`, { intent: "unmerge", mergeId: merge.id })).status).toBe(404);
  expect((await m.post(`/idees/${a.id}/pilotage`, { intent: "unmerge", mergeId: "fusion-inconnue" })).status).toBe(404);
  expect((await m.post(`/idees/${a.id}/pilotage`, { intent: "unmerge", mergeId: "pas un id !" })).status).toBe(400);
  expect(
    (await (await as(employee)).post(`/idees/${a.id}/pilotage`, { intent: "unmerge", mergeId: merge.id })).status,
  ).toBe(403);
  await expect(unmergeIdeas({ user: employee, mergeId: merge.id })).rejects.toBeInstanceOf(Forbidden);
  expect(await prisma.idea.findUniqueOrThrow({ where: { id: b.id }, select: { mergedIntoId: true } })).toEqual({
    mergedIntoId: a.id,
  });
});

test("crossing merges A→B and B→A: exactly one wins, no cycle, no deadlock", async () => {
  const manager = await makeUser({ role: "MANAGER" });
  const author = await makeUser({ role: "EMPLOYEE" });
  for (let round = 0; round < 5; round++) {
    const [a, b] = await Promise.all([
      makeIdea({ author, title: title("A") }),
      makeIdea({ author, title: title("B") }),
    ]);
    const people = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await vote(a, people[0]!, people[1]!);
    await vote(b, people[1]!, people[2]!);
    const results = await Promise.allSettled([
      mergeIdeas({ user: manager, sourceId: a.id, targetId: b.id }),
      mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(RuleBroken);
    const rows = await prisma.idea.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { id: true, mergedIntoId: true },
    });
    expect(rows.filter((r) => r.mergedIntoId !== null)).toHaveLength(1);
    const winner = rows.find((r) => r.mergedIntoId === null)!;
    expect(await supporters(winner)).toEqual(ids(...people));
    expect(await prisma.ideaMerge.count({ where: { sourceId: { in: [a.id, b.id] } } })).toBe(1);
  }
});

test("open pages learn of a merge and of its undo after commit: the merged idea's page reloads (and is sent on), the target's counts move", async () => {
  const [manager, author, supporter] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
  ]);
  const a = await makeIdea({ author, title: title("Accueil") });
  const b = await makeIdea({ author, title: title("Doublon") });
  await vote(b, supporter);
  const published: DomainEvent[] = [];
  // Recorded here, and still sent to the running app.
  const unplug = setEventSink({ accept: (event) => (published.push(event), app.services.publish(event)) });
  try {
    const { mergeId } = await mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id });
    expect(published).toEqual(
      expect.arrayContaining([
        { type: "idea:updated", ideaId: b.id, spaceId: a.spaceId },
        { type: "idea:support", ideaId: a.id, spaceId: a.spaceId },
        { type: "idea:comments", ideaId: a.id, spaceId: a.spaceId },
        { type: "notification:new", userId: supporter.id },
      ]),
    );
    published.length = 0;
    // A refused merge publishes nothing (it rolled back).
    await expect(mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id })).rejects.toBeInstanceOf(RuleBroken);
    expect(published).toEqual([]);
    await unmergeIdeas({ user: manager, mergeId });
    expect(published).toEqual(
      expect.arrayContaining([
        { type: "idea:updated", ideaId: b.id, spaceId: a.spaceId },
        { type: "idea:support", ideaId: b.id, spaceId: a.spaceId },
      ]),
    );
  } finally {
    unplug();
  }
});

test("a merge aborted by a deadlock with other work locking both ideas in the other order runs again and succeeds", async () => {
  const [manager, author, supporter] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser(),
  ]);
  const a = await makeIdea({ author, title: title("Accueil") });
  const b = await makeIdea({ author, title: title("Doublon") });
  await vote(b, supporter);
  const [low, high] = [a.id, b.id].sort() as [string, string];
  const other = await pool.connect();
  try {
    await other.query("begin");
    await other.query("select id from ideas where id = $1 for update", [high]);
    const merging = mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id });
    // Wait until the merge holds the lower row and waits for the higher one, then close the cycle.
    await until(
      async () =>
        (
          await pool.query(
            "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
          )
        ).rowCount! > 0,
      "the merge waits for the other transaction",
    );
    const closing = other
      .query("select id from ideas where id = $1 for update", [low])
      .then(() => other.query("commit"));
    const [merged] = await Promise.all([merging, closing]);
    expect(merged.target.id).toBe(a.id);
  } finally {
    other.release();
  }
  expect(await supporters(a)).toEqual(ids(supporter));
  expect(await prisma.ideaMerge.count({ where: { sourceId: b.id } })).toBe(1);
  expect(await prisma.auditLog.count({ where: { action: "idea.merge", targetId: b.id } })).toBe(1);
});

test("an idea hidden after its merge keeps its title from everyone but its author and moderators, on every surface", async () => {
  const [manager, moderator, authorA, authorB, reader, commenter] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "MODERATOR" }),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
  ]);
  const a = await makeIdea({ author: authorA, title: title("Idée d'accueil visible") });
  const b = await makeIdea({ author: authorB, title: title("Titre masqué confidentiel") });
  await makeComment({ author: commenter, idea: b, body: "Un commentaire repris ailleurs." });
  await mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id });
  // Accepted: a merged idea can still be hidden (merging a hidden idea is refused).
  await hideContent({ user: moderator, target: "idea", targetId: b.id, reason: "Contenu hors charte" });

  const moved = `Repris de « ${b.title} »`;
  for (const c of [client(), await as(reader), await as(manager)]) {
    for (const path of [`/idees/${a.id}`, `/idees/${a.id}.data`]) {
      const body = await (await c.get(path)).text();
      expect(body).not.toContain(b.title);
      expect(body).toContain("Un commentaire repris ailleurs.");
    }
    expect(unescape(await (await c.get(`/idees/${a.id}`)).text())).toContain("Repris d'une idée masquée");
  }
  // A manager who is not a moderator: A's manager page names no hidden idea either, and offers no undo.
  const managed = unescape(await (await (await as(manager)).get(`/idees/${a.id}/pilotage`)).text());
  expect(managed).not.toContain(b.title);
  expect(managed).toContain("Une idée masquée par la modération — fusionnée le");
  expect(managed).toContain("la fusion ne peut pas être annulée tant qu'elle l'est");
  await expect(
    unmergeIdeas({ user: await makeUser({ role: "ADMIN" }), mergeId: (await mergeOf(b.id)).id, targetId: a.id }),
  ).rejects.toMatchObject({ key: "merge.undoHidden" });
  // Its author and moderators still see where the comment came from.
  for (const c of [await as(authorB), await as(moderator)]) {
    expect(await (await c.get(`/idees/${a.id}`)).text()).toContain(moved);
  }
  expect(await (await (await as(await makeUser({ role: "ADMIN" }))).get(`/idees/${a.id}/pilotage`)).text()).toContain(
    b.title,
  );
});

const unescape = (html: string) => html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
const mergeOf = (sourceId: string) =>
  prisma.ideaMerge.findFirstOrThrow({ where: { sourceId, undoneAt: null }, select: { id: true } });

test("undoing a merge takes back the images of the comments it takes back, replies written on the target included", async () => {
  const manager = await makeUser({ role: "MANAGER" });
  const author = await makeUser();
  const a = await makeIdea({ author, title: title("Cible") });
  const b = await makeIdea({ author, title: title("Doublon") });
  const moved = await makeComment({ author, idea: b, body: "Sur le doublon." });
  const image = (ideaId: string, commentId: string) =>
    prisma.attachment.create({
      data: {
        id: `img${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
        ideaId,
        commentId,
        uploaderId: author.id,
        kind: "IMAGE",
        mime: "image/png",
        ext: "png",
        name: "capture.png",
        size: 10,
        storageKey: `test/${Math.random().toString(36).slice(2)}`,
      },
      select: { id: true },
    });
  const onMoved = await image(b.id, moved.id);
  const { mergeId } = await mergeIdeas({ user: manager, sourceId: b.id, targetId: a.id });
  // A reply with an image, written on the target under the comment the merge brought; and one of the target's own.
  const reply = await makeComment({ author, idea: a, body: "Réponse après la fusion.", parentId: moved.id });
  const onReply = await image(a.id, reply.id);
  const own = await makeComment({ author, idea: a, body: "Sur la cible." });
  const onOwn = await image(a.id, own.id);

  await unmergeIdeas({ user: manager, mergeId });
  const ideaOf = async (id: string) =>
    (await prisma.attachment.findUniqueOrThrow({ where: { id }, select: { ideaId: true } })).ideaId;
  expect(await ideaOf(onMoved.id)).toBe(b.id);
  expect(await ideaOf(onReply.id)).toBe(b.id);
  expect(await ideaOf(onOwn.id)).toBe(a.id);
});
