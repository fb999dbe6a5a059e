// Participation by agency (docs/decisions/0025-indicators-and-exports.md): absent until `users.agency`
// exists (the identity issue adds it), then counted. This file's database is its own copy, so adding
// the column here changes nothing elsewhere; it is added before the first look-up, which is remembered.
import { expect, test } from "vitest";
import { pool, prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { getIndicators } from "~/models/indicators.server.ts";
import { makeUser } from "./factories.ts";

test("participation by agency counts distinct people per agency once the column exists", async () => {
  await pool.query("alter table users add column agency text");
  const slug = `agences-${Date.now().toString(36)}`;
  const space = await prisma.space.create({
    data: { id: newId(), slug, audience: "PUBLIC", nameFr: slug, nameEn: slug, descriptionFr: "-", descriptionEn: "-" },
  });
  const [manager, lyon1, lyon2, nantes, nowhere] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "PUBLIC" }),
  ]);
  for (const [user, agency] of [
    [lyon1, "Lyon Part-Dieu"],
    [lyon2, "Lyon Part-Dieu"],
    [nantes, "Nantes Centre"],
  ] as const)
    await pool.query("update users set agency = $1 where id = $2", [agency, user.id]);
  const idea = (author: { id: string }) =>
    prisma.idea.create({
      data: { id: newId(), spaceId: space.id, authorId: author.id, title: "Une idée", body: "Un texte assez long." },
    });
  const a = await idea(lyon1);
  await idea(lyon1); // the same person twice: counted once
  await prisma.vote.create({ data: { ideaId: a.id, userId: lyon2.id } });
  await prisma.vote.create({ data: { ideaId: a.id, userId: nantes.id } });
  await prisma.vote.create({ data: { ideaId: a.id, userId: nowhere.id } }); // no agency: not in this table

  const data = await getIndicators({
    viewer: manager,
    filters: { space: slug, challenge: null, from: null, to: null },
  });
  expect(data.participationByAgency).toEqual([
    { agency: "Lyon Part-Dieu", people: 2 },
    { agency: "Nantes Centre", people: 1 },
  ]);
});
