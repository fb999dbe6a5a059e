// Demo content for `npm start` on an empty database: a few people of every role and ideas in both
// spaces, in French. Generated from the shared test factories.
import { declareAdoption, importAgencies } from "~/models/agency.server.ts";
import { setSpaceCommitments } from "~/models/commitments.server.ts";
import { agencyCsv, demoAgencies } from "./demo-agencies.ts";
import { prisma } from "~/lib/db.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { assignEvaluator, submitEvaluation } from "~/models/evaluation.server.ts";
import { publishOfficialAnswer } from "~/models/official-answer.server.ts";
import { recordPilotDecision, saveKpi, updatePilot, updateRollout } from "~/models/pilot.server.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { acceptSupplierTerms, publishSupplierTerms } from "~/models/supplier-terms.server.ts";
import { advanceIdea, getSpace, makeComment, makeIdea, makeUser, SPACES } from "../../tests/factories.ts";

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

/** Whether this database holds the demo accounts (a demo run, not a real deployment). */
export async function hasDemoAccounts(): Promise<boolean> {
  return (await prisma.user.count({ where: { email: DEMO_ACCOUNTS[0].email } })) > 0;
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
  const [admin, manager, moderator, agent, supplier, publicUser] = people as [
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
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
    for (const person of [admin, manager, moderator, agent, supplier].slice(0, 4 - i))
      votes.push({ ideaId: idea.id, userId: person.id });
  }
  await prisma.vote.createMany({ data: votes, skipDuplicates: true });
  const first = await makeComment({
    author: agent,
    idea: publicIdeas[0]!,
    body: "Excellente idée : en agence, nous voyons beaucoup de personnes qui n'ont qu'un smartphone.",
  });
  await makeComment({
    author: publicUser,
    idea: publicIdeas[0]!,
    parentId: first.id,
    body: "Merci ! C'est exactement mon cas.",
  });
  await makeComment({
    author: moderator,
    idea: publicIdeas[2]!,
    body: "Les données de transport sont ouvertes, cela semble faisable.",
  });
  await makeComment({
    author: manager,
    idea: internalIdeas[0]!,
    body: "Deux agences pilotes seraient volontaires en Bretagne.",
  });
  await seedPipeline({ admin, manager, agent, moderator, publicIdeas, internalIdeas });
  await seedModeration({ publicUser, agent, supplier, idea: publicIdeas[1]! });
  await seedChallenges({ manager, publicUser, agent });
  const { seedHackathons } = await import("./demo-hackathons.ts");
  await seedHackathons({ manager, moderator, publicUser, password: DEMO_PASSWORD });
  // Version 1 of the supplier terms (docs/decisions/0024), already accepted by the demo supplier.
  const { version } = await publishSupplierTerms({
    viewer: admin,
    bodyFr:
      "Les idées que vous proposez sur InnovAction restent confidentielles. Vous garantissez en détenir les droits ; l'agence peut les étudier et les expérimenter. Aucune information de l'agence ne peut être divulguée hors du cadre de la collaboration.",
    bodyEn:
      "The ideas you propose on InnovAction remain confidential. You warrant that you hold their rights; the agency may study and trial them. No agency information may be disclosed outside the collaboration.",
  });
  await acceptSupplierTerms({ viewer: supplier, version });
  await seedCommitmentsAndRollout({ admin, agent });
}

/**
 * Response-time commitments (30 days to a first answer, 60 in review) in both spaces, the reference list
 * of ~900 agencies imported as an admin would (the production record's free-text agencies become
 * adoptions), the idea in production adopted across Bretagne and Pays de la Loire, and the agent's
 * agency (Quimper, as the staff identity provider would say) declaring it too, awaiting confirmation.
 */
async function seedCommitmentsAndRollout(options: { admin: SessionUser; agent: SessionUser }) {
  const { admin, agent } = options;
  for (const slug of [SPACES.public, SPACES.internal])
    await setSpaceCommitments({ user: admin, slug, input: { answerWithinDays: 30, reviewWithinDays: 60 } });
  const outcome = await importAgencies({ user: admin, csv: agencyCsv(demoAgencies()) });
  if (!outcome.ok) throw new Error(`demo agencies: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
  const inProduction = await prisma.idea.findFirst({
    where: { stage: "PRODUCTION" },
    select: { id: true, rollout: { select: { releasedOn: true } } },
  });
  if (!inProduction) return;
  const west = await prisma.agency.findMany({
    where: { region: { in: ["Bretagne", "Pays de la Loire"] }, NOT: { name: "Quimper" } },
    select: { code: true },
  });
  await prisma.agencyAdoption.createMany({
    data: west.map((a) => ({
      ideaId: inProduction.id,
      agencyCode: a.code,
      adoptedOn: inProduction.rollout?.releasedOn ?? null,
      confirmedAt: new Date(),
      confirmedById: admin.id,
    })),
    skipDuplicates: true,
  });
  await prisma.user.update({ where: { id: agent.id }, data: { agency: "Quimper" }, select: { id: true } });
  await declareAdoption({ user: agent, ideaId: inProduction.id });
}

/** An open challenge in each space (with an idea), one closed one: what the space pages show. */
async function seedChallenges(options: { manager: SessionUser; publicUser: SessionUser; agent: SessionUser }) {
  const { createChallenge } = await import("~/models/challenge.server.ts");
  const { createIdea } = await import("~/models/idea.server.ts");
  const [publicSpace, internalSpace] = [await getSpace(SPACES.public), await getSpace(SPACES.internal)];
  const days = (n: number) => new Date(Date.now() + n * 86_400_000);
  const bigData = await createChallenge({
    user: options.manager,
    space: publicSpace,
    input: {
      title: "Défi Big Data : les données au service de l'emploi",
      cover: "Comment les données ouvertes peuvent-elles rapprocher offres et candidats ?",
      brief:
        "## Le contexte\n\nL'agence publie de nombreuses données ouvertes (offres, formations, tensions par métier).\n\n## Ce que nous cherchons\n\n- des services utiles aux personnes en recherche d'emploi ;\n- des idées réalisables en trois mois par une petite équipe.",
      tags: ["données", "big data"],
      opensAt: days(-10),
      closesAt: days(20),
    },
  });
  await createIdea({
    user: options.publicUser,
    space: publicSpace,
    input: {
      title: "Une carte des métiers qui recrutent près de chez moi",
      body: "Croiser les offres publiées et les données de tension par bassin d'emploi pour montrer, sur une carte, les métiers qui recrutent à moins de 30 minutes.",
      tags: ["données", "carte"],
      challengeId: bigData.id,
    },
  });
  await createChallenge({
    user: options.manager,
    space: publicSpace,
    input: {
      title: "Hackathon mobilité 2026",
      cover: "Se rendre à un entretien sans voiture : vos solutions.",
      brief: "Le hackathon est terminé : merci aux participants ! Les idées restent ouvertes aux votes.",
      tags: ["mobilité"],
      opensAt: days(-60),
      closesAt: days(-30),
    },
  });
  await createChallenge({
    user: options.manager,
    space: internalSpace,
    input: {
      title: "Simplifier l'accueil en agence",
      cover: "Agents : quelles démarches pourrions-nous supprimer ou simplifier ?",
      brief: "Partagez les irritants du quotidien et vos idées pour les lever.",
      tags: ["accueil"],
      opensAt: days(-2),
      closesAt: days(40),
    },
  });
}

/** One reported comment waiting in the moderation queue (below the automatic-hide threshold). */
async function seedModeration(options: {
  publicUser: SessionUser;
  agent: SessionUser;
  supplier: SessionUser;
  idea: { id: string };
}) {
  const { flagContent } = await import("~/models/moderation.server.ts");
  const spam = await makeComment({
    author: options.publicUser,
    idea: options.idea,
    body: "Pour trouver un emploi rapidement, achetez notre formation sur www.exemple-promo.test !",
  });
  await flagContent({
    user: options.agent,
    ideaId: options.idea.id,
    input: { commentId: spam.id, reason: "SPAM", note: "Lien publicitaire" },
  });
  await flagContent({
    user: options.supplier,
    ideaId: options.idea.id,
    input: { commentId: spam.id, reason: "OFF_TOPIC" },
  });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The pipeline at several stages, through the same model functions as the app: one idea in
 * production (pilot results, go, rollout, official answer), one in pilot with two KPIs, one under
 * review with evaluators, one selected, one not retained. Moves are then spread over the ideas' lives
 * so that "time in each stage" reads like a real history.
 */
async function seedPipeline(options: {
  admin: SessionUser;
  manager: SessionUser;
  agent: SessionUser;
  moderator: SessionUser;
  publicIdeas: { id: string }[];
  internalIdeas: { id: string }[];
}) {
  const { admin, manager, agent, moderator, publicIdeas, internalIdeas } = options;
  const [simulator, workshops, travelTime] = publicIdeas as [{ id: string }, { id: string }, { id: string }];
  const [appointments, , dashboard] = internalIdeas as [{ id: string }, { id: string }, { id: string }];

  // In production: the mobile simulator.
  await advanceIdea({ ideaId: simulator.id, manager, to: "PILOT" });
  await updatePilot({
    user: manager,
    ideaId: simulator.id,
    input: {
      hypothesis:
        "Un simulateur pensé pour le téléphone réduit les appels et les rendez-vous pris pour une simple estimation.",
      scope: ["Bretagne", "Pays de la Loire"],
      startsOn: day(-12),
      endsOn: day(-6),
      ownerEmail: agent.email,
      resultSummary: "Objectifs atteints dans les deux régions ; les usagers trouvent le résultat clair.",
    },
  });
  const calls = await saveKpi({
    user: manager,
    ideaId: simulator.id,
    input: { name: "Appels pour une estimation", unit: "%", baseline: "0", target: "-20" },
  });
  await saveKpi({
    user: manager,
    ideaId: simulator.id,
    input: {
      kpiId: calls.id,
      name: "Appels pour une estimation",
      unit: "%",
      baseline: "0",
      target: "-20",
      actual: "-27.5",
      measuredOn: day(-6),
    },
  });
  const satisfaction = await saveKpi({
    user: manager,
    ideaId: simulator.id,
    input: { name: "Satisfaction des usagers", unit: "/10", baseline: "6.2", target: "8" },
  });
  await saveKpi({
    user: manager,
    ideaId: simulator.id,
    input: {
      kpiId: satisfaction.id,
      name: "Satisfaction des usagers",
      unit: "/10",
      baseline: "6.2",
      target: "8",
      actual: "8.4",
      measuredOn: day(-6),
    },
  });
  await recordPilotDecision({
    user: manager,
    ideaId: simulator.id,
    input: { decision: "GO", reason: "Appels en baisse de 27 % et satisfaction au-dessus de la cible." },
  });
  await moveIdeaToStage({
    user: manager,
    ideaId: simulator.id,
    from: "PILOT",
    to: "PRODUCTION",
    note: "Ouvert à toutes les régions.",
  });
  await updateRollout({
    user: manager,
    ideaId: simulator.id,
    input: {
      releasedOn: day(-4),
      link: "https://www.emploi-store.example/simulateur",
      agencies: ["Rennes", "Brest", "Nantes", "Angers"],
    },
  });
  await publishOfficialAnswer({
    user: manager,
    ideaId: simulator.id,
    input: {
      body: "Merci pour cette idée ! Après une expérimentation réussie en Bretagne et Pays de la Loire, le simulateur est **disponible partout**.",
    },
  });

  // In pilot: online appointments, two KPIs, one already measured.
  await advanceIdea({ ideaId: appointments.id, manager, to: "PILOT" });
  await updatePilot({
    user: manager,
    ideaId: appointments.id,
    input: {
      hypothesis:
        "Des créneaux réservables en ligne, y compris le jour même, réduisent l'attente à l'accueil sur flux.",
      scope: ["Agence de Rennes", "Agence de Vannes"],
      startsOn: day(-12),
      endsOn: day(48),
      ownerEmail: agent.email,
    },
  });
  const wait = await saveKpi({
    user: manager,
    ideaId: appointments.id,
    input: { name: "Attente moyenne à l'accueil", unit: "min", baseline: "42.5", target: "15" },
  });
  await saveKpi({
    user: manager,
    ideaId: appointments.id,
    input: {
      kpiId: wait.id,
      name: "Attente moyenne à l'accueil",
      unit: "min",
      baseline: "42.5",
      target: "15",
      actual: "24",
      measuredOn: day(-1),
    },
  });
  await saveKpi({
    user: manager,
    ideaId: appointments.id,
    input: { name: "Rendez-vous honorés", unit: "%", baseline: "71", target: "85" },
  });

  // Under review, with two evaluators (one has scored): the workshops.
  await moveIdeaToStage({
    user: manager,
    ideaId: workshops.id,
    from: "PROPOSED",
    to: "UNDER_REVIEW",
    note: "Étude avec le service entreprises.",
  });
  await assignEvaluator({ user: manager, ideaId: workshops.id, email: moderator.email });
  await assignEvaluator({ user: manager, ideaId: workshops.id, email: admin.email });
  await submitEvaluation({
    user: moderator,
    ideaId: workshops.id,
    input: {
      impact: 4,
      feasibility: 5,
      cost: 4,
      alignment: 4,
      comment: "Facile à lancer avec les clubs d'entreprises.",
    },
  });

  // Selected, and not retained.
  await advanceIdea({ ideaId: travelTime.id, manager, to: "SELECTED" });
  await moveIdeaToStage({ user: manager, ideaId: dashboard.id, from: "PROPOSED", to: "UNDER_REVIEW" });
  await moveIdeaToStage({
    user: manager,
    ideaId: dashboard.id,
    from: "UNDER_REVIEW",
    to: "REJECTED",
    note: "Un tableau de bord national équivalent sort au prochain trimestre.",
  });

  // Spread each idea's moves between its creation and yesterday.
  await prisma.$executeRaw`
    with spread as (
      select t.id, i.id as idea_id,
             i.created_at + (greatest(now() - interval '1 day' - i.created_at, interval '0')
               * (row_number() over (partition by t.idea_id order by t.id))::float8
               / ((count(*) over (partition by t.idea_id))::float8 + 0.5)) as at
        from stage_transitions t join ideas i on i.id = t.idea_id
    )
    update stage_transitions t set created_at = spread.at from spread where spread.id = t.id`;
  await prisma.$executeRaw`
    update ideas i set stage_changed_at = coalesce((select max(created_at) from stage_transitions t where t.idea_id = i.id), i.created_at)`;
}
