// Factories that return ready objects, shared by the tests and the demo seed.
// They go through the same model functions as the app wherever one exists.
import { hashPassword } from "~/auth/password.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { IdeaStage, Role } from "~/generated/prisma/enums.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { summarize } from "~/models/idea.server.ts";

export const SPACES = { internal: "innovaction", public: "emploi-store-idees" } as const;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// Hashing is deliberately slow; tests and seeds share one hash for the common password.
const hashes = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
};

export const DEFAULT_PASSWORD = "mot-de-passe-solide";

export async function makeUser(
  overrides: Partial<{
    email: string;
    displayName: string;
    role: Role;
    password: string;
    grantedSpaces: string[];
  }> = {},
): Promise<SessionUser & { password: string }> {
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const id = newId();
  const email = overrides.email ?? `user-${unique()}@example.test`;
  const user = await prisma.user.create({
    data: {
      id,
      email,
      displayName: overrides.displayName ?? `Personne ${unique().slice(-5)}`,
      passwordHash: await cachedHash(password),
      role: overrides.role ?? "PUBLIC",
    },
    select: { id: true, email: true, displayName: true, role: true },
  });
  const grantedSpaceIds: string[] = [];
  for (const slug of overrides.grantedSpaces ?? []) {
    const space = await getSpace(slug);
    await prisma.spaceAccess.create({ data: { userId: id, spaceId: space.id } });
    grantedSpaceIds.push(space.id);
  }
  return { ...user, grantedSpaceIds, password };
}

export async function getSpace(slug: string) {
  return prisma.space.findUniqueOrThrow({
    where: { slug },
    select: {
      id: true,
      slug: true,
      audience: true,
      nameFr: true,
      nameEn: true,
      descriptionFr: true,
      descriptionEn: true,
    },
  });
}

/** A challenge in the space, open from yesterday to tomorrow unless its dates are given; returns its id. */
export async function makeChallenge(options: {
  spaceId: string;
  title?: string;
  brief?: string;
  cover?: string;
  opensAt?: Date;
  closesAt?: Date;
}): Promise<string> {
  const { id } = await prisma.challenge.create({
    data: {
      id: newId(),
      spaceId: options.spaceId,
      title: options.title ?? "Un défi",
      cover: options.cover ?? "/couverture.jpg",
      brief: options.brief ?? "Le brief.",
      opensAt: options.opensAt ?? new Date(Date.now() - 86_400_000),
      closesAt: options.closesAt ?? new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  return id;
}

export async function makeIdea(options: {
  author: { id: string };
  space?: string;
  title?: string;
  body?: string;
  tags?: string[];
  createdAt?: Date;
  /** Written as it is, without the moves that lead there (the roll-up triggers count it from here). */
  stage?: IdeaStage;
  challengeId?: string | null;
}) {
  const space = await getSpace(options.space ?? SPACES.public);
  const body = options.body ?? "Un constat, une proposition, et ce qu'elle changerait pour les demandeurs d'emploi.";
  return prisma.idea.create({
    data: {
      id: newId(),
      spaceId: space.id,
      authorId: options.author.id,
      title: options.title ?? `Une idée pour l'emploi ${unique()}`,
      body,
      summary: summarize(body),
      tags: options.tags ?? [],
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      ...(options.stage ? { stage: options.stage } : {}),
      challengeId: options.challengeId ?? null,
    },
    select: { id: true, title: true, spaceId: true, authorId: true, stage: true },
  });
}

export async function makeComment(options: {
  author: { id: string };
  idea: { id: string };
  body?: string;
  parentId?: string;
}) {
  return prisma.comment.create({
    data: {
      id: newId(),
      ideaId: options.idea.id,
      authorId: options.author.id,
      parentId: options.parentId ?? null,
      body: options.body ?? "Très bonne idée, je la soutiens.",
    },
    select: { id: true, ideaId: true, authorId: true, parentId: true },
  });
}

/**
 * Walks an idea along the pipeline's main line up to `to`, as `manager` would through the app (moves,
 * and a "go" before PRODUCTION). Returns the stage reached.
 */
export async function advanceIdea(options: { ideaId: string; manager: SessionUser; to: IdeaStage; note?: string }) {
  const { moveIdeaToStage } = await import("~/models/pipeline.server.ts");
  const { recordPilotDecision } = await import("~/models/pilot.server.ts");
  const { ideaId, manager, to } = options;
  const line: IdeaStage[] = ["PROPOSED", "UNDER_REVIEW", "SELECTED", "PILOT", "PRODUCTION"];
  const current = await prisma.idea.findUniqueOrThrow({ where: { id: ideaId }, select: { stage: true } });
  let stage = current.stage;
  if (!line.includes(to) || !line.includes(stage))
    throw new Error(`advanceIdea: ${stage} → ${to} is not on the main line`);
  while (line.indexOf(stage) < line.indexOf(to)) {
    const next = line[line.indexOf(stage) + 1]!;
    if (next === "PRODUCTION") {
      await recordPilotDecision({
        user: manager,
        ideaId,
        input: { decision: "GO", reason: options.note ?? "Objectifs atteints" },
      });
    }
    await moveIdeaToStage({ user: manager, ideaId, from: stage, to: next, note: options.note ?? null });
    stage = next;
  }
  return stage;
}

/**
 * The people, spaces and challenge that the pipeline roll-up tests (stage visits, pilot facts) build their
 * ideas in: a manager who reads the indicators, a moderator, one author, both spaces, one challenge open
 * from December 2025 to the end of 2026.
 */
export async function makePipelineWorld() {
  const publicSpace = await getSpace(SPACES.public);
  return {
    manager: await makeUser({ role: "MANAGER" }),
    moderator: await makeUser({ role: "MODERATOR" }),
    author: await makeUser({ role: "EMPLOYEE" }),
    publicSpace,
    internalSpace: await getSpace(SPACES.internal),
    challengeId: await makeChallenge({
      spaceId: publicSpace.id,
      title: "Défi des agences",
      cover: "",
      brief: "Un défi.",
      opensAt: new Date("2025-12-01T00:00:00Z"),
      closesAt: new Date("2026-12-31T00:00:00Z"),
    }),
  };
}
