// A form sent twice stores one row (docs/decisions/0020-form-bounds-and-idempotency.md): the page issues
// a random key in a hidden field; two racing submissions, or a resubmission after the answer, with that
// key store one comment (one idea) and both answers lead to it.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { IDEMPOTENCY_FIELD } from "~/lib/validation.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

// Many submissions from one account in a few seconds: the anti-abuse limits are proved elsewhere
// (tests/rate-limits.test.ts); here they must not answer before the form is read.
vi.hoisted(() => {
  process.env.RATE_LIMITS = ["commentPerAccount", "commentPerIp", "proposePerAccount", "proposePerIp"]
    .map((rule) => `${rule}=100000/60`)
    .join(",");
});

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** The key the page rendered in the form (every comment form of a page shares the page's key). */
async function formKeyOf(client: HttpClient, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status).toBe(200);
  const match = new RegExp(`name="${IDEMPOTENCY_FIELD}" value="([^"]+)"`).exec(await res.text());
  expect(match, `a key in the form of ${path}`).not.toBeNull();
  return match![1]!;
}

async function signedIn() {
  const user = await makeUser();
  const client = new HttpClient(app.url);
  await client.signIn(user.email, user.password);
  return { user, client };
}

test("a comment sent twice at once, or again after the answer, is stored once", { timeout: 120_000 }, async () => {
  const { user, client } = await signedIn();
  const idea = await makeIdea({ author: await makeUser(), space: SPACES.public });
  const page = `/idees/${idea.id}`;
  const rounds = 15;
  for (let round = 0; round < rounds; round++) {
    const key = await formKeyOf(client, page);
    const fields = { intent: "comment", formId: "comment-new", body: `Mon avis n° ${round}`, [IDEMPOTENCY_FIELD]: key };
    // A double click: both requests are in flight together.
    const answers = await Promise.all([client.post(page, fields), client.post(page, fields)]);
    // The answer got lost, and the browser (or the person) sends it again.
    answers.push(await client.post(page, fields));
    const stored = await prisma.comment.findMany({
      where: { ideaId: idea.id, authorId: user.id, body: `Mon avis n° ${round}` },
      select: { id: true },
    });
    expect(stored, `round ${round}`).toHaveLength(1);
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toBe(`${page}#commentaire-${stored[0]!.id}`);
    }
  }
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(rounds);
  // The author of the idea heard of each comment once.
  expect(await prisma.notification.count({ where: { ideaId: idea.id, type: "comment.new" } })).toBe(rounds);

  // A reply goes the same way, and the page's next load issues another key.
  const root = await prisma.comment.findFirstOrThrow({ where: { ideaId: idea.id }, select: { id: true } });
  const key = await formKeyOf(client, page);
  expect(await formKeyOf(client, page)).not.toBe(key);
  const reply = { intent: "comment", formId: `reply-${root.id}`, body: "Ma réponse", parentId: root.id };
  await Promise.all([1, 2, 3].map(() => client.post(page, { ...reply, [IDEMPOTENCY_FIELD]: key })));
  expect(await prisma.comment.count({ where: { parentId: root.id } })).toBe(1);

  // The same key with other words (a page restored from the history) is a new comment, not a replay.
  const other = await client.post(page, { ...reply, body: "Une autre réponse", [IDEMPOTENCY_FIELD]: key });
  expect(other.status).toBe(302);
  expect(await prisma.comment.count({ where: { parentId: root.id } })).toBe(2);
  // Nor does one person's key replay another's comment.
  const stranger = await signedIn();
  await stranger.client.post(page, { ...reply, [IDEMPOTENCY_FIELD]: key });
  expect(await prisma.comment.count({ where: { parentId: root.id } })).toBe(3);
});

test("an idea proposed twice at once, or again after the answer, is stored once", { timeout: 120_000 }, async () => {
  const { user, client } = await signedIn();
  const form = `/espaces/${SPACES.public}/proposer`;
  const rounds = 10;
  for (let round = 0; round < rounds; round++) {
    const key = await formKeyOf(client, form);
    const fields = {
      title: `Une idée envoyée deux fois n° ${round}`,
      body: "Le texte de l'idée, assez long pour passer.",
      tags: "accueil",
      [IDEMPOTENCY_FIELD]: key,
    };
    const answers = await Promise.all([client.post(form, fields), client.post(form, fields)]);
    answers.push(await client.post(form, fields));
    const stored = await prisma.idea.findMany({
      where: { authorId: user.id, title: fields.title },
      select: { id: true },
    });
    expect(stored, `round ${round}`).toHaveLength(1);
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toBe(`/idees/${stored[0]!.id}`);
    }
  }
  expect(await prisma.idea.count({ where: { authorId: user.id } })).toBe(rounds);
  // Without a key (an older page, a script), nothing is deduplicated; a malformed key is a 400.
  const bare = { title: "Une idée sans clé de formulaire", body: "Le texte de l'idée, assez long pour passer." };
  await client.post(form, bare);
  await client.post(form, bare);
  expect(await prisma.idea.count({ where: { authorId: user.id, title: bare.title } })).toBe(2);
  const bad = await client.post(form, { ...bare, [IDEMPOTENCY_FIELD]: "a\u0000b" });
  expect(bad.status).toBe(400);
  expect(await prisma.idea.count({ where: { authorId: user.id } })).toBe(rounds + 2);
});
