// The read API's endpoints and its OpenAPI 3.1 document, GENERATED from the zod schemas that shape the
// responses (z.toJSONSchema, JSON Schema draft 2020-12 — OpenAPI 3.1's own dialect). Routes take their
// endpoint from ENDPOINTS, so the document cannot describe a parameter or a field the route does not
// use. docs/decisions/0026-read-api.md
import { z } from "zod";
import {
  ChallengeList,
  ChallengeListQuery,
  CommentList,
  HackathonDetail,
  IdeaDetail,
  IdeaList,
  IdeaListQuery,
  NoQuery,
  Problem,
  ProductionList,
  SpaceFigures,
  SpaceList,
} from "./schemas.ts";

export const API_BASE = "/api/v1";

export type Endpoint = {
  path: string;
  operationId: string;
  summary: string;
  /** Path parameters, in `{name}` form in `path`. */
  pathParams: Record<string, string>;
  query: z.ZodObject;
  response: z.ZodType;
  /** Answers 404 when the thing does not exist or the caller may not see it. */
  notFound: boolean;
  /** Answers 308 to where a merged idea lives on. */
  redirects?: boolean;
};

const endpoint = (e: Omit<Endpoint, "pathParams" | "notFound"> & Partial<Endpoint>): Endpoint => ({
  pathParams: {},
  notFound: false,
  ...e,
});

export const ENDPOINTS = {
  spaces: endpoint({
    path: "/spaces",
    operationId: "listSpaces",
    summary: "The spaces the caller may see.",
    query: NoQuery,
    response: SpaceList,
  }),
  figures: endpoint({
    path: "/spaces/{slug}/figures",
    operationId: "getSpaceFigures",
    summary: "A space's aggregate figures: listed ideas per stage, their supports and comments, its challenges.",
    pathParams: { slug: "The space's slug." },
    query: NoQuery,
    response: SpaceFigures,
    notFound: true,
  }),
  ideas: endpoint({
    path: "/ideas",
    operationId: "listIdeas",
    summary: "Ideas, filtered and sorted as on the pages, 20 per page.",
    query: IdeaListQuery,
    response: IdeaList,
    notFound: true,
  }),
  idea: endpoint({
    path: "/ideas/{id}",
    operationId: "getIdea",
    summary: "One idea: markdown source and sanitized HTML, counts, stage history, pilot summary, production record.",
    pathParams: { id: "The idea's id." },
    query: NoQuery,
    response: IdeaDetail,
    notFound: true,
    redirects: true,
  }),
  comments: endpoint({
    path: "/ideas/{id}/comments",
    operationId: "listComments",
    summary: "An idea's comments the caller may read, oldest first, with their replies.",
    pathParams: { id: "The idea's id." },
    query: NoQuery,
    response: CommentList,
    notFound: true,
  }),
  challenges: endpoint({
    path: "/challenges",
    operationId: "listChallenges",
    summary: "Challenges of the visible spaces: open, upcoming, then the most recent past ones.",
    query: ChallengeListQuery,
    response: ChallengeList,
    notFound: true,
  }),
  hackathon: endpoint({
    path: "/hackathons/{hackathonId}",
    operationId: "getHackathon",
    summary: "A hackathon: schedule, current phase, counts, projects; the jury's averages once results are published.",
    pathParams: { hackathonId: "The hackathon's id (its challenge's)." },
    query: NoQuery,
    response: HackathonDetail,
    notFound: true,
  }),
  production: endpoint({
    path: "/production",
    operationId: "listProduction",
    summary: "Ideas in production, latest first, with their rollout and pilot results.",
    query: NoQuery,
    response: ProductionList,
  }),
} satisfies Record<string, Endpoint>;

const toSchema = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io }) as Record<
    string,
    unknown
  >;
  return rest;
};

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const RATE_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed in the window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
};

function operation(e: Endpoint) {
  const query = toSchema(e.query, "input") as { properties?: Record<string, Record<string, unknown>> };
  const parameters = [
    ...Object.entries(e.pathParams).map(([name, description]) => ({
      name,
      in: "path",
      required: true,
      description,
      schema: { type: "string" },
    })),
    ...Object.entries(query.properties ?? {}).map(([name, { description, ...schema }]) => ({
      name,
      in: "query",
      required: false,
      ...(description ? { description } : {}),
      schema,
    })),
    {
      name: "If-None-Match",
      in: "header",
      required: false,
      description: "An ETag from an earlier response: 304 when unchanged.",
      schema: { type: "string" },
    },
  ];
  return {
    operationId: e.operationId,
    summary: e.summary,
    parameters,
    responses: {
      "200": {
        description: "OK",
        headers: { ETag: { schema: { type: "string" } }, ...RATE_HEADERS },
        content: { "application/json": { schema: toSchema(e.response, "output") } },
      },
      "304": { description: "Not modified (the If-None-Match ETag still matches)." },
      ...(e.redirects ? { "308": { description: "The idea was merged: Location is the idea it lives on in." } } : {}),
      "400": problem("A query parameter is invalid; `invalid-params` names it."),
      "401": problem("The token is unknown, revoked or expired."),
      ...(e.notFound ? { "404": problem("Not found, or not visible to the caller.") } : {}),
      "429": problem("Too many requests: wait Retry-After seconds."),
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the read API. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Idées — read API",
      version: "1.0.0",
      description:
        "What the caller may see on the pages, as JSON. Anonymous callers see the public space; a personal token (created on /compte) acts with its owner's visibility. Errors are RFC 9457 problem details.",
      license: {
        name: "Licence Ouverte 2.0 (Etalab)",
        url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
      },
    },
    servers: [{ url: API_BASE }],
    security: [{}, { token: [] }],
    paths: Object.fromEntries(Object.values(ENDPOINTS).map((e) => [e.path, { get: operation(e) }])),
    components: {
      schemas: { Problem: toSchema(Problem, "output") },
      securitySchemes: {
        token: { type: "http", scheme: "bearer", description: "A personal API token: idees_<id>.<secret>." },
      },
    },
  };
  return cached;
}
