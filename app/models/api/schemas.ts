// The read API's zod schemas (docs/decisions/0026-read-api.md): the query parameters each endpoint
// accepts and the responses it gives. They do two jobs: app/lib/api.server.ts parses every response
// through its schema (unknown keys are stripped, so a model that returns more than the API should
// expose never leaks it), and app/models/api/openapi.ts generates the published contract from them.
import { z } from "zod";
import { IDEA_SORTS } from "../idea.ts";
import { STAGES } from "../pipeline.ts";

const isoTime = () => z.iso.datetime({ offset: false });
const day = () => z.iso.date();
const stage = () => z.enum(STAGES);

// --- query parameters -----------------------------------------------------------------------------
// Strict objects: a parameter the endpoint does not know is a 400 naming it (a typo is not ignored).

const slug = () => z.string().regex(/^[a-z0-9-]{1,80}$/);
const id = () => z.string().regex(/^[a-z2-7]{1,64}$/);
const optional = <T extends z.ZodType>(schema: T) => schema.optional();

export const API_SORTS = [...IDEA_SORTS, "relevance"] as const;

export const IdeaListQuery = z.strictObject({
  space: optional(slug()).meta({ description: "A space's slug. Required unless `q` is given." }),
  stage: optional(stage()).meta({ description: "Only ideas at this stage." }),
  tag: optional(z.string().min(1).max(30)).meta({ description: "Only ideas carrying this tag (lower case)." }),
  challenge: optional(id()).meta({ description: "Only the ideas proposed into this challenge (its id)." }),
  q: optional(z.string().min(1).max(200)).meta({
    description: 'Full-text search (words, "a phrase", -excluded), across the visible spaces unless `space` is given.',
  }),
  sort: optional(z.enum(API_SORTS)).meta({
    description:
      "hot (default), top, newest, discussed — as on the space page; relevance (the default and only sort of a search).",
  }),
  cursor: optional(z.string().min(1).max(400)).meta({ description: "Where to continue: take it from `next`." }),
});
export const ChallengeListQuery = z.strictObject({
  space: optional(slug()).meta({ description: "Only this space's challenges." }),
});
export const NoQuery = z.strictObject({});

// --- responses ------------------------------------------------------------------------------------

const Person = z.object({ displayName: z.string() }).meta({ description: "A display name, as the pages show it." });

export const Space = z.object({
  slug: z.string(),
  audience: z.enum(["PUBLIC", "INTERNAL"]),
  nameFr: z.string(),
  nameEn: z.string(),
  descriptionFr: z.string(),
  descriptionEn: z.string(),
});
export const SpaceList = z.object({ items: z.array(Space) });

export const IdeaSummary = z.object({
  id: z.string(),
  space: z.string().meta({ description: "The space's slug." }),
  title: z.string(),
  excerpt: z.string(),
  tags: z.array(z.string()),
  stage: stage(),
  createdAt: isoTime(),
  author: Person,
  supports: z.number().int().min(0),
  comments: z.number().int().min(0),
});
export const IdeaList = z.object({
  items: z.array(IdeaSummary),
  next: z.string().nullable().meta({ description: "The next page's address, or null on the last page." }),
});

/** The language user text is written in ("fr" | "en"): its writer's interface language (docs/decisions/0037). */
const language = (what: string) => z.string().meta({ description: `The language ${what} written in ("fr", "en").` });

const Kpi = z.object({
  name: z.string(),
  unit: z.string(),
  language: language("its name and unit are"),
  baseline: z.string().meta({ description: "A decimal number, as text." }),
  target: z.string(),
  actual: z.string().nullable(),
  measuredOn: day().nullable(),
});
const Pilot = z.object({
  hypothesis: z.string(),
  language: language("the hypothesis, scope and result summary are"),
  scope: z.array(z.string()).meta({ description: "Agencies or regions taking part." }),
  startsOn: day().nullable(),
  endsOn: day().nullable(),
  resultSummary: z.string(),
  decision: z.enum(["GO", "NO_GO"]).nullable(),
  decisionReason: z.string().nullable(),
  decisionLanguage: language("the decision's reason is"),
  decidedAt: isoTime().nullable(),
  kpis: z.array(Kpi),
});
const Production = z.object({
  releasedOn: day(),
  link: z.string().nullable(),
  agencies: z.array(z.string()),
  language: language("the agencies' names are"),
});

export const IdeaDetail = z.object({
  id: z.string(),
  space: z.object({ slug: z.string(), nameFr: z.string(), nameEn: z.string() }),
  title: z.string(),
  body: z.string().meta({ description: "The markdown source." }),
  bodyHtml: z.string().meta({ description: "The same sanitized HTML as the idea's page." }),
  tags: z.array(z.string()),
  stage: stage(),
  createdAt: isoTime(),
  updatedAt: isoTime(),
  author: Person,
  challenge: z.object({ id: z.string(), title: z.string() }).nullable(),
  supports: z.number().int().min(0),
  comments: z.number().int().min(0),
  hidden: z.boolean().meta({ description: "Hidden by moderation: only its author and moderators get it." }),
  stageHistory: z.array(
    z.object({
      from: stage(),
      to: stage(),
      note: z.string().nullable(),
      language: language("the note is"),
      at: isoTime(),
    }),
  ),
  pilot: Pilot.nullable(),
  production: Production.nullable(),
});

const commentFields = {
  id: z.string(),
  author: Person.nullable().meta({ description: "Null when the comment was deleted or hidden." }),
  bodyHtml: z.string().nullable(),
  createdAt: isoTime(),
  editedAt: isoTime().nullable(),
  deleted: z.boolean(),
  masked: z.boolean().meta({ description: "Hidden by moderation: its place in the thread is kept, not its text." }),
};
const Reply = z.object(commentFields);
export const CommentList = z.object({ items: z.array(z.object({ ...commentFields, replies: z.array(Reply) })) });

export const Challenge = z.object({
  id: z.string(),
  space: z.string(),
  title: z.string(),
  cover: z.string(),
  tags: z.array(z.string()),
  opensAt: isoTime(),
  closesAt: isoTime(),
  status: z.enum(["upcoming", "open", "closed"]),
  participationClosed: z.boolean(),
  ideas: z.number().int().min(0),
});
export const ChallengeList = z.object({ items: z.array(Challenge) });

// Hackathons (docs/decisions/0035-hackathons.md): the jury's averages only once results are published.
export const HackathonDetail = z.object({
  id: z.string(),
  space: z.string(),
  title: z.string(),
  cover: z.string(),
  objectiveHtml: z.string().meta({ description: "The objective, sanitized HTML as on the page." }),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  schedule: z.object({
    registrationOpensAt: isoTime(),
    registrationClosesAt: isoTime(),
    startsAt: isoTime(),
    endsAt: isoTime(),
    submissionDeadline: isoTime(),
    resultsAt: isoTime(),
  }),
  phase: z.enum(["announced", "registration", "ready", "event", "judging", "results"]),
  capacity: z.number().int().min(1),
  teamSizeMax: z.number().int().min(1),
  mixedTeams: z.boolean(),
  criteria: z.array(z.string()),
  counts: z.object({
    registered: z.number().int().min(0),
    waiting: z.number().int().min(0),
    teams: z.number().int().min(0),
    projects: z.number().int().min(0),
  }),
  projects: z.array(
    z.object({
      ideaId: z.string(),
      title: z.string(),
      team: z.string(),
      award: z.enum(["WINNER", "MENTION"]).nullable(),
      averageScore: z.number().nullable().meta({ description: "Null until the results are published." }),
    }),
  ),
  resultsHtml: z.string().nullable(),
});

export const ProductionList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      space: z.object({ slug: z.string(), nameFr: z.string(), nameEn: z.string() }),
      title: z.string(),
      excerpt: z.string(),
      tags: z.array(z.string()),
      inProductionSince: isoTime(),
      production: Production.nullable(),
      pilot: Pilot.nullable(),
    }),
  ),
});

export const SpaceFigures = z.object({
  space: z.string(),
  ideas: z.number().int().min(0).meta({ description: "Listed ideas (neither hidden nor merged)." }),
  byStage: z.record(stage(), z.number().int().min(0)),
  supports: z.number().int().min(0),
  comments: z.number().int().min(0),
  challenges: z.number().int().min(0),
});

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    "invalid-params": z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ description: "RFC 9457 problem details (application/problem+json)." });
