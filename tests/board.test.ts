// The manager board at scale, over real HTTP: each column pages with keyset cursors behind a plain
// "Suite" link (no JavaScript), every card exactly once across pages, the total per column always shown;
// the filters (space, challenge, tag, time at the stage) narrow to what the viewer may see; a forged
// cursor is the first page, never an error; other roles still get 403.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { advanceIdea, getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const as = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);
const uniqueTag = (label: string) => `${label}${Date.now().toString(36)}${newId().slice(0, 4)}`;
const unescape = (s: string) => s.replaceAll("&amp;", "&");

/** One column of the board page as rendered: its count, the card ids in order, its "Suite" link. */
function columnOf(html: string, stage: string) {
  const start = html.indexOf(`id="colonne-${stage.toLowerCase()}"`);
  expect(start, `column ${stage}`).toBeGreaterThan(-1);
  const section = html.slice(start, html.indexOf("</section>", start));
  const count = Number(/data-testid="count-[A-Z_]+">(\d+)</.exec(section)?.[1]);
  const ids = [...section.matchAll(/<li id="idee-([A-Za-z0-9_-]+)"/g)].map((m) => m[1]!);
  const link = /<a [^>]*rel="next"[^>]*>/.exec(section)?.[0];
  const next = link ? /href="([^"]+)"/.exec(link)?.[1] : undefined;
  return { count, ids, next: next ? unescape(next) : null };
}

async function page(client: HttpClient, path: string) {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

test("35 ideas in one stage: 30 on the first page, the other 5 behind the plain “Suite” link, none twice", async () => {
  const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  const tag = uniqueTag("echelle");
  const ideas = [];
  for (let i = 0; i < 35; i++) ideas.push(await makeIdea({ author, tags: [tag] }));
  // Ties on the stage date (many ideas arrive in the same millisecond): the id orders them.
  const sameInstant = new Date(Date.now() - 60_000);
  await prisma.idea.updateMany({
    where: { id: { in: ideas.slice(10, 25).map((i) => i.id) } },
    data: { stageChangedAt: sameInstant },
  });
  const reviewed = await makeIdea({ author, tags: [tag] });
  await advanceIdea({ ideaId: reviewed.id, manager, to: "UNDER_REVIEW" });
  const m = await as(manager);

  const first = columnOf(await page(m, `/pilotage?mot-cle=${tag}`), "PROPOSED");
  expect(first.count).toBe(35);
  expect(first.ids).toHaveLength(30);
  expect(first.next).toMatch(/^\/pilotage\?mot-cle=[a-z0-9]+&colonne=PROPOSED&apres=[A-Za-z0-9_-]+#colonne-proposed$/);

  const second = columnOf(await page(m, first.next!), "PROPOSED");
  expect(second.count).toBe(35); // the total stays shown
  expect(second.ids).toHaveLength(5);
  expect(second.next).toBeNull();
  const seen = [...first.ids, ...second.ids];
  expect(new Set(seen).size).toBe(35);
  expect(seen.toSorted()).toEqual(ideas.map((i) => i.id).toSorted());
  // The order is the column's: waiting longest first.
  const changedAt = await prisma.idea.findMany({
    where: { id: { in: seen } },
    select: { id: true, stageChangedAt: true },
  });
  const at = new Map(changedAt.map((r) => [r.id, r.stageChangedAt.getTime()]));
  const keys = seen.map((id) => [at.get(id)!, id] as const);
  expect(keys).toEqual(keys.toSorted((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));

  // Paging one column leaves the others on their first page.
  expect(columnOf(await page(m, first.next!), "UNDER_REVIEW")).toMatchObject({ count: 1, ids: [reviewed.id] });
});

test("a forged, foreign or malformed cursor is the first page, never an error", async () => {
  const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  const tag = uniqueTag("curseur");
  for (let i = 0; i < 32; i++) await makeIdea({ author, tags: [tag] });
  const m = await as(manager);
  const first = columnOf(await page(m, `/pilotage?mot-cle=${tag}`), "PROPOSED");
  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  for (const after of [
    "pas-un-curseur",
    "%00%00",
    "x".repeat(5000),
    forge({ t: "-271821-04-20T00:00:00.000Z", i: "a" }),
    forge({ t: new Date().toISOString(), i: "a\u0000b" }),
    forge({ t: 12, i: ["x"] }),
    forge([1, 2, 3]),
  ]) {
    const path = `/pilotage?mot-cle=${tag}&colonne=PROPOSED&apres=${encodeURIComponent(after)}`;
    const column = columnOf(await page(m, path), "PROPOSED");
    expect(column.ids, after.slice(0, 40)).toEqual(first.ids);
    expect(column.count).toBe(32);
  }
  // An unknown column with a valid cursor: ignored too.
  const cursor = first.next!.split("apres=")[1]!.split("#")[0]!;
  expect(columnOf(await page(m, `/pilotage?mot-cle=${tag}&colonne=NOPE&apres=${cursor}`), "PROPOSED").ids).toEqual(
    first.ids,
  );
  // The cursor of one column does not page another.
  expect(columnOf(await page(m, `/pilotage?mot-cle=${tag}&colonne=PILOT&apres=${cursor}`), "PROPOSED").ids).toEqual(
    first.ids,
  );
});

test("filters by space, challenge, tag and time at the stage narrow the board, among what the viewer may see", async () => {
  const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  const tag = uniqueTag("filtre");
  const publicSpace = await getSpace(SPACES.public);
  const challenge = await prisma.challenge.create({
    data: {
      id: newId(),
      spaceId: publicSpace.id,
      title: `Défi du tableau ${tag}`,
      cover: "Vos idées.",
      brief: "Le contexte.",
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  const inChallenge = await makeIdea({ author, tags: [tag] });
  await prisma.idea.update({ where: { id: inChallenge.id }, data: { challengeId: challenge.id } });
  const old = await makeIdea({ author, tags: [tag] });
  await prisma.idea.update({ where: { id: old.id }, data: { stageChangedAt: new Date(Date.now() - 20 * 86_400_000) } });
  const internal = await makeIdea({ author, tags: [tag], space: SPACES.internal });
  const reviewed = await makeIdea({ author, tags: [tag] });
  await advanceIdea({ ideaId: reviewed.id, manager, to: "UNDER_REVIEW" });
  const untagged = await makeIdea({ author });
  await prisma.idea.update({ where: { id: untagged.id }, data: { challengeId: challenge.id } });

  const m = await as(manager);
  const board = async (query: string) => {
    const html = await page(m, `/pilotage?${query}`);
    return { proposed: columnOf(html, "PROPOSED"), review: columnOf(html, "UNDER_REVIEW"), html };
  };
  const sorted = (ids: string[]) => ids.toSorted();

  const byTag = await board(`mot-cle=${tag}`);
  expect(sorted(byTag.proposed.ids)).toEqual(sorted([inChallenge.id, old.id, internal.id]));
  expect(byTag.review).toMatchObject({ count: 1, ids: [reviewed.id] });
  // The tag is matched as typed in any case.
  expect(sorted((await board(`mot-cle=${tag.toUpperCase()}`)).proposed.ids)).toEqual(sorted(byTag.proposed.ids));

  const bySpace = await board(`mot-cle=${tag}&espace=${SPACES.internal}`);
  expect(bySpace.proposed).toMatchObject({ count: 1, ids: [internal.id] });
  expect(bySpace.review.count).toBe(0);

  const byChallenge = await board(`defi=${challenge.id}`);
  expect(sorted(byChallenge.proposed.ids)).toEqual(sorted([inChallenge.id, untagged.id]));
  // The challenge's title is user content: its option carries the language it was written in.
  expect(byChallenge.html).toContain(`<option value="${challenge.id}" lang="fr" selected="">`);
  expect((await board(`defi=${challenge.id}&mot-cle=${tag}`)).proposed.ids).toEqual([inChallenge.id]);
  // A challenge outside the chosen space: dropped, with the rest of the filters kept.
  expect(sorted((await board(`defi=${challenge.id}&espace=${SPACES.internal}&mot-cle=${tag}`)).proposed.ids)).toEqual([
    internal.id,
  ]);

  const byAge = await board(`mot-cle=${tag}&anciennete=10`);
  expect(byAge.proposed).toMatchObject({ count: 1, ids: [old.id] });
  expect(byAge.review.count).toBe(0);
  expect((await board(`mot-cle=${tag}&anciennete=30`)).proposed.count).toBe(0);
  // A malformed age is no filter at all.
  for (const age of ["-3", "abc", "1e3", "99999"])
    expect((await board(`mot-cle=${tag}&anciennete=${age}`)).proposed.count).toBe(3);

  // The "Suite" link keeps every filter.
  const many = uniqueTag("suite");
  for (let i = 0; i < 31; i++) await makeIdea({ author, tags: [many] });
  const filtered = await board(`mot-cle=${many}&espace=${SPACES.public}&anciennete=0`);
  expect(filtered.proposed.next).toContain(`espace=${SPACES.public}`);
  expect(filtered.proposed.next).toContain(`mot-cle=${many}`);
});

test("the board stays for managers: other roles get 403 on every page and filter, and see no card", async () => {
  const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  const tag = uniqueTag("refus");
  const idea = await makeIdea({ author, tags: [tag], space: SPACES.internal });
  for (const role of ["EMPLOYEE", "MODERATOR", "PUBLIC", "SUPPLIER"] as const) {
    const c = await as(await makeUser({ role }));
    for (const path of [`/pilotage?mot-cle=${tag}`, `/pilotage?espace=${SPACES.internal}&colonne=PROPOSED&apres=x`]) {
      const response = await c.get(path);
      expect(response.status, `${role} ${path}`).toBe(403);
      expect(await response.text()).not.toContain(idea.id);
    }
  }
  expect(columnOf(await page(await as(manager), `/pilotage?mot-cle=${tag}`), "PROPOSED").ids).toEqual([idea.id]);
});
