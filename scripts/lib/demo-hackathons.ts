// Demo hackathons (docs/decisions/0035-hackathons.md): a past one with its teams, projects, jury scores
// and published results (the winner moved to "selected"), and an upcoming one open for registration.
// Everything goes through the app's models; the past one is run while "open", then its dates are moved
// into the past before the results are published, as time would have done.
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { addJuror, publishResults, scoreProject } from "~/models/hackathon-jury.server.ts";
import { answerJoinRequest, askToJoinTeam, createTeam, submitProject } from "~/models/hackathon-teams.server.ts";
import { createHackathon, registerForHackathon } from "~/models/hackathon.server.ts";
import { getSpace, makeUser, SPACES } from "../../tests/factories.ts";

const DAY = 86_400_000;
const RESOURCES =
  "- [Les données ouvertes de l'agence](/donnees-ouvertes) : offres, formations, agences\n- [L'API de lecture](/api)\n- Mentors : l'équipe data de la direction régionale, présente les deux jours";

export async function seedHackathons(options: {
  manager: SessionUser;
  moderator: SessionUser;
  publicUser: SessionUser;
  password: string;
}) {
  const { manager, moderator, publicUser, password } = options;
  const space = await getSpace(SPACES.public);
  const participant = (n: number, displayName: string) =>
    makeUser({ email: `participant${n}@idees.demo`, displayName, password });
  const ines = await participant(1, "Inès Développeuse");
  const karim = await participant(2, "Karim Data");
  const lea = await participant(3, "Léa Designer");

  const now = Date.now();
  const past = await createHackathon({
    user: manager,
    space,
    input: {
      title: "Hackathon mobilité et emploi",
      cover: "48 heures pour que la distance ne soit plus un frein à l'emploi.",
      objective:
        "Construire, à partir des **données ouvertes** de l'agence, des services qui aident les demandeurs d'emploi à se rendre à un entretien ou à une formation.",
      resources: RESOURCES,
      place: "Campus de l'agence, Paris",
      onlineUrl: undefined,
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + DAY),
      startsAt: new Date(now - DAY / 2),
      endsAt: new Date(now + 2 * DAY),
      submissionDeadline: new Date(now + 2 * DAY),
      resultsAt: new Date(now + 3 * DAY),
      capacity: 40,
      teamSizeMax: 4,
      mixedTeams: true,
      criteria: ["Impact pour les demandeurs d'emploi", "Faisabilité", "Usage des données ouvertes"],
    },
  });
  for (const person of [publicUser, ines, karim, lea])
    await registerForHackathon({ user: person, hackathonId: past.id });
  const rapides = await createTeam({ user: ines, hackathonId: past.id, name: "Les Trajets Malins" });
  await askToJoinTeam({ user: publicUser, teamId: rapides.id });
  await answerJoinRequest({ user: ines, teamId: rapides.id, userId: publicUser.id, accept: true });
  const covoit = await createTeam({ user: karim, hackathonId: past.id, name: "Covoit'Emploi" });
  await askToJoinTeam({ user: lea, teamId: covoit.id });
  await answerJoinRequest({ user: karim, teamId: covoit.id, userId: lea.id, accept: true });
  const winner = await submitProject({
    user: ines,
    teamId: rapides.id,
    input: {
      title: "Trajets malins : l'itinéraire vers chaque offre",
      body: "Pour chaque offre, le temps de trajet en transports depuis chez soi, et les aides à la mobilité auxquelles on a droit.",
      repoUrl: "https://git.example.org/trajets-malins",
    },
  });
  const mention = await submitProject({
    user: karim,
    teamId: covoit.id,
    input: {
      title: "Covoit'Emploi : partager la route vers l'entretien",
      body: "Mettre en relation les demandeurs d'emploi convoqués au même endroit, le même jour, pour partager un trajet.",
      repoUrl: "https://git.example.org/covoit-emploi",
    },
  });
  await addJuror({ user: manager, hackathonId: past.id, email: moderator.email });
  await scoreProject({ user: moderator, hackathonId: past.id, ideaId: winner.ideaId, scores: [5, 4, 5] });
  await scoreProject({ user: moderator, hackathonId: past.id, ideaId: mention.ideaId, scores: [4, 4, 3] });
  // Time passes: the event took place a month ago.
  await prisma.$executeRaw`
    update hackathons set registration_opens_at = now() - interval '50 days', registration_closes_at = now() - interval '35 days',
           starts_at = now() - interval '33 days', ends_at = now() - interval '31 days',
           submission_deadline = now() - interval '31 days', results_at = now() - interval '25 days'
     where challenge_id = ${past.id}`;
  await prisma.$executeRaw`
    update challenges set opens_at = now() - interval '50 days', closes_at = now() - interval '31 days' where id = ${past.id}`;
  await publishResults({
    user: manager,
    hackathonId: past.id,
    input: {
      text: "Merci aux équipes ! **Trajets malins** part en développement : il rejoint le pipeline à l'étape « retenue ». Mention pour **Covoit'Emploi**, dont l'idée de convocations groupées sera étudiée.",
      winners: [winner.ideaId],
      mentions: [mention.ideaId],
    },
  });

  const upcoming = await createHackathon({
    user: manager,
    space,
    input: {
      title: "Hackathon données de l'emploi 2027",
      cover: "Imaginer les services de demain avec les données ouvertes de l'agence.",
      objective:
        "Des équipes d'agents, de prestataires et de citoyens construisent en deux jours des prototypes à partir des jeux de **données ouvertes** et de l'**API** de l'agence. Le jury retient les projets qui partiront en développement.",
      resources: RESOURCES,
      place: "Lyon, Tubà",
      onlineUrl: "https://visio.example.org/hackathon-donnees",
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + 20 * DAY),
      startsAt: new Date(now + 21 * DAY),
      endsAt: new Date(now + 23 * DAY),
      submissionDeadline: new Date(now + 23 * DAY),
      resultsAt: new Date(now + 30 * DAY),
      capacity: 60,
      teamSizeMax: 5,
      mixedTeams: true,
      criteria: ["Impact", "Faisabilité", "Usage des données ouvertes", "Qualité de la démonstration"],
    },
  });
  await registerForHackathon({ user: ines, hackathonId: upcoming.id });
  await registerForHackathon({ user: karim, hackathonId: upcoming.id });
}
