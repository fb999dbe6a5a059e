// Issue 17, parts 5 and 6 (docs/decisions/0031-mentions-following-profiles.md): following a space, a
// challenge or a tag changes who hears of new ideas there, unfollowing stops it, the pages show how many
// follow and a button to follow or stop; a notification about an idea hidden since is not shown nor counted.
import { afterAll, beforeAll, expect, test } from "vitest";
import { newId } from "~/lib/id.ts";
import { prisma } from "~/lib/db.server.ts";
import { DELETED_USER_ID } from "~/models/account.ts";
import { foldCounterDeltas } from "~/models/counters.server.ts";
import { followState, ideaFollowState, setFollow } from "~/models/follow.server.ts";
import { ideaFollowersSql } from "~/models/follow-sql.server.ts";
import { createIdea } from "~/models/idea.server.ts";
import { getIdeaPage } from "~/models/idea-page.server.ts";
import { hideContent } from "~/models/moderation.server.ts";
import { countUnreadNotifications, listNotifications } from "~/models/notification.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { getSpace, makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

const run = Math.random().toString(36).slice(2, 8);

async function makeChallenge() {
  const space = await getSpace(SPACES.public);
  const now = Date.now();
  return prisma.challenge.create({
    data: {
      id: newId(),
      spaceId: space.id,
      title: `Défi suivi ${run}`,
      cover: "Vos idées pour le défi.",
      brief: "Le contexte du défi.",
      opensAt: new Date(now - 86_400_000),
      closesAt: new Date(now + 30 * 86_400_000),
    },
    select: { id: true },
  });
}

/** The `idea.new` notifications a person has about this idea. */
const newsAbout = async (user: Awaited<ReturnType<typeof makeUser>>, ideaId: string) =>
  (await listNotifications(user)).filter((n) => n.type === "idea.new" && n.idea?.id === ideaId).length;

async function propose(options: { challengeId?: string; tags?: string[] }) {
  const author = await makeUser();
  const space = await requireVisibleSpace(author, SPACES.public);
  return createIdea({
    user: author,
    space,
    input: {
      title: `Une idée à suivre ${newId().slice(0, 6)}`,
      body: "Un constat, une proposition et ce qu'elle changerait.",
      tags: options.tags ?? [],
      ...(options.challengeId ? { challengeId: options.challengeId } : {}),
    },
  });
}

test("following a space, a challenge or a tag brings news of each new idea there; unfollowing stops it", async () => {
  const space = await getSpace(SPACES.public);
  const challenge = await makeChallenge();
  const tag = `theme ${run}`;
  const [spaceFan, challengeFan, tagFan, bystander] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
  ]);
  await setFollow({ user: spaceFan, input: { kind: "SPACE", target: SPACES.public, follow: true } });
  await setFollow({ user: challengeFan, input: { kind: "CHALLENGE", target: challenge.id, follow: true } });
  // Tags are followed whatever their case.
  await setFollow({ user: tagFan, input: { kind: "TAG", target: tag.toUpperCase(), follow: true } });
  expect(await followState({ viewer: challengeFan, kind: "CHALLENGE", targetId: challenge.id })).toEqual({
    followers: 1,
    following: true,
  });
  expect(await followState({ viewer: bystander, kind: "TAG", targetId: tag })).toEqual({
    followers: 1,
    following: false,
  });

  const first = await propose({ challengeId: challenge.id, tags: [tag] });
  expect(await newsAbout(spaceFan, first.id)).toBe(1);
  expect(await newsAbout(challengeFan, first.id)).toBe(1);
  expect(await newsAbout(tagFan, first.id)).toBe(1);
  expect(await newsAbout(bystander, first.id)).toBe(0);

  await setFollow({ user: spaceFan, input: { kind: "SPACE", target: SPACES.public, follow: false } });
  await setFollow({ user: challengeFan, input: { kind: "CHALLENGE", target: challenge.id, follow: false } });
  await setFollow({ user: tagFan, input: { kind: "TAG", target: tag, follow: false } });
  expect(await followState({ viewer: challengeFan, kind: "CHALLENGE", targetId: challenge.id })).toEqual({
    followers: 0,
    following: false,
  });
  const second = await propose({ challengeId: challenge.id, tags: [tag] });
  for (const person of [spaceFan, challengeFan, tagFan]) expect(await newsAbout(person, second.id)).toBe(0);
  // The space's own follower count is what is stored (other files' people may follow it too).
  const stored = await prisma.follow.count({ where: { kind: "SPACE", targetId: space.id, following: true } });
  expect((await followState({ viewer: null, kind: "SPACE", targetId: space.id })).followers).toBe(stored);
});

test("a notification about an idea hidden since is neither listed nor counted in the badge", async () => {
  const moderator = await makeUser({ role: "MODERATOR" });
  const follower = await makeUser();
  const tag = `cache ${run}`;
  await setFollow({ user: follower, input: { kind: "TAG", target: tag, follow: true } });
  const idea = await propose({ tags: [tag] });
  expect(await newsAbout(follower, idea.id)).toBe(1);
  const before = await countUnreadNotifications(follower);
  await hideContent({ user: moderator, target: "idea", targetId: idea.id, reason: "Hors charte" });
  expect(await newsAbout(follower, idea.id)).toBe(0);
  expect(await countUnreadNotifications(follower)).toBe(before - 1);
});

// --- over HTTP ------------------------------------------------------------------------------------------

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const followLine = (html: string, kind: string) =>
  new RegExp(`data-testid="follow-${kind}"[\\s\\S]*?</div>`).exec(html)?.[0] ?? "";

test("space, challenge and tag pages show the follower count to all and the button to signed-in people", async () => {
  const challenge = await makeChallenge();
  const tag = `page ${run}`;
  const person = await makeUser();
  const c = new HttpClient(app.url);
  await c.signIn(person.email, person.password);
  const pages = [
    { kind: "challenge", path: `/defis/${challenge.id}`, form: { kind: "CHALLENGE", target: challenge.id } },
    { kind: "tag", path: `/recherche?motcle=${encodeURIComponent(tag)}`, form: { kind: "TAG", target: tag } },
    { kind: "space", path: `/espaces/${SPACES.public}`, form: { kind: "SPACE", target: SPACES.public } },
  ];
  for (const page of pages) {
    const anonymous = followLine(await (await new HttpClient(app.url).get(page.path)).text(), page.kind);
    expect(anonymous, page.path).toContain('data-testid="follower-count"');
    expect(anonymous, page.path).not.toContain("<button");
    const before = followLine(await (await c.get(page.path)).text(), page.kind);
    expect(before, page.path).toMatch(/aria-pressed="false"[^>]*>Suivre (ce défi|le thème|cet espace)/);

    const followed = await c.post("/suivre", { ...page.form, follow: "1", redirectTo: page.path });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(page.path);
    const after = followLine(await (await c.get(page.path)).text(), page.kind);
    expect(after, page.path).toMatch(/aria-pressed="true"[^>]*>Ne plus suivre/);
    if (page.kind !== "space") expect(after).toContain("1 abonné·e");
    if (page.kind === "tag") expect(after).toContain(`« ${tag} »`);

    expect((await c.post("/suivre", { ...page.form, follow: "0", redirectTo: page.path })).status).toBe(302);
    const stopped = followLine(await (await c.get(page.path)).text(), page.kind);
    expect(stopped, page.path).toContain('aria-pressed="false"');
    if (page.kind !== "space") expect(stopped).toContain("Aucun abonné");
  }
});

test("an idea's follower count is how many people its followers' rule lists: each once, less those who stopped", async () => {
  const [author, voter, voterCommenter, commenter, follower, stoppedVoter, stoppedCommenter, gone, withdrawn] =
    await Promise.all(Array.from({ length: 9 }, () => makeUser()));
  const idea = await makeIdea({ author: author! });
  const vote = (user: { id: string }) => prisma.vote.create({ data: { ideaId: idea.id, userId: user.id } });
  const follow = (user: { id: string }, following: boolean) =>
    prisma.follow.create({ data: { userId: user.id, kind: "IDEA", targetId: idea.id, following } });
  // The author votes too; a supporter comments; a commenter follows explicitly as well.
  for (const user of [author!, voter!, voterCommenter!, stoppedVoter!, withdrawn!]) await vote(user);
  // A supporter who withdrew: the count starts from the exact support count (docs/decisions/0059), which
  // must no longer count them (a pending negative delta until the counters are folded).
  await prisma.vote.delete({ where: { ideaId_userId: { ideaId: idea.id, userId: withdrawn!.id } } });
  for (const user of [voterCommenter!, commenter!, stoppedCommenter!, gone!]) await makeComment({ author: user, idea });
  await prisma.comment.updateMany({ where: { ideaId: idea.id, authorId: gone!.id }, data: { deletedAt: new Date() } });
  await follow(follower!, true);
  await follow(commenter!, true);
  await follow(stoppedVoter!, false);
  await follow(stoppedCommenter!, false);
  const listed = await prisma.$queryRaw<{ user_id: string }[]>`${ideaFollowersSql(idea.id)}`;
  const expected = [author!, voter!, voterCommenter!, commenter!, follower!].map((u) => u.id).sort();
  expect(listed.map((r) => r.user_id).sort()).toEqual(expected);
  expect((await ideaFollowState({ viewer: null, ideaId: idea.id })).followers).toBe(expected.length);
  // The idea's page reads the count in its own statement: the same answer.
  expect((await getIdeaPage(null, idea.id)).followers).toBe(expected.length);
});

test("the placeholder signing deleted people's kept idea and comments is not counted as a follower", async () => {
  const [author, commenter] = await Promise.all([makeUser(), makeUser()]);
  const idea = await makeIdea({ author: author! });
  await makeComment({ author: author!, idea });
  await makeComment({ author: commenter!, idea });
  // What deleteMyAccount does to the contributions it keeps (app/models/privacy.server.ts), placeholder included.
  await prisma.$executeRaw`insert into users (id, email, display_name, password_hash, role, updated_at)
    values (${DELETED_USER_ID}, ${DELETED_USER_ID}, 'Utilisateur supprimé', '!', 'PUBLIC', now()) on conflict (id) do nothing`;
  await prisma.idea.update({ where: { id: idea.id }, data: { authorId: DELETED_USER_ID } });
  await prisma.comment.updateMany({ where: { authorId: author!.id }, data: { authorId: DELETED_USER_ID } });
  const listed = await prisma.$queryRaw<{ user_id: string }[]>`${ideaFollowersSql(idea.id)}`;
  expect(listed.map((r) => r.user_id)).toEqual([commenter!.id]);
  expect((await ideaFollowState({ viewer: null, ideaId: idea.id })).followers).toBe(1);
  expect((await getIdeaPage(null, idea.id)).followers).toBe(1);
});

test("an idea's follower count equals its followers' rule on random data, before and after the counters are folded", async () => {
  // A seeded generator: a failure can be replayed (the seed is in the test's name of the failing case).
  let seed = 0x5eed;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const people = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
  const ideas = await Promise.all(Array.from({ length: 3 }, (_, k) => makeIdea({ author: people[k]! })));
  const listedCount = async (ideaId: string) =>
    (await prisma.$queryRaw<{ user_id: string }[]>`${ideaFollowersSql(ideaId)}`).length;
  for (let step = 0; step < 160; step++) {
    const person = people[random(people.length)]!;
    const idea = ideas[random(ideas.length)]!;
    const key = { userId: person.id, kind: "IDEA" as const, targetId: idea.id };
    switch (random(7)) {
      case 0: // votes (once: a second vote is a conflict)
        await prisma.vote.createMany({ data: [{ ideaId: idea.id, userId: person.id }], skipDuplicates: true });
        break;
      case 1: // withdraws
        await prisma.vote.deleteMany({ where: { ideaId: idea.id, userId: person.id } });
        break;
      case 2: // comments
        await makeComment({ author: person, idea });
        break;
      case 3: // deletes their comments
        await prisma.comment.updateMany({
          where: { ideaId: idea.id, authorId: person.id },
          data: { deletedAt: new Date() },
        });
        break;
      case 4: // follows or stops following explicitly
      case 5: {
        const following = random(2) === 0;
        await prisma.follow.upsert({
          where: { userId_kind_targetId: key },
          create: { ...key, following },
          update: { following },
        });
        break;
      }
      case 6: // back to the default
        await prisma.follow.deleteMany({ where: key });
        break;
    }
    if (random(10) === 0) await foldCounterDeltas();
    if (step % 8 === 7) {
      for (const checked of ideas) {
        const expected = await listedCount(checked.id);
        expect((await ideaFollowState({ viewer: null, ideaId: checked.id })).followers, `step ${step}`).toBe(expected);
        expect((await getIdeaPage(null, checked.id)).followers, `step ${step}`).toBe(expected);
      }
    }
  }
});
