// Expected failures are thrown Responses, rendered by the shared error boundary.
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
