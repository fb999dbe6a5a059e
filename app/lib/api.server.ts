// The edge between the domain and the read API (docs/decisions/0026-read-api.md) — the API counterpart
// of withDomainErrors (./http.server.ts). Every /api/v1 route is `apiLoader(endpoint, run)`:
//   caller   — no Authorization header: anonymous; "Bearer <token>": the token's owner (a personal API
//              token, app/models/api-token.server.ts); anything else, or a token unknown, revoked or
//              expired: 401. Session cookies are ignored: the API has no ambient authority, which is
//              what lets CORS stay open;
//   limits   — per token, or per address for anonymous callers (app/models/rate-limit.server.ts), with
//              RateLimit-Limit/-Remaining/-Reset on every answer, 429 beyond;
//   query    — parsed with the endpoint's zod schema: a bad, unknown or repeated parameter is a 400
//              naming it, never a 500;
//   answer   — the model's result parsed through the endpoint's response schema (unknown keys stripped),
//              with a strong ETag: If-None-Match → 304;
//   errors   — domain errors mapped ONCE to RFC 9457 problem details, in the caller's language.
import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { toViewer } from "~/auth/session.server.ts";
import type { Viewer } from "~/auth/policy.ts";
import { authenticateApiToken } from "~/models/api-token.server.ts";
import { API_BASE, type Endpoint } from "~/models/api/openapi.ts";
import { isDomainError, Limited, type DomainError } from "~/models/errors.ts";
import { hitRateLimit, rateLimitRules } from "~/models/rate-limit.server.ts";
import { asDomainError, clientIp, domainErrorOutcome, problemResponse } from "./http.server.ts";
import type { MessageKey, Params, Translate } from "./i18n.ts";
import { getTranslator } from "./locale.server.ts";

const PROBLEM_TYPE = "application/problem+json; charset=utf-8";
const EXPOSED = "ETag, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";

/** An API refusal that is no domain error: a refused token (401), a bad parameter (400). */
class ApiProblem extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly type: string,
    readonly title: MessageKey,
    readonly detail: { key: MessageKey; params?: Params },
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(type);
  }
}

const invalidParam = (name: string, reason: MessageKey) =>
  new ApiProblem(400, "invalid-params", "api.problem.invalidParamTitle", {
    key: "api.problem.invalidParam",
    params: { name, reason },
  });

function problem(status: number, body: Record<string, unknown>, headers: Record<string, string>) {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "Content-Type": PROBLEM_TYPE } });
}

/** The API's answer to a domain error: problem details; a merged idea is a 308 to where it lives on. */
export function apiDomainErrorResponse(error: DomainError, t: Translate): Response {
  const outcome = domainErrorOutcome(error);
  if (error.kind === "merged-into")
    return problemResponse({ ...outcome, location: `${API_BASE}/ideas/${error.targetId}` }, t);
  if (error.kind === "rule-broken" && error.field) {
    const reason = t(outcome.detail.key, outcome.detail.params);
    return problem(
      400,
      {
        type: "/problems/invalid-params",
        title: t("api.problem.invalidParamTitle"),
        status: 400,
        detail: t("api.problem.invalidParam", { name: error.field, reason }),
        "invalid-params": [{ name: error.field, reason }],
      },
      outcome.headers,
    );
  }
  return problemResponse(outcome, t);
}

function apiProblemResponse(p: ApiProblem, t: Translate): Response {
  const params = p.detail.params?.reason
    ? { ...p.detail.params, reason: t(p.detail.params.reason as MessageKey) }
    : p.detail.params;
  const detail = t(p.detail.key, params);
  const invalid =
    p.status === 400 ? { "invalid-params": [{ name: String(params?.name), reason: params?.reason }] } : {};
  return problem(
    p.status,
    { type: `/problems/${p.type}`, title: t(p.title), status: p.status, detail, ...invalid, ...p.extra },
    p.headers,
  );
}

/** Who calls: anonymous, or a valid token's owner. */
async function caller(request: Request): Promise<{ viewer: Viewer; limitKey: string; perToken: boolean }> {
  const header = request.headers.get("Authorization");
  if (header === null) return { viewer: null, limitKey: `api:ip:${clientIp(request)}`, perToken: false };
  const match = /^Bearer\s+(\S{1,300})$/i.exec(header.trim());
  const found = match ? await authenticateApiToken(match[1]!) : null;
  if (!found)
    throw new ApiProblem(
      401,
      "unauthorized",
      "api.problem.unauthorizedTitle",
      { key: "api.problem.unauthorized" },
      {},
      { "WWW-Authenticate": 'Bearer error="invalid_token"' },
    );
  return { viewer: toViewer(found.user), limitKey: `api:token:${found.tokenId}`, perToken: true };
}

/** The query string through the endpoint's schema; the first bad parameter is named. */
function parseQuery<Q extends z.ZodObject>(url: URL, schema: Q): z.output<Q> {
  const seen = new Set<string>();
  for (const key of url.searchParams.keys()) {
    if (seen.has(key)) throw invalidParam(key, "api.problem.repeatedParam");
    seen.add(key);
  }
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys")
    throw invalidParam(String(issue.keys[0]).slice(0, 60), "api.problem.unknownParam");
  throw invalidParam(String(issue.path[0] ?? "?"), "api.problem.badValue");
}

/** The ETag of a body: a hash of its bytes (identical bodies, whoever asks, share it). */
const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

export type ApiArgs<Q extends z.ZodObject> = {
  viewer: Viewer;
  query: z.output<Q>;
  params: LoaderFunctionArgs["params"];
};

/**
 * A read-API route's loader: `export const loader = apiLoader(ENDPOINTS.ideas, ({ viewer, query }) =>
 * apiIdeas(viewer, query));`
 */
export function apiLoader<E extends Endpoint>(
  endpoint: E,
  run: (args: ApiArgs<E["query"]>) => Promise<unknown>,
): (args: LoaderFunctionArgs) => Promise<Response> {
  return async ({ request, params }) => {
    const t = getTranslator(request);
    const headers: Record<string, string> = { Vary: "Authorization, Accept-Language" };
    if (!request.headers.has("Authorization")) {
      headers["Access-Control-Allow-Origin"] = "*";
      headers["Access-Control-Expose-Headers"] = EXPOSED;
    }
    try {
      const who = await caller(request);
      const rule = rateLimitRules()[who.perToken ? "apiPerToken" : "apiPerIp"];
      const limit = await hitRateLimit(who.limitKey, rule);
      headers["RateLimit-Limit"] = String(rule.limit);
      headers["RateLimit-Remaining"] = String(Math.max(0, rule.limit - limit.count));
      headers["RateLimit-Reset"] = String(limit.retryAfterSeconds);
      if (!limit.allowed) throw new Limited(limit.retryAfterSeconds, who.perToken ? "apiPerToken" : "apiPerIp");
      const query = parseQuery(new URL(request.url), endpoint.query) as z.output<E["query"]>;
      const result = endpoint.response.parse(await run({ viewer: who.viewer, query, params }));
      const body = JSON.stringify(result);
      const etag = etagOf(body);
      headers.ETag = etag;
      // Revalidated on every use (visibility and counts change); private once a token is involved.
      headers["Cache-Control"] = who.perToken ? "private, no-cache" : "no-cache";
      if (matches(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
      return new Response(body, {
        status: 200,
        headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
      });
    } catch (error) {
      const answer = answerFor(error, t);
      for (const [name, value] of Object.entries(headers))
        if (!answer.headers.has(name)) answer.headers.set(name, value);
      answer.headers.set("Cache-Control", "no-store");
      return answer;
    }
  };
}

function answerFor(error: unknown, t: Translate): Response {
  if (error instanceof ApiProblem) return apiProblemResponse(error, t);
  const domainError = isDomainError(error) ? error : asDomainError(error);
  if (domainError) return apiDomainErrorResponse(domainError, t);
  throw error;
}

/** Anything under /api/v1 that is no endpoint: a 404 problem. */
export function apiNotFound(request: Request): Response {
  const t = getTranslator(request);
  return problem(
    404,
    { type: "/problems/not-found", title: t("error.notFoundTitle"), status: 404, detail: t("error.notFound") },
    { "Access-Control-Allow-Origin": "*" },
  );
}
