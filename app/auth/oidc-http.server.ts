// The HTTP answers of a sign-in through an OpenID provider, shared by its two routes: a failure is a
// page that says what happened (4xx, or 503 when the provider is down — never a 500), a success opens
// the session and goes where the person was going (docs/decisions/0023-openid-connect.md).
import { data } from "@remix-run/node";
import { flashCookie } from "~/lib/flash.server.ts";
import { clientIp } from "~/lib/http.server.ts";
import type { MessageKey, Params } from "~/lib/i18n.ts";
import { isDomainError, Limited } from "~/models/errors.ts";
import { providerOf, type ProviderKind } from "~/models/identity.ts";
import { hitRateLimit, rateLimitRules, type RuleName } from "~/models/rate-limit.server.ts";
import { clearLoginCookie, OidcFailure } from "./oidc.server.ts";
import { createSession, sessionCookie } from "./session.server.ts";

const FAILURES = {
  unavailable: { status: 503, message: "identity.unavailable" },
  "invalid-callback": { status: 400, message: "identity.invalidCallback" },
  rejected: { status: 400, message: "identity.rejected" },
  cancelled: { status: 400, message: "identity.cancelled" },
} as const satisfies Record<OidcFailure["reason"], { status: number; message: MessageKey }>;

/** The failure page's data: the message, with its status; the sign-in in progress is forgotten. */
export function oidcFailureAnswer(request: Request, error: unknown) {
  let status: number;
  let message: MessageKey;
  let params: Params | undefined;
  const headers = new Headers({ "Set-Cookie": clearLoginCookie(request) });
  if (error instanceof Limited) {
    status = 429;
    ({ key: message, params } = error.wait);
    headers.set("Retry-After", String(error.retryAfterSeconds));
  } else if (error instanceof OidcFailure) {
    ({ status, message } = FAILURES[error.reason]);
    // What exactly failed is for the operator, not the visitor.
    console.warn(`[oidc] sign-in failed (${error.reason}): ${error.detail}`);
  } else if (isDomainError(error) && (error.kind === "rule-broken" || error.kind === "forbidden")) {
    status = error.kind === "forbidden" ? 403 : error.conflict ? 409 : 400;
    message = error.kind === "forbidden" ? (error.reason ?? "error.forbidden") : error.key;
  } else {
    throw error;
  }
  return data({ message, params }, { status, headers });
}

/** Counts one hit for this address; throws Limited beyond the rule (oidcFailureAnswer makes it a 429 page). */
export async function limitOidc(request: Request, step: "start" | "callback"): Promise<void> {
  const rule: RuleName = step === "start" ? "oidcStartPerIp" : "oidcCallbackPerIp";
  const result = await hitRateLimit(`oidc:${step}:ip:${clientIp(request)}`, rateLimitRules()[rule]);
  if (!result.allowed) throw new Limited(result.retryAfterSeconds, rule);
}

/** Opens the session (remembering the provider and its ID token, to sign out there too) and redirects. */
export async function signedInAnswer(
  request: Request,
  options: {
    kind: ProviderKind;
    user: { id: string; displayName: string };
    idToken: string | null;
    redirectTo: string;
  },
): Promise<Response> {
  const { token, expiresAt } = await createSession(options.user.id, {
    userAgent: request.headers.get("User-Agent"),
    ip: clientIp(request),
    identity: { provider: providerOf(options.kind), idToken: options.idToken },
  });
  const headers = new Headers({ Location: options.redirectTo });
  headers.append("Set-Cookie", clearLoginCookie(request));
  headers.append("Set-Cookie", sessionCookie(request, token, expiresAt));
  headers.append("Set-Cookie", flashCookie({ key: "auth.welcome", params: { name: options.user.displayName } }));
  return new Response(null, { status: 302, headers });
}

/** Back to the page that asked for a re-authentication, which now accepts it (docs/decisions/0023). */
export function reauthenticatedAnswer(request: Request, redirectTo: string): Response {
  const headers = new Headers({ Location: redirectTo });
  headers.append("Set-Cookie", clearLoginCookie(request));
  headers.append("Set-Cookie", flashCookie({ key: "identity.reauthenticated" }));
  return new Response(null, { status: 302, headers });
}
