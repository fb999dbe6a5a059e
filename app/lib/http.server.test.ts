// The one mapping of domain errors to page answers (docs/decisions/0017-domain-errors-and-rules-once.md):
// each error's status, headers and body, as the pages answered before models stopped building Responses.
import { expect, test } from "vitest";
import { Forbidden, Invalid, Limited, MergedInto, NotFound, RuleBroken, isDomainError } from "~/models/errors.ts";
import { readFlash } from "./flash.server.ts";
import { domainErrorOutcome, domainErrorResponse, withDomainErrors } from "./http.server.ts";
import type { ServerBuild } from "@remix-run/node";

const request = (lang = "fr") => new Request("http://localhost/x", { headers: { "Accept-Language": lang } });

test("NotFound, Forbidden and Invalid answer 404, 403 and 400 with a short text", async () => {
  for (const [error, status, text] of [
    [new NotFound(), 404, "Not Found"],
    [new Forbidden(), 403, "Forbidden"],
    [new Forbidden("challenge.participationClosed"), 403, "Forbidden"],
    [new Invalid("Unknown parent comment"), 400, "Unknown parent comment"],
  ] as const) {
    const response = domainErrorResponse(error, request());
    expect(response.status).toBe(status);
    expect(response.headers.get("Retry-After")).toBeNull();
    expect(await response.text()).toBe(text);
  }
  expect(domainErrorOutcome(new Forbidden()).detail.key).toBe("error.forbidden");
  expect(domainErrorOutcome(new Forbidden("challenge.participationClosed")).detail.key).toBe(
    "challenge.participationClosed",
  );
});

test("RuleBroken is a 400, or a 409 for a conflict, and names its message and field", () => {
  const invalid = domainErrorOutcome(new RuleBroken("merge.targetNotFound", { field: "target" }));
  expect(invalid).toMatchObject({ status: 400, type: "rule-broken", field: "target" });
  expect(invalid.detail.key).toBe("merge.targetNotFound");
  expect(domainErrorOutcome(new RuleBroken("pipeline.staleStage", { conflict: true })).status).toBe(409);
  expect(domainErrorResponse(new RuleBroken("pipeline.staleStage", { conflict: true }), request()).status).toBe(409);
});

test("Limited is a 429 with Retry-After and the wait, translated in the visitor's language", async () => {
  const short = domainErrorResponse(new Limited(42, "votePerAccount"), request("en"));
  expect(short.status).toBe(429);
  expect(short.headers.get("Retry-After")).toBe("42");
  expect(short.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  expect(await short.text()).toBe("Too many attempts in a short time. Try again in 42 seconds.");
  const long = domainErrorResponse(new Limited(600, "flagPerIp"), request("fr"));
  expect(long.headers.get("Retry-After")).toBe("600");
  expect(await long.text()).toMatch(/10 minutes/);
});

test("MergedInto redirects to the idea it lives on, with a flash naming the merged one", () => {
  const response = domainErrorResponse(new MergedInto("target-id", "Une idée fusionnée"), request());
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/idees/target-id");
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  expect(readFlash(cookie).flash).toEqual({ key: "merge.redirected", params: { source: "Une idée fusionnée" } });
});

test("the brand holds across module copies; other errors are not domain errors", () => {
  expect(isDomainError(new NotFound())).toBe(true);
  // What server.ts sees from the app's bundle: an instance of another copy of the class.
  const foreign = Object.assign(new Error("Forbidden"), { kind: "forbidden", [Symbol.for("idees.DomainError")]: true });
  expect(isDomainError(foreign)).toBe(true);
  expect(isDomainError(new Error("boom"))).toBe(false);
  expect(isDomainError(new Response("x", { status: 404 }))).toBe(false);
});

test("withDomainErrors maps what loaders and actions throw, and leaves everything else alone", async () => {
  const module = {
    loader: async () => {
      throw new NotFound();
    },
    action: async () => {
      throw new Error("a real bug");
    },
    default: () => null,
  };
  const build = { routes: { "routes/x": { id: "routes/x", path: "x", module } } } as unknown as ServerBuild;
  const wrapped = withDomainErrors(build).routes["routes/x"]!.module;
  const args = { request: request(), params: {}, context: { cspNonce: "" } };
  const thrown = await Promise.resolve(wrapped.loader!(args)).catch((e: unknown) => e);
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(404);
  await expect(Promise.resolve(wrapped.action!(args))).rejects.toThrow("a real bug");
  expect(wrapped.default).toBe(module.default);
});
