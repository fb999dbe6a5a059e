// GDPR self-service over real HTTP: the export holds everything stored about the person, and after
// deletion no table or column of the database holds their id, e-mail or name any more — whether their
// contributions are kept (as "Utilisateur supprimé") or removed.
import { afterAll, beforeAll, expect, test } from "vitest";
import { pool, prisma } from "~/lib/db.server.ts";
import { DELETED_USER_ID, DELETED_USER_NAME } from "~/models/account.ts";
import { changeRole } from "~/models/user.server.ts";
import { exactCount } from "~/models/counters.server.ts";
import { publishOfficialAnswer } from "~/models/official-answer.server.ts";
import { advanceIdea, makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

let n = 0;
/** Someone with a name and address no other row could contain by chance. */
async function makePerson(role: "PUBLIC" | "SUPPLIER" | "MANAGER" = "PUBLIC", grantedSpaces: string[] = []) {
  const tag = `${Date.now().toString(36)}${n++}`;
  return makeUser({
    role,
    grantedSpaces,
    email: `zephyrine.${tag}@exemple-rgpd.test`,
    displayName: `Zéphyrine Quintal-${tag}`,
  });
}

async function signIn(
  user: { email: string; password: string },
  userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
) {
  const client = new HttpClient(app.url);
  const res = await client.post(
    "/connexion",
    { email: user.email, password: user.password },
    { headers: { "User-Agent": userAgent } },
  );
  expect(res.status).toBe(302);
  return client;
}

/** Every (table, column) of the database whose value contains `needle` (text, JSON, arrays, bytes). */
async function whereIs(needle: string): Promise<string[]> {
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
    `select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and table_name <> '_prisma_migrations'
        and data_type not in ('integer', 'bigint', 'smallint', 'boolean', 'numeric', 'double precision', 'real',
                              'timestamp with time zone', 'timestamp without time zone', 'date')`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { table_name, column_name, data_type } of columns) {
    const condition =
      data_type === "bytea"
        ? `position(convert_to($1, 'UTF8') in "${column_name}") > 0`
        : `strpos(lower("${column_name}"::text), lower($1)) > 0`;
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from "${table_name}" where ${condition}`,
      [needle],
    );
    if (rows[0]!.n > 0) found.push(`${table_name}.${column_name} (${rows[0]!.n})`);
  }
  return found;
}

async function expectNoTrace(person: { id: string; email: string; displayName: string }) {
  for (const needle of [person.id, person.email, person.displayName]) expect(await whereIs(needle), needle).toEqual([]);
}

/** A person with a bit of everything: ideas, comments, replies, supports, notifications, sessions, a grant. */
async function busyPerson() {
  const person = await makePerson("SUPPLIER", [SPACES.internal]);
  const manager = await makeUser({ role: "MANAGER" });
  const other = await makeUser();
  const proposed = await makeIdea({ author: person, title: "Une idée encore proposée" });
  const piloted = await makeIdea({ author: person, title: "Une idée en expérimentation" });
  await advanceIdea({ ideaId: piloted.id, manager, to: "PILOT" });
  const othersIdea = await makeIdea({ author: other });
  const answered = await makeComment({
    author: person,
    idea: othersIdea,
    body: "Mon commentaire, qui a eu une réponse.",
  });
  const reply = await makeComment({
    author: other,
    idea: othersIdea,
    parentId: answered.id,
    body: "La réponse de quelqu'un d'autre.",
  });
  const lonely = await makeComment({ author: person, idea: othersIdea, body: "Mon commentaire resté sans réponse." });
  const othersComment = await makeComment({
    author: other,
    idea: othersIdea,
    body: "Un commentaire d'une autre personne.",
  });
  const myReply = await makeComment({
    author: person,
    idea: othersIdea,
    parentId: othersComment.id,
    body: "Ma réponse à quelqu'un.",
  });
  const onMyIdea = await makeComment({ author: other, idea: proposed, body: "Un avis sur l'idée proposée." });
  for (const idea of [othersIdea, proposed]) await prisma.vote.create({ data: { ideaId: idea.id, userId: person.id } });
  await prisma.vote.create({ data: { ideaId: proposed.id, userId: other.id } });
  await prisma.notification.create({
    data: { userId: person.id, type: "idea.answer", ideaId: othersIdea.id, data: { updated: false } },
  });
  const client = await signIn(person);
  await signIn(person, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile Safari/604.1");
  return {
    person,
    manager,
    other,
    client,
    proposed,
    piloted,
    othersIdea,
    answered,
    reply,
    lonely,
    othersComment,
    myReply,
    onMyIdea,
  };
}

test("download my data: a JSON attachment with everything about me, nothing secret, and the export is audited", async () => {
  const s = await busyPerson();
  await prisma.notificationPreference.create({ data: { userId: s.person.id, type: "idea.stage", email: "OFF" } });
  const { flagContent } = await import("~/models/moderation.server.ts");
  await flagContent({
    user: s.person,
    ideaId: s.othersIdea.id,
    input: { reason: "OFF_TOPIC", note: "Hors sujet selon moi" },
  });
  const res = await s.client.post("/compte/donnees/export", {});
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("content-disposition")).toMatch(
    /^attachment; filename="idees-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  const text = await res.text();
  const data = JSON.parse(text);
  expect(data.profile).toMatchObject({
    id: s.person.id,
    email: s.person.email,
    displayName: s.person.displayName,
    role: "SUPPLIER",
  });
  expect(data.ideas.map((i: { id: string }) => i.id).sort()).toEqual([s.proposed.id, s.piloted.id].sort());
  expect(data.ideas.find((i: { id: string }) => i.id === s.piloted.id)).toMatchObject({
    title: "Une idée en expérimentation",
    stage: "PILOT",
    space: SPACES.public,
  });
  expect(data.comments.map((c: { id: string }) => c.id).sort()).toEqual(
    [s.answered.id, s.lonely.id, s.myReply.id].sort(),
  );
  expect(data.comments.find((c: { id: string }) => c.id === s.myReply.id)).toMatchObject({
    body: "Ma réponse à quelqu'un.",
    parentId: s.othersComment.id,
  });
  expect(data.votes.map((v: { ideaId: string }) => v.ideaId).sort()).toEqual([s.othersIdea.id, s.proposed.id].sort());
  // Mine: the stage moves of my piloted idea (3) and the answer on the idea I follow.
  const stored = await prisma.notification.findMany({ where: { userId: s.person.id }, select: { id: true } });
  expect(stored).toHaveLength(4);
  expect(data.notifications.map((x: { id: string }) => x.id).sort()).toEqual(stored.map((x) => x.id.toString()).sort());
  expect(data.notifications).toContainEqual(
    expect.objectContaining({ type: "idea.answer", ideaId: s.othersIdea.id, data: { updated: false }, readAt: null }),
  );
  expect(data.notifications).toContainEqual(
    expect.objectContaining({ type: "idea.stage", ideaId: s.piloted.id, data: { from: "SELECTED", to: "PILOT" } }),
  );
  expect(data.sessions).toHaveLength(2);
  expect(data.sessions[0]).toEqual({
    createdAt: expect.any(String),
    lastSeenAt: expect.any(String),
    expiresAt: expect.any(String),
    userAgent: expect.stringContaining("Firefox"),
    ip: expect.stringMatching(/127\.0\.0\.1/),
  });
  expect(data.spaceAccesses).toEqual([{ space: SPACES.internal, createdAt: expect.any(String) }]);
  expect(data.emailPreferences).toEqual([{ type: "idea.stage", email: "OFF" }]);
  expect(data.flags).toEqual([
    {
      ideaId: s.othersIdea.id,
      commentId: null,
      reason: "OFF_TOPIC",
      note: "Hors sujet selon moi",
      createdAt: expect.any(String),
      resolvedAt: null,
    },
  ]);
  expect(data.profile.locale).toBe("fr");
  // Nothing that would let the file be used to sign in.
  const sessions = await prisma.session.findMany({ where: { userId: s.person.id }, select: { id: true } });
  for (const { id } of sessions) expect(text).not.toContain(id);
  expect(text).not.toMatch(/hash|secret|argon2/i);
  // Audited, and an export is no link: GET is refused.
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.export", targetId: s.person.id },
    select: { actorId: true, after: true },
  });
  expect(entry).toEqual({ actorId: s.person.id, after: { ideas: 2, comments: 3, votes: 2, notifications: 4 } });
  expect((await s.client.get("/compte/donnees/export")).status).toBe(405);
  expect((await new HttpClient(app.url).post("/compte/donnees/export", {})).status).toBe(302); // to sign-in
});

test("deleting my account needs my password; a wrong one deletes nothing", async () => {
  const s = await busyPerson();
  const res = await s.client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    contributions: "keep",
    currentPassword: "pas-le-bon",
  });
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("Ce n&#x27;est pas votre mot de passe actuel.");
  expect(await prisma.user.count({ where: { id: s.person.id } })).toBe(1);
  expect(await prisma.vote.count({ where: { userId: s.person.id } })).toBe(2);
  const page = await (await s.client.get("/compte/donnees")).text();
  expect(page).toContain("Télécharger mes données");
  expect(page).toContain("Supprimer définitivement mon compte");
});

test("delete my account, keeping contributions: they stay as 'Utilisateur supprimé' and nothing in the database points to me", async () => {
  const s = await busyPerson();
  const before = await exactCount(s.proposed.id);
  const res = await s.client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    contributions: "keep",
    currentPassword: s.person.password,
  });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/");
  await expectNoTrace(s.person);

  // Contributions kept, re-attributed; supports gone (the counts follow).
  expect(
    await prisma.idea.findMany({ where: { id: { in: [s.proposed.id, s.piloted.id] } }, select: { authorId: true } }),
  ).toEqual([{ authorId: DELETED_USER_ID }, { authorId: DELETED_USER_ID }]);
  const kept = await prisma.comment.findMany({
    where: { id: { in: [s.answered.id, s.lonely.id, s.myReply.id] } },
    select: { authorId: true, body: true, deletedAt: true },
  });
  expect(kept).toHaveLength(3);
  for (const c of kept) expect(c).toMatchObject({ authorId: DELETED_USER_ID, deletedAt: null });
  expect(kept.map((c) => c.body)).toContain("Mon commentaire resté sans réponse.");
  expect(await exactCount(s.proposed.id)).toEqual({ supports: before.supports - 1, comments: before.comments });
  const page = await (await new HttpClient(app.url).get(`/idees/${s.proposed.id}`)).text();
  expect(page).toContain(`par ${DELETED_USER_NAME}`);
  // Shown in the reader's language.
  const inEnglish = await (
    await new HttpClient(app.url).get(`/idees/${s.proposed.id}`, { "Accept-Language": "en" })
  ).text();
  expect(inEnglish).toContain("by Deleted user");
  expect(inEnglish).not.toContain(`by ${DELETED_USER_NAME}`);

  // Signed out everywhere, and the account is gone for good.
  expect((await s.client.get("/compte")).status).toBe(302);
  expect(
    (await new HttpClient(app.url).post("/connexion", { email: s.person.email, password: s.person.password })).status,
  ).toBe(400);
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.delete" },
    orderBy: { id: "desc" },
    select: { actorId: true, targetId: true, after: true },
  });
  expect(entry).toEqual({
    actorId: DELETED_USER_ID,
    targetId: DELETED_USER_ID,
    after: { contributions: "keep", votesRemoved: 2, ideasRemoved: 0, commentsRemoved: 0 },
  });
  // The placeholder account is nobody: not listed for admins, cannot sign in.
  const admin = await signIn(await makeUser({ role: "ADMIN" }));
  expect(await (await admin.get("/admin/utilisateurs")).text()).not.toContain(DELETED_USER_NAME);
  const placeholder = await prisma.user.findUniqueOrThrow({
    where: { id: DELETED_USER_ID },
    select: { email: true, passwordHash: true },
  });
  expect(placeholder.email).not.toContain("@"); // no form accepts it: nobody can sign up with it
  expect(
    (await new HttpClient(app.url).post("/connexion", { email: placeholder.email, password: placeholder.passwordHash }))
      .status,
  ).toBe(400);
});

test("delete my account and my contributions: ideas not taken up and lone comments go; threads keep their shape", async () => {
  const s = await busyPerson();
  const res = await s.client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    contributions: "remove",
    currentPassword: s.person.password,
  });
  expect(res.status).toBe(302);
  await expectNoTrace(s.person);

  // The proposed idea is gone with its discussion; the one in pilot is the agency's work and stays.
  expect(await prisma.idea.count({ where: { id: s.proposed.id } })).toBe(0);
  expect(await prisma.comment.count({ where: { id: s.onMyIdea.id } })).toBe(0);
  expect(await prisma.idea.findUnique({ where: { id: s.piloted.id }, select: { authorId: true } })).toEqual({
    authorId: DELETED_USER_ID,
  });
  // The comment others replied to is blanked in place; the lone comment and my reply are gone.
  expect(
    await prisma.comment.findUnique({
      where: { id: s.answered.id },
      select: { authorId: true, body: true, deletedAt: true },
    }),
  ).toEqual({
    authorId: DELETED_USER_ID,
    body: "",
    deletedAt: expect.any(Date),
  });
  expect(await prisma.comment.count({ where: { id: { in: [s.lonely.id, s.myReply.id] } } })).toBe(0);
  expect(await prisma.comment.count({ where: { id: { in: [s.reply.id, s.othersComment.id] } } })).toBe(2);
  expect(await exactCount(s.othersIdea.id)).toEqual({ supports: 0, comments: 2 });
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.delete" },
    orderBy: { id: "desc" },
    select: { after: true },
  });
  expect(entry.after).toEqual({ contributions: "remove", votesRemoved: 2, ideasRemoved: 1, commentsRemoved: 3 });
});

test("a staff member's deletion keeps the agency's records (stage moves, answers, audit trail) without their identity", async () => {
  const manager = await makePerson("MANAGER");
  const admin = await makeUser({ role: "ADMIN" });
  const author = await makeUser();
  const idea = await makeIdea({ author });
  await advanceIdea({ ideaId: idea.id, manager, to: "SELECTED", note: "Retenue par le comité" });
  await publishOfficialAnswer({ user: manager, ideaId: idea.id, input: { body: "Notre réponse officielle." } });
  await changeRole({ viewer: admin, userId: manager.id, role: "MANAGER" });
  await changeRole({ viewer: admin, userId: manager.id, role: "EMPLOYEE" });
  await changeRole({ viewer: admin, userId: manager.id, role: "MANAGER" });
  const auditBefore = await prisma.auditLog.count();
  const client = await signIn(manager);
  const res = await client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    contributions: "keep",
    currentPassword: manager.password,
  });
  expect(res.status).toBe(302);

  const transitions = await prisma.stageTransition.findMany({
    where: { ideaId: idea.id },
    select: { actorId: true, note: true },
  });
  expect(transitions.length).toBe(2);
  for (const t of transitions) expect(t.actorId).toBe(DELETED_USER_ID);
  expect(await prisma.officialAnswer.findUnique({ where: { ideaId: idea.id }, select: { authorId: true } })).toEqual({
    authorId: DELETED_USER_ID,
  });
  // Audit entries stay (plus the deletion itself), with the person replaced.
  expect(await prisma.auditLog.count()).toBe(auditBefore + 1);
  expect(
    await prisma.auditLog.count({ where: { action: "user.role", targetId: DELETED_USER_ID, actorId: admin.id } }),
  ).toBe(2);
  await expectNoTrace(manager);
});

test("removing my contributions keeps an idea others' ideas were merged into; the audit trail loses my values, never its keys", async () => {
  // Someone whose display name is also an audit key.
  const person = await makeUser({ displayName: "role" });
  const other = await makeUser();
  const manager = await makeUser({ role: "MANAGER" });
  const admin = await makeUser({ role: "ADMIN" });
  const mine = await makeIdea({ author: person, space: SPACES.public, title: "Mon idée, cible d'une fusion" });
  const theirs = await makeIdea({ author: other, space: SPACES.public, title: "Leur idée, fusionnée dans la mienne" });
  await makeComment({ author: other, idea: theirs, body: "Un commentaire qui vit sur l'idée fusionnée." });
  const { mergeIdeas } = await import("~/models/merge.server.ts");
  await mergeIdeas({ user: manager, sourceId: theirs.id, targetId: mine.id, note: null });
  // An unrelated audit entry whose snapshot has a "role" key.
  await changeRole({ viewer: admin, userId: other.id, role: "EMPLOYEE" });

  const client = await signIn(person);
  const res = await client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    contributions: "remove",
    currentPassword: person.password,
  });
  expect(res.status).toBe(302);
  // The merge target stays (as the deleted user's), with the other person's comment; the merge holds.
  expect(await prisma.idea.findUnique({ where: { id: mine.id }, select: { authorId: true } })).toEqual({
    authorId: DELETED_USER_ID,
  });
  expect(await prisma.comment.count({ where: { body: "Un commentaire qui vit sur l'idée fusionnée." } })).toBe(1);
  expect(
    (await prisma.idea.findUniqueOrThrow({ where: { id: theirs.id }, select: { mergedIntoId: true } })).mergedIntoId,
  ).toBe(mine.id);
  // The role change of someone else still reads { role: … }.
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "user.role", targetId: other.id },
    select: { before: true, after: true },
  });
  expect(entry.before).toEqual(expect.objectContaining({ role: "PUBLIC" }));
  expect(entry.after).toEqual(expect.objectContaining({ role: "EMPLOYEE" }));
});

/** Sessions of this test's database waiting on a lock right now. */
async function lockWaits(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return rows[0]!.n;
}
async function waitForLockWaits(count: number, label: string) {
  const deadline = Date.now() + 10_000;
  while ((await lockWaits()) < count) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("someone's comment that notifies a person whose account deletion commits at that very moment succeeds; nobody is notified", async () => {
  const person = await makePerson();
  const idea = await makeIdea({ author: person });
  const commenter = await makeUser();
  const [mine, theirs] = await Promise.all([signIn(person), signIn(commenter)]);

  // Holds the deletion halfway (after it locked the person's row, before it commits) by locking the idea
  // it re-attributes; a key-share lock (the comment's foreign key) does not conflict with this one.
  const holder = await pool.connect();
  try {
    await holder.query("begin");
    await holder.query("select id from ideas where id = $1 for no key update", [idea.id]);
    const deleting = mine.post("/compte/donnees", {
      intent: "delete-account",
      formId: "delete",
      contributions: "keep",
      currentPassword: person.password,
    });
    await waitForLockWaits(1, "the deletion waits on the idea");
    // The idea's author (still the person, as committed) is told of the comment: that write waits on
    // the person's row, locked by the deletion.
    const commenting = theirs.post(`/idees/${idea.id}`, {
      intent: "comment",
      formId: "comment",
      body: "Un commentaire au moment même de la suppression.",
    });
    await waitForLockWaits(2, "the notification waits on the person's row");
    await holder.query("commit");
    expect((await deleting).status).toBe(302);
    const res = await commenting;
    expect(res.status).toBe(302); // not a 500 on the notification's foreign key
  } finally {
    holder.release();
  }
  expect(await prisma.user.count({ where: { id: person.id } })).toBe(0);
  expect(
    await prisma.comment.count({
      where: { ideaId: idea.id, body: "Un commentaire au moment même de la suppression." },
    }),
  ).toBe(1);
  expect(await prisma.notification.count({ where: { userId: person.id } })).toBe(0);
});
