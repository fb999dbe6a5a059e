// Participation by agency (docs/decisions/0025-indicators-and-exports.md): distinct people per agency,
// the agency being the one the staff identity provider gives (users.agency, ADR 0023).
import { expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { getIndicators } from "~/models/indicators.server.ts";
import { makeUser } from "./factories.ts";

test("participation by agency counts distinct people per agency, without those who have none", async () => {
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
    await prisma.user.update({ where: { id: user.id }, data: { agency } });
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
