import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { foldCounterDeltas } from "~/models/counters.server.ts";
import { listIdeas } from "~/models/idea-list.server.ts";
import { createIdea } from "~/models/idea.server.ts";
import { getIdeaForEdit, updateIdea } from "~/models/idea-edit.server.ts";
import { getIdeaPage } from "~/models/idea-page.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { Forbidden, NotFound } from "~/models/errors.ts";

async function allPages(viewer: Awaited<ReturnType<typeof makeUser>> | null, sort: "newest" | "top") {
  const space = await requireVisibleSpace(viewer, SPACES.public);
  const seen: { id: string; supports: number; createdAt: string }[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 20; guard++) {
    const page = await listIdeas({ viewer, space, sort, cursor });
    seen.push(...page.items.map((i) => ({ id: i.id, supports: i.supports, createdAt: i.createdAt })));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

test("keyset pagination walks every idea exactly once, in order, for both sorts", async () => {
  const author = await makeUser();
  const voters = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
  const base = Date.now() - 3600_000;
  const ideas = [];
  for (let i = 0; i < 45; i++) {
    // Pairs of ideas share a timestamp so that the id tie-break is exercised.
    ideas.push(await makeIdea({ author, createdAt: new Date(base + Math.floor(i / 2) * 1000) }));
  }
  for (const [i, idea] of ideas.entries()) {
    const n = i % 6;
    if (n) await prisma.vote.createMany({ data: voters.slice(0, n).map((v) => ({ ideaId: idea.id, userId: v.id })) });
  }
  await foldCounterDeltas();

  const newest = await allPages(null, "newest");
  expect(newest).toHaveLength(45);
  expect(new Set(newest.map((i) => i.id)).size).toBe(45);
  for (let i = 1; i < newest.length; i++) {
    const [a, b] = [newest[i - 1]!, newest[i]!];
    expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true);
  }

  const top = await allPages(voters[0]!, "top");
  expect(top).toHaveLength(45);
  expect(new Set(top.map((i) => i.id)).size).toBe(45);
  for (let i = 1; i < top.length; i++) expect(top[i - 1]!.supports).toBeGreaterThanOrEqual(top[i]!.supports);
  expect(top[0]!.supports).toBe(5);
});

test("a forged or garbled cursor starts from the beginning instead of failing", async () => {
  const space = await requireVisibleSpace(null, SPACES.public);
  for (const cursor of [
    "%%%",
    "bm90LWpzb24",
    Buffer.from(JSON.stringify({ c: "pas une date", i: "x" })).toString("base64url"),
  ]) {
    const page = await listIdeas({ viewer: null, space, sort: "newest", cursor });
    expect(Array.isArray(page.items)).toBe(true);
  }
});

test("the author edits while the idea is PROPOSED, and no longer once it moved on", async () => {
  const [author, other] = await Promise.all([makeUser(), makeUser()]);
  const space = await requireVisibleSpace(author, SPACES.public);
  const { id } = await createIdea({
    user: author,
    space,
    input: { title: "Une première version", body: "Le **corps** de l'idée.", tags: ["accueil"] },
  });
  expect((await getIdeaPage(author, id)).canEdit).toBe(true);
  expect((await getIdeaPage(other, id)).canEdit).toBe(false);
  await expect(getIdeaForEdit(other, id)).rejects.toBeInstanceOf(Forbidden);
  await expect(
    updateIdea({ user: other, ideaId: id, input: { title: "Version pirate", body: "x".repeat(20), tags: [] } }),
  ).rejects.toBeInstanceOf(Forbidden);

  await updateIdea({
    user: author,
    ideaId: id,
    input: { title: "Une seconde version", body: "Texte *revu*.", tags: [] },
  });
  const page = await getIdeaPage(author, id);
  expect(page.title).toBe("Une seconde version");
  expect(page.bodyHtml).toContain("<em>revu</em>");
  const stored = await prisma.idea.findUniqueOrThrow({ where: { id }, select: { summary: true } });
  expect(stored.summary).toBe("Texte revu.");

  await prisma.idea.update({ where: { id }, data: { stage: "UNDER_REVIEW" } });
  expect((await getIdeaPage(author, id)).canEdit).toBe(false);
  await expect(
    updateIdea({
      user: author,
      ideaId: id,
      input: { title: "Trop tard pour changer", body: "x".repeat(20), tags: [] },
    }),
  ).rejects.toBeInstanceOf(Forbidden);
});

test("lists show only the space asked for, and InnovAction is a 404 for outsiders", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const internal = await makeIdea({ author: employee, space: SPACES.internal, title: "Idée interne à ne pas montrer" });
  const listed = await allPages(employee, "newest");
  expect(listed.map((i) => i.id)).not.toContain(internal.id);
  await expect(requireVisibleSpace(null, SPACES.internal)).rejects.toBeInstanceOf(NotFound);
  await expect(requireVisibleSpace(await makeUser(), SPACES.internal)).rejects.toBeInstanceOf(NotFound);
  await expect(getIdeaPage(null, internal.id)).rejects.toBeInstanceOf(NotFound);
  const space = await requireVisibleSpace(employee, SPACES.internal);
  const page = await listIdeas({ viewer: employee, space, sort: "newest", cursor: null });
  expect(page.items.map((i) => i.id)).toContain(internal.id);
});
