// Demo content for `npm start` on an empty database: a few people of every role and ideas in both
// spaces, in French. Generated from the shared test factories.
import { prisma } from "~/lib/db.server.ts";
import { makeComment, makeIdea, makeUser, SPACES } from "../../tests/factories.ts";

export const DEMO_PASSWORD = "idees-demo-2026";

export const DEMO_ACCOUNTS = [
  { email: "admin@idees.demo", displayName: "Alice Admin", role: "ADMIN" },
  { email: "manager@idees.demo", displayName: "Mathieu Responsable", role: "MANAGER" },
  { email: "moderateur@idees.demo", displayName: "Mona Modératrice", role: "MODERATOR" },
  { email: "agent@idees.demo", displayName: "Élodie Agent", role: "EMPLOYEE" },
  { email: "prestataire@idees.demo", displayName: "Paul Prestataire", role: "SUPPLIER", innovaction: true },
  { email: "public@idees.demo", displayName: "Jules Public", role: "PUBLIC" },
] as const;

const PUBLIC_IDEAS = [
  {
    title: "Un simulateur de droits accessible depuis le téléphone",
    body: "Beaucoup de demandeurs d'emploi n'ont **qu'un téléphone**. Proposer un simulateur d'allocation pensé pour le mobile :\n\n- saisie en trois écrans,\n- résultat expliqué simplement,\n- lien direct vers un conseiller.",
    tags: ["numérique", "indemnisation"],
  },
  {
    title: "Des ateliers CV animés par des recruteurs bénévoles",
    body: "Mettre en relation des recruteurs volontaires et des personnes en recherche d'emploi pour des ateliers d'une heure, en agence ou en visio.",
    tags: ["accompagnement", "cv"],
  },
  {
    title: "Afficher le temps de trajet dans les offres d'emploi",
    body: "Quand on cherche un emploi, la distance compte. Afficher le temps de trajet en transports en commun depuis son domicile dans chaque offre.",
    tags: ["mobilité", "offres"],
  },
  {
    title: "Une carte des formations financées près de chez moi",
    body: "Une carte interactive des formations éligibles, filtrable par métier et par date de démarrage.",
    tags: ["formation"],
  },
];

const INTERNAL_IDEAS = [
  {
    title: "Prise de rendez-vous en ligne pour l'accueil sur flux",
    body: "Réduire l'attente à l'accueil en proposant des créneaux réservables en ligne, y compris le jour même.",
    tags: ["accueil", "agence"],
  },
  {
    title: "Partager les bonnes pratiques entre agences voisines",
    body: "Un espace commun par bassin d'emploi pour partager ce qui marche : ateliers, partenariats, outils.",
    tags: ["collaboration"],
  },
  {
    title: "Un tableau de bord des entreprises qui recrutent dans le bassin",
    body: "Croiser les offres déposées et les déclarations d'embauche pour montrer aux conseillers les entreprises qui recrutent **maintenant**.",
    tags: ["données", "entreprises"],
  },
];

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

export async function seedDemo(): Promise<void> {
  const people = [];
  for (const account of DEMO_ACCOUNTS) {
    people.push(
      await makeUser({
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        password: DEMO_PASSWORD,
        grantedSpaces: "innovaction" in account && account.innovaction ? [SPACES.internal] : [],
      }),
    );
  }
  type Person = (typeof people)[number];
  const [admin, manager, moderator, agent, supplier, publicUser] = people as [Person, Person, Person, Person, Person, Person];
  const hour = 3600_000;
  let t = Date.now() - 40 * 24 * hour;
  const publicIdeas = [];
  for (const [i, idea] of PUBLIC_IDEAS.entries()) {
    t += 5 * 24 * hour;
    const author = [publicUser, agent, publicUser, supplier][i]!;
    publicIdeas.push(await makeIdea({ ...idea, author, space: SPACES.public, createdAt: new Date(t) }));
  }
  const internalIdeas = [];
  for (const [i, idea] of INTERNAL_IDEAS.entries()) {
    t += 3 * 24 * hour;
    const author = [agent, manager, supplier][i]!;
    internalIdeas.push(await makeIdea({ ...idea, author, space: SPACES.internal, createdAt: new Date(t) }));
  }
  // Supports: the first ideas are the most supported.
  const supporters = [admin, manager, moderator, agent, supplier, publicUser];
  const votes = [];
  for (const [i, idea] of publicIdeas.entries()) {
    for (const person of supporters.slice(0, supporters.length - i)) votes.push({ ideaId: idea.id, userId: person.id });
  }
  for (const [i, idea] of internalIdeas.entries()) {
    for (const person of [admin, manager, moderator, agent, supplier].slice(0, 4 - i)) votes.push({ ideaId: idea.id, userId: person.id });
  }
  await prisma.vote.createMany({ data: votes, skipDuplicates: true });
  const first = await makeComment({
    author: agent,
    idea: publicIdeas[0]!,
    body: "Excellente idée : en agence, nous voyons beaucoup de personnes qui n'ont qu'un smartphone.",
  });
  await makeComment({ author: publicUser, idea: publicIdeas[0]!, parentId: first.id, body: "Merci ! C'est exactement mon cas." });
  await makeComment({ author: moderator, idea: publicIdeas[2]!, body: "Les données de transport sont ouvertes, cela semble faisable." });
  await makeComment({ author: manager, idea: internalIdeas[0]!, body: "Deux agences pilotes seraient volontaires en Bretagne." });
}
