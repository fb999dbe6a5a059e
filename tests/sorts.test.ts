// The space page's four sorts: each order proved on maintained columns, keyset pagination walks every
// idea exactly once, and "hot" follows the documented formula (docs/decisions/0011-search-and-ranking.md).
import { expect, test } from "vitest";
import { pool, prisma } from "~/lib/db.server.ts";
import { foldCounterDeltas } from "~/models/counters.server.ts";
import { LIST_TOTAL_CAP, listIdeas, pagePosition } from "~/models/idea-list.server.ts";
import { hotScore, IDEA_SORTS, parseSort, type IdeaSort } from "~/models/idea.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { newId } from "~/lib/id.ts";
import { makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";

async function allPages(sort: IdeaSort) {
  const space = await requireVisibleSpace(null, SPACES.public);
  const seen: { id: string; supports: number; comments: number; createdAt: string }[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listIdeas({ viewer: null, space, sort, cursor });
    seen.push(
      ...page.items.map((i) => ({ id: i.id, supports: i.supports, comments: i.comments, createdAt: i.createdAt })),
    );
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

const later = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

test("each sort orders by its maintained column and pagination walks every idea exactly once", async () => {
  const author = await makeUser();
  const people = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
  const base = Date.now() - 40 * 24 * 3600_000;
  const ideas = [];
  for (let i = 0; i < 47; i++) {
    // Pairs share a timestamp (id tie-break); ages spread over a month (the hot decay matters).
    ideas.push(await makeIdea({ author, createdAt: new Date(base + Math.floor(i / 2) * 36 * 3600_000) }));
  }
  for (const [i, idea] of ideas.entries()) {
    const supports = (i * 5) % 7;
    const comments = (i * 3) % 4;
    if (supports)
      await prisma.vote.createMany({ data: people.slice(0, supports).map((p) => ({ ideaId: idea.id, userId: p.id })) });
    for (let c = 0; c < comments; c++) await makeComment({ author: people[c]!, idea });
  }
  await foldCounterDeltas();
  // Mixed data: several support and comment levels, so each sort has something to order.
  const levels = new Set((await allPages("newest")).map((i) => `${i.supports}/${i.comments}`));
  expect(levels.size).toBeGreaterThan(10);
  const stored = new Map(
    (
      await prisma.idea.findMany({
        select: { id: true, hotScore: true, supportCount: true, commentCount: true, createdAt: true },
      })
    ).map((r) => [r.id, r]),
  );

  for (const sort of IDEA_SORTS) {
    const list = await allPages(sort);
    expect(list, sort).toHaveLength(47);
    expect(new Set(list.map((i) => i.id)).size, sort).toBe(47);
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      const [sa, sb] = [stored.get(a.id)!, stored.get(b.id)!];
      switch (sort) {
        case "newest":
          expect(later(a, b)).toBe(true);
          break;
        case "top":
          expect(a.supports > b.supports || (a.supports === b.supports && later(a, b))).toBe(true);
          break;
        case "discussed":
          expect(a.comments > b.comments || (a.comments === b.comments && later(a, b))).toBe(true);
          break;
        case "hot":
          expect(sa.hotScore > sb.hotScore || (sa.hotScore === sb.hotScore && a.id > b.id)).toBe(true);
          break;
      }
    }
  }
  // The columns are the documented formula of the (folded) counts.
  for (const row of stored.values()) {
    expect(row.hotScore).toBeCloseTo(hotScore(row.supportCount, row.commentCount, row.createdAt), 9);
  }
});

test("hot: engagement lifts an idea, age brings it down, and the score follows each fold", async () => {
  const author = await makeUser();
  const voters = await Promise.all(Array.from({ length: 9 }, () => makeUser()));
  const day = 24 * 3600_000;
  const now = Date.now();
  const older = await makeIdea({ author, space: SPACES.internal, createdAt: new Date(now - 3 * day) });
  const newer = await makeIdea({ author, space: SPACES.internal, createdAt: new Date(now - day) });
  const employee = await makeUser({ role: "EMPLOYEE" });
  const space = await requireVisibleSpace(employee, SPACES.internal);
  const order = async () =>
    (await listIdeas({ viewer: employee, space, sort: "hot", cursor: null })).items.map((i) => i.id);

  // Without engagement, the newer idea is hotter.
  expect(await order()).toEqual([newer.id, older.id]);
  // 9 supports make the older one 10× as engaged: a whole week's worth, more than its two extra days.
  await prisma.vote.createMany({ data: voters.map((v) => ({ ideaId: older.id, userId: v.id })) });
  expect(await order()).toEqual([newer.id, older.id]); // not folded yet: sorting uses the columns
  await foldCounterDeltas();
  expect(await order()).toEqual([older.id, newer.id]);
  // A comment counts twice a support: 5 comments (1 + 10 = 11 > 10) bring the newer one back on top.
  for (let c = 0; c < 5; c++) await makeComment({ author: voters[c]!, idea: newer });
  await foldCounterDeltas();
  expect(await order()).toEqual([newer.id, older.id]);
  const { rows } = await pool.query<{ id: string; hot_score: number; expected: number }>(
    `select id, hot_score, idees_hot_score(support_count, comment_count, created_at) as expected from ideas where id = any($1)`,
    [[older.id, newer.id]],
  );
  for (const row of rows) expect(row.hot_score).toBe(row.expected);
});

test("the default sort is hot; an unknown one falls back to it; a cursor of another sort restarts cleanly", async () => {
  expect(parseSort(null)).toBe("hot");
  expect(parseSort("n'importe")).toBe("hot");
  for (const sort of IDEA_SORTS) expect(parseSort(sort)).toBe(sort);
  const space = await requireVisibleSpace(null, SPACES.public);
  const top = await listIdeas({ viewer: null, space, sort: "top", cursor: null });
  for (const sort of IDEA_SORTS) {
    const page = await listIdeas({ viewer: null, space, sort, cursor: top.nextCursor });
    expect(Array.isArray(page.items)).toBe(true);
  }
  const hotCursor = Buffer.from(JSON.stringify({ c: new Date().toISOString(), i: "zzz", s: 1e308 })).toString(
    "base64url",
  );
  expect((await listIdeas({ viewer: null, space, sort: "hot", cursor: hotCursor })).items.length).toBeGreaterThan(0);
});

test("the stage filter holds under every sort and across pages", async () => {
  const author = await makeUser();
  const ideas = [];
  for (let i = 0; i < 25; i++) ideas.push(await makeIdea({ author, space: SPACES.internal }));
  const piloted = ideas.filter((_, i) => i % 2 === 0).map((i) => i.id);
  await prisma.idea.updateMany({ where: { id: { in: piloted } }, data: { stage: "PILOT" } });
  const employee = await makeUser({ role: "EMPLOYEE" });
  const space = await requireVisibleSpace(employee, SPACES.internal);
  for (const sort of IDEA_SORTS) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listIdeas({ viewer: employee, space, sort, cursor, stage: "PILOT" });
      expect(
        page.items.every((i) => i.stage === "PILOT"),
        sort,
      ).toBe(true);
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort(), sort).toEqual([...piloted].sort());
  }
});

// Last: closing the app closes the shared pool.
test("the space page offers the four sorts and keeps the chosen one in its links", async () => {
  const { startTestApp } = await import("./support/app.ts");
  const { HttpClient } = await import("./support/http-client.ts");
  const app = await startTestApp();
  try {
    const html = await (await new HttpClient(app.url).get(`/espaces/${SPACES.public}?tri=discussed`)).text();
    for (const label of ["Tendances", "Les plus soutenues", "Les plus récentes", "Les plus commentées"])
      expect(html).toContain(label);
    expect(html).toMatch(/<a[^>]*aria-current="page"[^>]*>Les plus commentées<\/a>/);
    expect(html).toMatch(/href="[^"]*\?tri=discussed&amp;apres=/);
  } finally {
    await app.close();
  }
});

test("paging goes both ways under every sort: previous pages are the next ones walked back, with their positions", async () => {
  const space = await requireVisibleSpace(null, SPACES.public);
  const author = await makeUser();
  const first = await listIdeas({ viewer: null, space, sort: "newest", cursor: null });
  for (let i = first.position.total; i < 45; i++) await makeIdea({ author });
  for (const sort of IDEA_SORTS) {
    const forward = [];
    let page = await listIdeas({ viewer: null, space, sort, cursor: null });
    expect(page.previousCursor, sort).toBeNull();
    expect(page.position.from, sort).toBe(1);
    for (let guard = 0; guard < 50; guard++) {
      forward.push(page);
      if (!page.nextCursor) break;
      page = await listIdeas({ viewer: null, space, sort, cursor: page.nextCursor });
    }
    const total = forward[0]!.position.total;
    expect(forward.length, sort).toBe(Math.ceil(total / 20));
    // Positions follow each other to the total: "21–40 of 47".
    forward.forEach((p, i) => {
      expect(p.position, sort).toEqual({ from: i * 20 + 1, to: Math.min((i + 1) * 20, total), total, capped: false });
    });
    // Back from the last page, page by page, to the first: the same ideas in the same order.
    let back = forward.at(-1)!;
    for (let i = forward.length - 2; i >= 0; i--) {
      expect(back.previousCursor, `${sort} page ${i + 2}`).not.toBeNull();
      back = await listIdeas({ viewer: null, space, sort, cursor: null, before: back.previousCursor });
      expect(
        back.items.map((idea) => idea.id),
        `${sort} page ${i + 1}`,
      ).toEqual(forward[i]!.items.map((idea) => idea.id));
      expect(back.position, sort).toEqual(forward[i]!.position);
    }
    expect(back.previousCursor, sort).toBeNull();
  }
});

test("a list counts its total up to a cap and takes a page's position from the cursor, so no page view counts a million ideas", () => {
  const over = LIST_TOTAL_CAP + 1;
  expect(pagePosition({ direction: null, counted: over, before: 0, shown: 20 })).toEqual({
    from: 1,
    to: 20,
    total: LIST_TOTAL_CAP,
    capped: true,
  });
  // Deep in a long list, past the cap: "Idées 2 001–2 020 sur plus de 1 000".
  expect(pagePosition({ direction: "after", counted: over, before: 2000, shown: 20 })).toMatchObject({
    from: 2001,
    to: 2020,
    capped: true,
  });
  // Walking back from position 41: the page before ends at 40.
  expect(pagePosition({ direction: "before", counted: 47, before: 40, shown: 20 })).toEqual({
    from: 21,
    to: 40,
    total: 47,
    capped: false,
  });
  // A cursor from a list that has since shrunk: the total grows to the last position shown, never "41–60 of 47".
  expect(pagePosition({ direction: "after", counted: 47, before: 40, shown: 20 }).total).toBe(60);
  // An exact total (a space's list, from its stage counts) is never capped: "Idées 1–20 sur 812 340".
  expect(pagePosition({ direction: null, counted: 812_340, exact: true, before: 0, shown: 20 })).toEqual({
    from: 1,
    to: 20,
    total: 812_340,
    capped: false,
  });
  expect(pagePosition({ direction: null, counted: 0, before: 0, shown: 0 })).toEqual({
    from: 0,
    to: 0,
    total: 0,
    capped: false,
  });
});

test("a space's list reads its exact total from the stage counts, folded or not and past the cap; a tag's list counts to the cap", async () => {
  // A space of its own: other test files write ideas into the shared spaces meanwhile.
  const slug = `total-${newId().toLowerCase()}`;
  const space = await prisma.space.create({
    data: {
      id: newId(),
      slug,
      audience: "INTERNAL",
      nameFr: slug,
      nameEn: slug,
      descriptionFr: "-",
      descriptionEn: "-",
    },
    omit: { createdAt: true, answerWithinDays: true, reviewWithinDays: true },
  });
  const viewer = await makeUser({ role: "MANAGER" });
  const author = await makeUser({ role: "EMPLOYEE" });
  // 1,012 ideas in one statement (the triggers run for each): 4 selected; the last two will not be listed.
  const prefix = newId();
  await pool.query(
    `insert into ideas (id, space_id, author_id, title, body, tags, stage, updated_at)
     select $1 || lpad(g::text, 4, '0'), $2, $3, 'Idée ' || g, 'Un texte assez long.', array['emploi'],
            case when g <= 4 then 'SELECTED'::"IdeaStage" else 'PROPOSED'::"IdeaStage" end, now()
       from generate_series(1, 1012) g`,
    [prefix, space.id, author.id],
  );
  await prisma.idea.update({
    where: { id: `${prefix}1011` },
    data: { hiddenAt: new Date(), hiddenKind: "MODERATOR", hiddenReason: "Hors sujet" },
  });
  await prisma.idea.update({ where: { id: `${prefix}1012` }, data: { mergedIntoId: `${prefix}0005` } });
  const totals = async () => {
    const list = (options: { stage?: "SELECTED"; tag?: string }) =>
      listIdeas({ viewer, space, sort: "hot", cursor: null, ...options }).then((page) => page.position);
    return { all: await list({}), selected: await list({ stage: "SELECTED" }), tagged: await list({ tag: "emploi" }) };
  };
  const expected = {
    all: { from: 1, to: 20, total: 1010, capped: false },
    selected: { from: 1, to: 4, total: 4, capped: false },
    tagged: { from: 1, to: 20, total: LIST_TOTAL_CAP, capped: true },
  };
  expect(await totals(), "deltas not folded").toEqual(expected);
  await foldCounterDeltas();
  expect(await totals(), "folded").toEqual(expected);
});
