// Challenges over real HTTP: a manager launches one; ideas go into it only while it is open; voting and
// comments stay open after it closes until a manager closes them (reports stay open even then: docs/decisions/0057);
// InnovAction challenges stay internal.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { getSpace, makeComment, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const DAY = 86_400_000;

const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);

async function makeChallenge(options: { space: string; opensAt: Date; closesAt: Date; title?: string }) {
  const space = await getSpace(options.space);
  return prisma.challenge.create({
    data: {
      id: newId(),
      spaceId: space.id,
      title: options.title ?? `Défi ${newId().slice(0, 6)}`,
      cover: "Vos idées pour le défi.",
      brief: "Le **contexte** du défi.",
      opensAt: options.opensAt,
      closesAt: options.closesAt,
    },
    select: { id: true, title: true },
  });
}

const idea = {
  title: "Une idée pour le défi des données",
  body: "Croiser les offres et les formations disponibles près de chez soi.",
  tags: "données",
};

test("a manager launches a challenge; others cannot; bad dates get a 400 on the field and store nothing", async () => {
  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  const path = `/espaces/${SPACES.public}/defis/nouveau`;
  expect((await manager.get(path)).status).toBe(200);
  const form = {
    intent: "create",
    formId: "challenge",
    title: "Défi mobilité 2027",
    cover: "Comment se rendre à un entretien sans voiture ?",
    brief: "Le **contexte**, les attentes.",
    tags: "mobilité",
    opensAt: "2027-03-01T09:00",
    closesAt: "2027-02-01T09:00",
  };
  const before = await prisma.challenge.count();
  const backwards = await manager.post(path, form);
  expect(backwards.status).toBe(400);
  expect(await backwards.text()).toContain("La clôture doit venir après l&#x27;ouverture.");
  expect(await prisma.challenge.count()).toBe(before);

  const created = await manager.post(path, { ...form, closesAt: "2027-03-31T18:00" });
  expect(created.status).toBe(302);
  const id = created.headers.get("location")!.replace("/defis/", "");
  const row = await prisma.challenge.findUniqueOrThrow({
    where: { id },
    select: { title: true, tags: true, opensAt: true, closesAt: true },
  });
  expect(row).toEqual({
    title: "Défi mobilité 2027",
    tags: ["mobilité"],
    opensAt: new Date("2027-03-01T08:00:00.000Z"),
    closesAt: new Date("2027-03-31T16:00:00.000Z"),
  });
  expect(await prisma.auditLog.count({ where: { action: "challenge.create", targetId: id } })).toBe(1);

  for (const who of [await makeUser(), await makeUser({ role: "EMPLOYEE" })]) {
    const c = await signedIn(who);
    expect((await c.get(path)).status).toBe(404);
    expect((await c.post(path, { ...form, closesAt: "2027-03-31T18:00" })).status).toBe(404);
  }
  expect(await prisma.challenge.count()).toBe(before + 1);
});

test("ideas go into a challenge only while it is open, with a clear message otherwise", async () => {
  const now = Date.now();
  const open = await makeChallenge({
    space: SPACES.public,
    opensAt: new Date(now - DAY),
    closesAt: new Date(now + 3 * DAY),
    title: "Défi ouvert des données",
  });
  const closed = await makeChallenge({
    space: SPACES.public,
    opensAt: new Date(now - 10 * DAY),
    closesAt: new Date(now - DAY),
  });
  const upcoming = await makeChallenge({
    space: SPACES.public,
    opensAt: new Date(now + DAY),
    closesAt: new Date(now + 5 * DAY),
  });
  const internal = await makeChallenge({
    space: SPACES.internal,
    opensAt: new Date(now - DAY),
    closesAt: new Date(now + DAY),
  });
  const author = await signedIn(await makeUser());
  const propose = `/espaces/${SPACES.public}/proposer`;

  // The form offers the open challenge, chosen when coming from its page.
  const form = await (await author.get(`${propose}?defi=${open.id}`)).text();
  // Its title is user content: the option carries the language it was written in.
  expect(form).toContain(`<option value="${open.id}" lang="fr" selected="">Défi ouvert des données</option>`);
  expect(form).not.toContain(closed.id);

  const before = await prisma.idea.count();
  for (const [challenge, message] of [
    [closed, "Ce défi est clos : il ne reçoit plus d&#x27;idées."],
    [upcoming, "Ce défi n&#x27;est pas encore ouvert."],
    [internal, "Ce défi n&#x27;existe pas dans cet espace."],
  ] as const) {
    const res = await author.post(propose, { ...idea, challengeId: challenge.id });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  }
  expect(await prisma.idea.count()).toBe(before);

  const ok = await author.post(propose, { ...idea, challengeId: open.id });
  expect(ok.status).toBe(302);
  const ideaId = ok.headers.get("location")!.replace("/idees/", "");
  expect(
    (await prisma.idea.findUniqueOrThrow({ where: { id: ideaId }, select: { challengeId: true } })).challengeId,
  ).toBe(open.id);

  // The challenge page lists it, with the time left; the space page lists the challenge as open.
  const page = await (await new HttpClient(app.url).get(`/defis/${open.id}`)).text();
  expect(page).toContain(idea.title);
  expect(page).toMatch(/Plus que [23] jours/);
  expect(page).toContain("<strong>contexte</strong>");
  const space = await (await new HttpClient(app.url).get(`/espaces/${SPACES.public}`)).text();
  expect(space).toContain(`href="/defis/${open.id}"`);
  expect((await new HttpClient(app.url).get(`/idees/${ideaId}`)).status).toBe(200);
});

/** An idea proposed into a challenge that closed yesterday (stored directly: proposing is closed). */
async function ideaInClosedChallenge() {
  const now = Date.now();
  const challenge = await makeChallenge({
    space: SPACES.public,
    opensAt: new Date(now - 10 * DAY),
    closesAt: new Date(now - DAY),
  });
  const author = await makeUser();
  const ideaRow = await prisma.idea.create({
    data: {
      id: newId(),
      spaceId: (await getSpace(SPACES.public)).id,
      authorId: author.id,
      challengeId: challenge.id,
      title: idea.title,
      body: idea.body,
      summary: idea.body,
    },
    select: { id: true },
  });
  return { challenge, author, ideaRow };
}

test("after it closes, voting and comments stay open until a manager closes them", async () => {
  const { challenge, ideaRow } = await ideaInClosedChallenge();
  const voter = await signedIn(await makeUser());
  expect((await voter.post(`/idees/${ideaRow.id}`, { intent: "support" })).status).toBe(303);
  expect((await voter.post(`/idees/${ideaRow.id}`, { intent: "comment", body: "Toujours d'actualité." })).status).toBe(
    302,
  );

  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  const publicUser = await signedIn(await makeUser());
  expect((await publicUser.post(`/defis/${challenge.id}`, { intent: "participation", open: "false" })).status).toBe(
    403,
  );
  expect((await manager.post(`/defis/${challenge.id}`, { intent: "participation", open: "maybe" })).status).toBe(400);
  expect((await manager.post(`/defis/${challenge.id}`, { intent: "participation", open: "false" })).status).toBe(302);
  expect(await prisma.auditLog.count({ where: { action: "challenge.participation", targetId: challenge.id } })).toBe(1);

  expect((await voter.post(`/idees/${ideaRow.id}`, { intent: "unsupport" })).status).toBe(403);
  expect((await voter.post(`/idees/${ideaRow.id}`, { intent: "comment", body: "Encore un mot." })).status).toBe(403);
  expect(await prisma.vote.count({ where: { ideaId: ideaRow.id } })).toBe(1);
  expect(await prisma.comment.count({ where: { ideaId: ideaRow.id } })).toBe(1);
  expect(await (await voter.get(`/idees/${ideaRow.id}`)).text()).toContain(
    "Les votes et les commentaires sont fermés pour ce défi.",
  );

  expect((await manager.post(`/defis/${challenge.id}`, { intent: "participation", open: "true" })).status).toBe(302);
  expect((await voter.post(`/idees/${ideaRow.id}`, { intent: "unsupport" })).status).toBe(303);
  expect(await prisma.vote.count({ where: { ideaId: ideaRow.id } })).toBe(0);
});

test("an InnovAction challenge does not exist for the public", async () => {
  const now = Date.now();
  const internal = await makeChallenge({
    space: SPACES.internal,
    opensAt: new Date(now - DAY),
    closesAt: new Date(now + DAY),
    title: "Défi interne confidentiel",
  });
  for (const client of [
    new HttpClient(app.url),
    await signedIn(await makeUser()),
    await signedIn(await makeUser({ role: "SUPPLIER" })),
  ]) {
    expect((await client.get(`/defis/${internal.id}`)).status).toBe(404);
    expect(await (await client.get(`/espaces/${SPACES.public}`)).text()).not.toContain("Défi interne confidentiel");
  }
  // Nor in the search page's challenge filter.
  expect(await (await new HttpClient(app.url).get("/recherche?q=idee")).text()).not.toContain(
    "Défi interne confidentiel",
  );
  const employee = await signedIn(await makeUser({ role: "EMPLOYEE" }));
  expect(await (await employee.get("/recherche?q=idee")).text()).toContain(
    `<option value="${internal.id}" lang="fr">Défi interne confidentiel</option>`,
  );
  expect(await (await employee.get(`/defis/${internal.id}`)).text()).toContain("Défi interne confidentiel");
  expect(await (await employee.get(`/espaces/${SPACES.internal}`)).text()).toContain("Défi interne confidentiel");
});

test("once a manager closes participation, the idea's page no longer offers support or comments, and a refused form keeps its text", async () => {
  const { challenge, ideaRow } = await ideaInClosedChallenge();
  const page = `/idees/${ideaRow.id}`;
  const voter = await signedIn(await makeUser());
  const offers = async () => {
    const html = await (await voter.get(page)).text();
    return {
      support: html.includes('name="intent" value="support"'),
      comment: html.includes('value="comment-new"'),
      closedNote: html.includes('data-testid="participation-closed"'),
    };
  };
  expect(await offers()).toEqual({ support: true, comment: true, closedNote: false });

  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  expect((await manager.post(`/defis/${challenge.id}`, { intent: "participation", open: "false" })).status).toBe(302);
  // The page asks the same policy input as the actions: nothing offered that would be refused, and why.
  expect(await offers()).toEqual({ support: false, comment: false, closedNote: true });

  // A page read before the closing still submits: the answer is the page with the reason, not "Accès refusé".
  const typed = "Un commentaire écrit avant la fermeture, à ne pas perdre.";
  const comment = await voter.post(page, { intent: "comment", formId: "comment-new", body: typed });
  expect(comment.status).toBe(403);
  const commentHtml = await comment.text();
  expect(commentHtml).not.toContain("Accès refusé");
  expect(commentHtml).toContain(idea.title);
  expect(commentHtml).toContain(typed); // the form is still there, with the text typed
  expect(commentHtml).toContain("Les votes et les commentaires sont fermés pour ce défi.");
  const support = await voter.post(page, { intent: "support" });
  expect(support.status).toBe(403);
  const supportHtml = await support.text();
  expect(supportHtml).not.toContain("Accès refusé");
  expect(supportHtml).toContain(idea.title);
  expect(await prisma.vote.count({ where: { ideaId: ideaRow.id } })).toBe(0);
  expect(await prisma.comment.count({ where: { ideaId: ideaRow.id } })).toBe(0);
});

test("once participation is closed, a comment can still be reported: the page offers the link and the action takes the report", async () => {
  const { challenge, author, ideaRow } = await ideaInClosedChallenge();
  const comment = await makeComment({ author, idea: ideaRow, body: "Un commentaire à signaler après la fermeture." });
  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  expect((await manager.post(`/defis/${challenge.id}`, { intent: "participation", open: "false" })).status).toBe(302);

  const reader = await signedIn(await makeUser());
  const page = `/idees/${ideaRow.id}`;
  const html = await (await reader.get(page)).text();
  expect(html).toContain(idea.title);
  expect(html).not.toContain('value="comment-new"'); // commenting is closed…
  expect(html).toContain(`signaler=${comment.id}`); // …reporting is not
  const reported = await reader.post(page, {
    intent: "flag",
    formId: `flag-${comment.id}`,
    commentId: comment.id,
    reason: "ABUSE",
  });
  expect(reported.status).toBe(302);
  expect(await prisma.flag.count({ where: { targetId: comment.id, resolvedAt: null } })).toBe(1);
  // The page asks the same rule again: reported once, the link gives way to "already reported".
  expect(await (await reader.get(page)).text()).not.toContain(`signaler=${comment.id}`);
});
