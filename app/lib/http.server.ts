// The edge between the domain and HTTP. Expected failures are thrown Responses, rendered by the shared
// error boundary; models never build them: they throw domain errors (app/models/errors.ts), which
// domainErrorResponse turns into the page answer — once, for every loader and action, through
// withDomainErrors (server.ts). docs/decisions/0017-domain-errors-and-rules-once.md
import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";
import { isDomainError, Unavailable, type DomainError } from "~/models/errors.ts";
import { env } from "./env.server.ts";
import { redirectWithFlash, type Flash } from "./flash.server.ts";
import type { MessageKey, Params, Translate } from "./i18n.ts";
import { getTranslator } from "./locale.server.ts";
import { isUnavailableError } from "./unavailable.ts";

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function badRequest(message = "Bad Request"): never {
  throw new Response(message, { status: 400 });
}

/** The client address as seen by this app (X-Forwarded-For is trusted only behind a proxy). */
export function clientIp(request: Request): string {
  return request.headers.get("x-idees-client-ip") ?? "unknown";
}

/** For routes whose actions answer 429: keeps Retry-After on the document response. */
export function retryAfterHeaders({ actionHeaders }: { actionHeaders: Headers }): Headers {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}

/** The Retry-After header of a limit (for routes that answer a 429 inside their form). */
export function retryAfter(limited: { retryAfterSeconds: number }): { "Retry-After": string } {
  return { "Retry-After": String(limited.retryAfterSeconds) };
}

/**
 * What a domain error means over HTTP, independent of the surface: status, headers, a stable problem
 * `type` slug, the message to show (an i18n key) and, for MergedInto, where the thing lives now. Pages
 * render it with domainErrorResponse; a JSON API renders the same outcome as RFC 9457 problem details
 * (`{ type: "/problems/" + type, title: t(title), status, detail: t(detail.key, detail.params) }`),
 * answering MergedInto with 308 + Location or a problem of its own as it sees fit.
 */
export type DomainErrorOutcome = {
  status: 302 | 400 | 403 | 404 | 409 | 429 | 503;
  type: DomainError["kind"];
  title: MessageKey;
  detail: { key: MessageKey; params?: Params };
  headers: Record<string, string>;
  /** The resource that replaced the one asked for (MergedInto). */
  location?: string;
  /** The form field the refusal is about (RuleBroken). */
  field?: string;
  /** Technical text, for logs and plain-text bodies (never shown translated). */
  text: string;
};

export function domainErrorOutcome(error: DomainError): DomainErrorOutcome {
  switch (error.kind) {
    case "not-found":
      return base(404, error, "error.notFoundTitle", { key: "error.notFound" });
    case "forbidden":
      return base(403, error, "error.forbiddenTitle", { key: error.reason ?? "error.forbidden" });
    case "invalid":
      return base(400, error, "error.badRequestTitle", { key: "error.badRequest" });
    case "rule-broken":
      return {
        ...base(error.conflict ? 409 : 400, error, "error.badRequestTitle", {
          key: error.key,
          params: error.options.params,
        }),
        field: error.field,
      };
    case "limited":
      return {
        ...base(429, error, "error.tooManyTitle", error.wait),
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      };
    case "unavailable":
      return {
        ...base(503, error, "error.unavailableTitle", { key: "error.unavailable" }),
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      };
    case "merged-into":
      return {
        ...base(302, error, "merge.redirected", {
          key: "merge.redirected",
          params: { source: error.sourceTitle.slice(0, 200) },
        }),
        location: `/idees/${error.targetId}`,
      };
  }
}

function base(
  status: DomainErrorOutcome["status"],
  error: DomainError,
  title: MessageKey,
  detail: DomainErrorOutcome["detail"],
): DomainErrorOutcome {
  return { status, type: error.kind, title, detail, headers: {}, text: error.message };
}

/**
 * The page answer to a domain error, as today's pages expect it: 404/403/400/409 with a short text
 * (the error boundary says the rest), 429 with Retry-After and the translated wait as text (the
 * boundary shows it), and for MergedInto a redirect to the idea it lives on, with a flash message.
 */
export function domainErrorResponse(error: DomainError, request: Request): Response {
  return renderOutcome(domainErrorOutcome(error), getTranslator(request));
}

export function renderOutcome(outcome: DomainErrorOutcome, t: Translate): Response {
  if (outcome.location) {
    const flash: Flash = { key: outcome.detail.key, params: outcome.detail.params };
    return redirectWithFlash(outcome.location, flash);
  }
  const text = outcome.status === 429 ? t(outcome.detail.key, outcome.detail.params) : outcome.text;
  return new Response(text, {
    status: outcome.status,
    headers: { ...outcome.headers, "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * The API's answer to a domain error: RFC 9457 problem details, in the request's language. A redirect
 * (MergedInto) stays a redirect.
 */
export function problemResponse(outcome: DomainErrorOutcome, t: Translate): Response {
  if (outcome.location) return new Response(null, { status: 308, headers: { Location: outcome.location } });
  const problem = {
    type: `/problems/${outcome.type}`,
    title: t(outcome.title),
    status: outcome.status,
    detail: t(outcome.detail.key, outcome.detail.params),
  };
  return new Response(JSON.stringify(problem), {
    status: outcome.status,
    headers: { ...outcome.headers, "Content-Type": "application/problem+json; charset=utf-8" },
  });
}

/** The domain error a failure stands for: itself, Unavailable for a database that does not answer, or none. */
export function asDomainError(error: unknown): DomainError | null {
  if (isDomainError(error)) return error;
  if (isUnavailableError(error)) {
    console.warn("[http] database unavailable:", (error as Error).message?.split("\n").at(-1));
    return new Unavailable(env().UNAVAILABLE_RETRY_AFTER_S);
  }
  return null;
}

const isApi = (request: Request) => new URL(request.url).pathname.startsWith("/api/");

/** A loader or action whose thrown domain errors come out as their page (or API) answers. */
function mapping<Args extends { request: Request }, Result>(handler: (args: Args) => Result) {
  return async (args: Args): Promise<Awaited<Result>> => {
    try {
      return await handler(args);
    } catch (error) {
      const domainError = asDomainError(error);
      if (!domainError) throw error;
      if (isApi(args.request)) throw problemResponse(domainErrorOutcome(domainError), getTranslator(args.request));
      throw domainErrorResponse(domainError, args.request);
    }
  };
}

/**
 * The one place where pages map domain errors: every route's loader and action of the server build,
 * wrapped so a thrown domain error becomes its thrown Response before Remix sees it (Remix would make
 * any non-Response a 500). Routes may still catch one themselves to answer inside a form.
 */
export function withDomainErrors(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: mapping(loader) as LoaderFunction } : {}),
        ...(action ? { action: mapping(action) as ActionFunction } : {}),
      },
    };
  }
  return { ...build, routes };
}
