// Anonymous list and idea pages may be kept a few seconds by a reverse proxy; signed-in pages never,
// and no answer that sets a cookie is shared (docs/decisions/0032-weight-and-statements-per-request.md).
import { afterAll, beforeAll, expect, test } from "vitest";
import { LOCALE_COOKIE } from "~/lib/i18n.ts";
import { makeIdea, makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

test("anonymous list and idea pages are cacheable by a shared cache, varying on cookie, language and encoding", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const anonymous = new HttpClient(app.url);
  for (const path of ["/espaces/emploi-store-idees", `/idees/${idea.id}`]) {
    const res = await anonymous.get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.getSetCookie(), path).toEqual([]);
    expect(res.headers.get("cache-control"), path).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=30");
    const vary = (res.headers.get("vary") ?? "").toLowerCase();
    for (const header of ["cookie", "accept-language", "accept-encoding"]) expect(vary, path).toContain(header);
  }
  // Other anonymous pages are not declared shareable.
  expect((await anonymous.get("/connexion")).headers.get("cache-control") ?? "").not.toMatch(/public/);
});

test("a signed-in page is private and never stored; an answer setting a cookie is not shared", async () => {
  const user = await makeUser();
  const idea = await makeIdea({ author: user });
  const signedIn = new HttpClient(app.url);
  await signedIn.signIn(user.email, user.password);
  for (const path of ["/espaces/emploi-store-idees", `/idees/${idea.id}`]) {
    const res = await signedIn.get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get("cache-control"), path).toBe("private, no-store");
  }
  // A cookie of ours that holds nonsense is expired by the answer (Set-Cookie): that answer is not public.
  const stray = await new HttpClient(app.url).get("/espaces/emploi-store-idees", {
    Cookie: `${LOCALE_COOKIE}=klingon`,
  });
  expect(stray.headers.getSetCookie().length).toBeGreaterThan(0);
  expect(stray.headers.get("cache-control") ?? "").not.toMatch(/public/);
});
