// The read API (docs/decisions/0026-read-api.md) over HTTP against the real app: the CONTRACT test —
// every endpoint's real answers, anonymous and with a token, validated against the OpenAPI document the
// app publishes (ajv, JSON Schema draft 2020-12) — then tokens (stored hashed, expiry, revocation),
// ETag/304, CORS, rate limits and 429, bad parameters named in 400 problems, merged ideas' 308.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { messages } from "~/locales/fr/index.ts";
import { openApiDocument } from "~/models/api/openapi.ts";
import { newId } from "~/lib/id.ts";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server.ts";
import { addComment } from "~/models/comment.server.ts";
import { mergeIdeas } from "~/models/merge.server.ts";
import { hideContent } from "~/models/moderation.server.ts";
import { getOpenDataFile, OPEN_DATA_MAX_AGE_MS, regenerateOpenData } from "~/models/open-data.server.ts";
import { advanceIdea, getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";
import { createHackathon } from "~/models/hackathon.server.ts";
import { startTestApp } from "./support/app.ts";

// A low per-token limit, so the 429 is reached in a few calls (read by the app at its first API call).
process.env.RATE_LIMITS = "apiPerToken=40/60";

let app: Awaited<ReturnType<typeof startTestApp>>;
let doc: { paths: Record<string, { get: Operation }>; components: { schemas: Record<string, object> } };
type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const tag = `api${Date.now().toString(36)}`;
const ids = {} as Record<"public" | "internal" | "hidden" | "merged" | "target" | "challenge" | "hackathon", string>;
let employeeToken: string;
let manager: Awaited<ReturnType<typeof makeUser>>;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, app.url), { redirect: "manual", headers });
const as = (token: string | null): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

beforeAll(async () => {
  app = await startTestApp();
  manager = await makeUser({ role: "MANAGER" });
  const [author, employee, moderator] = await Promise.all([
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "MODERATOR" }),
  ]);
  const publicSpace = await getSpace(SPACES.public);
  ids.hackathon = (
    await createHackathon({
      user: manager,
      space: publicSpace,
      input: {
        title: `Hackathon ${tag}`,
        cover: "Le hackathon de l'API.",
        objective: "Construire avec les **données ouvertes**.",
        resources: undefined,
        place: "Paris",
        onlineUrl: "https://visio.example.test/h",
        registrationOpensAt: new Date(Date.now() - 3_600_000),
        registrationClosesAt: new Date(Date.now() + 86_400_000),
        startsAt: new Date(Date.now() + 2 * 86_400_000),
        endsAt: new Date(Date.now() + 3 * 86_400_000),
        submissionDeadline: new Date(Date.now() + 3 * 86_400_000),
        resultsAt: new Date(Date.now() + 4 * 86_400_000),
        capacity: 20,
        teamSizeMax: 4,
        mixedTeams: false,
        criteria: ["Impact"],
      },
    })
  ).id;
  ids.challenge = (
    await prisma.challenge.create({
      data: {
        id: newId(),
        spaceId: publicSpace.id,
        title: `Défi ${tag} pour l'API`,
        cover: "Un défi pour le contrat de l'API.",
        brief: "Le détail du défi.",
        opensAt: new Date(Date.now() - 86_400_000),
        closesAt: new Date(Date.now() + 86_400_000),
      },
      select: { id: true },
    })
  ).id;
  const pub = await makeIdea({
    author,
    title: `Idée publique ${tag}`,
    body: "Du **gras** et <script>x</script>.",
    tags: [tag],
  });
  await prisma.idea.update({ where: { id: pub.id }, data: { challengeId: ids.challenge }, select: { id: true } });
  await addComment({ user: employee, ideaId: pub.id, body: "Un commentaire lisible." });
  await advanceIdea({ ideaId: pub.id, manager, to: "PRODUCTION" });
  ids.public = pub.id;
  ids.internal = (
    await makeIdea({ author: employee, space: SPACES.internal, title: `Idée interne ${tag}`, tags: [tag] })
  ).id;
  ids.hidden = (await makeIdea({ author, title: `Idée masquée ${tag}`, tags: [tag] })).id;
  await hideContent({ user: moderator, target: "idea", targetId: ids.hidden, reason: "Hors charte" });
  ids.target = (await makeIdea({ author, title: `Idée cible ${tag}` })).id;
  ids.merged = (await makeIdea({ author, title: `Idée fusionnée ${tag}`, tags: [tag] })).id;
  await mergeIdeas({ user: manager, sourceId: ids.merged, targetId: ids.target });
  employeeToken = (await createApiToken({ user: employee, input: { name: "Contrat", lifetime: "30" } })).token;
  doc = await (await get("/api/v1/openapi.json")).json();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** Validates a real answer against the document's schema for that path and status. */
async function conforms(templatePath: string, res: Response) {
  const status = String(res.status);
  const op = doc.paths[templatePath]!.get;
  expect(op.responses[status], `${templatePath} documents ${status}`).toBeDefined();
  const content = op.responses[status]!.content;
  if (!content) return null;
  const [type, { schema }] = Object.entries(content)[0]!;
  expect(res.headers.get("content-type")).toContain(type);
  const body = await res.json();
  const validate = ajv.compile({ ...schema, components: doc.components });
  expect(validate(body), `${templatePath} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return body;
}

test("the document is OpenAPI 3.1 and every path in it answers what it says, anonymous and with a token", async () => {
  expect(doc).toMatchObject({ openapi: "3.1.0" });
  const calls: [string, string][] = [
    ["/spaces", "/api/v1/spaces"],
    ["/spaces/{slug}/figures", `/api/v1/spaces/${SPACES.public}/figures`],
    ["/ideas", `/api/v1/ideas?space=${SPACES.public}&sort=newest`],
    ["/ideas", `/api/v1/ideas?space=${SPACES.public}&tag=${tag}&stage=PRODUCTION&challenge=${ids.challenge}`],
    ["/ideas", `/api/v1/ideas?q=${encodeURIComponent(`publique ${tag}`)}`],
    ["/ideas/{id}", `/api/v1/ideas/${ids.public}`],
    ["/ideas/{id}/comments", `/api/v1/ideas/${ids.public}/comments`],
    ["/challenges", "/api/v1/challenges"],
    ["/production", "/api/v1/production"],
    ["/hackathons/{hackathonId}", `/api/v1/hackathons/${ids.hackathon}`],
  ];
  expect(new Set(calls.map(([p]) => p))).toEqual(new Set(Object.keys(doc.paths)));
  for (const token of [null, employeeToken]) {
    for (const [template, path] of calls) {
      const res = await get(path, as(token));
      expect(res.status, path).toBe(200);
      await conforms(template, res);
    }
  }
  // And the refusals: 404, 400, 401 and 308 are documented problems (or redirects) too.
  await conforms("/ideas/{id}", await get(`/api/v1/ideas/${ids.internal}`));
  await conforms("/ideas", await get("/api/v1/ideas?stage=NOPE&space=x"));
  await conforms("/spaces", await get("/api/v1/spaces", as("idees_nope.nope")));
  await conforms("/ideas/{id}", await get(`/api/v1/ideas/${ids.merged}`));
  await conforms("/hackathons/{hackathonId}", await get("/api/v1/hackathons/nope"));
});

test("one idea carries its markdown source, the page's sanitized HTML, counts, history and production record", async () => {
  const idea = await (await get(`/api/v1/ideas/${ids.public}`)).json();
  expect(idea.body).toBe("Du **gras** et <script>x</script>.");
  expect(idea.bodyHtml).toContain("<strong>gras</strong>");
  expect(idea.bodyHtml).not.toContain("<script");
  expect(idea).toMatchObject({ stage: "PRODUCTION", comments: 1, challenge: { id: ids.challenge }, hidden: false });
  expect(idea.stageHistory.map((s: { to: string }) => s.to)).toEqual([
    "UNDER_REVIEW",
    "SELECTED",
    "PILOT",
    "PRODUCTION",
  ]);
  expect(idea.pilot).toMatchObject({ decision: "GO" });
  // Nothing personal beyond the public display name: no author id, no e-mail.
  expect(JSON.stringify(idea)).not.toMatch(/authorId|email|@example\.test/);
});

test("anonymous callers see the public space only; a token acts with its owner's visibility", async () => {
  expect((await (await get("/api/v1/spaces")).json()).items.map((s: { slug: string }) => s.slug)).toEqual([
    SPACES.public,
  ]);
  const internal = await get(`/api/v1/ideas/${ids.internal}`);
  expect(internal.status).toBe(404);
  expect(internal.headers.get("content-type")).toContain("application/problem+json");
  expect((await get(`/api/v1/ideas?space=${SPACES.internal}`)).status).toBe(404);
  expect((await get(`/api/v1/ideas/${ids.internal}`, as(employeeToken))).status).toBe(200);
  const listed = await (await get(`/api/v1/ideas?q=${tag}&tag=${tag}`)).json();
  expect(listed.items.map((i: { id: string }) => i.id)).toEqual([ids.public]);
  const staff = await (await get(`/api/v1/ideas?q=${tag}&tag=${tag}`, as(employeeToken))).json();
  expect(staff.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.public, ids.internal].sort());
  expect((await get(`/api/v1/ideas/${ids.hidden}`)).status).toBe(404);
});

test("a merged idea answers 308 to the API address of the idea it lives on in", async () => {
  const res = await get(`/api/v1/ideas/${ids.merged}`);
  expect(res.status).toBe(308);
  expect(res.headers.get("location")).toBe(`/api/v1/ideas/${ids.target}`);
});

test("lists walk with their next link, without repeating an idea", async () => {
  for (let i = 0; i < 21; i++)
    await makeIdea({ author: manager, title: `Idée en série ${tag} ${i}`, tags: [`${tag}s`] });
  const first = await (await get(`/api/v1/ideas?space=${SPACES.public}&tag=${tag}s&sort=top`)).json();
  expect(first.items).toHaveLength(20);
  expect(first.next).toMatch(/^\/api\/v1\/ideas\?.*cursor=/);
  const second = await (await get(first.next)).json();
  expect(second.items).toHaveLength(1);
  expect(second.next).toBeNull();
  const seen = [...first.items, ...second.items].map((i: { id: string }) => i.id);
  expect(new Set(seen).size).toBe(21);
});

test("bad query parameters are 400 problems naming the parameter, never a 500", async () => {
  const cases: [string, string][] = [
    [`/api/v1/ideas?space=${SPACES.public}&stage=NOPE`, "stage"],
    [`/api/v1/ideas?space=${SPACES.public}&colour=blue`, "colour"],
    [`/api/v1/ideas?space=${SPACES.public}&sort=relevance`, "sort"],
    [`/api/v1/ideas?q=emploi&sort=top`, "sort"],
    ["/api/v1/ideas", "space"],
    [`/api/v1/ideas?space=${SPACES.public}&space=${SPACES.internal}`, "space"],
    [`/api/v1/ideas?space=${SPACES.public}&cursor=not-a-cursor`, "cursor"],
    [`/api/v1/ideas?space=${SPACES.public}&challenge=${"x".repeat(200)}`, "challenge"],
    ["/api/v1/challenges?space=UPPER", "space"],
    ["/api/v1/spaces?x=1", "x"],
  ];
  for (const [path, name] of cases) {
    const res = await get(path);
    expect(res.status, path).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    expect(problem["invalid-params"], path).toEqual([expect.objectContaining({ name })]);
    expect(problem.detail).toContain(name);
  }
  // In the caller's language.
  const en = await (await get("/api/v1/ideas", { "Accept-Language": "en" })).json();
  expect(en.title).toBe("Invalid parameter");
  expect((await get("/api/v1/nothing-here")).status).toBe(404);
});

test("tokens: shown once, stored hashed, expiry enforced, revoked → 401 problem", async () => {
  const owner = await makeUser({ role: "EMPLOYEE" });
  const { token, view } = await createApiToken({ user: owner, input: { name: "Script", lifetime: "90" } });
  expect(token).toMatch(/^idees_[a-z2-7]+\.[a-z2-7]{52}$/);
  const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: view.id }, select: { secretHash: true } });
  const secret = token.split(".")[1]!;
  expect(row.secretHash.length).toBe(32);
  expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(secret);
  expect(JSON.stringify(await listApiTokens({ user: owner }))).not.toContain(secret);
  expect((await get("/api/v1/spaces", as(token))).status).toBe(200);
  // A wrong secret for a real id, and a token past its expiry.
  expect((await get("/api/v1/spaces", as(`${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`))).status).toBe(401);
  await prisma.apiToken.update({
    where: { id: view.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
    select: { id: true },
  });
  expect(await authenticateApiToken(token)).toBeNull();
  expect((await get("/api/v1/spaces", as(token))).status).toBe(401);
  const other = await createApiToken({ user: owner, input: { name: "Autre", lifetime: "30" } });
  expect((await get("/api/v1/spaces", as(other.token))).status).toBe(200);
  // Someone else cannot revoke it; its owner can, and then it is refused.
  await expect(revokeApiToken({ user: manager, tokenId: other.view.id })).rejects.toMatchObject({ kind: "not-found" });
  await revokeApiToken({ user: owner, tokenId: other.view.id });
  const refused = await get("/api/v1/spaces", as(other.token));
  expect(refused.status).toBe(401);
  expect(refused.headers.get("content-type")).toContain("application/problem+json");
  expect(refused.headers.get("www-authenticate")).toContain("Bearer");
  expect(await refused.json()).toMatchObject({ type: "/problems/unauthorized", status: 401 });
  // A malformed header is refused the same way (never read as anonymous).
  expect((await get("/api/v1/spaces", { Authorization: "Basic abc" })).status).toBe(401);
});

test("ETag: a matching If-None-Match is a 304; anonymous answers are open to other origins", async () => {
  const path = `/api/v1/ideas/${ids.public}`;
  const first = await get(path);
  const etag = first.headers.get("etag");
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(first.headers.get("access-control-allow-origin")).toBe("*");
  const again = await get(path, { "If-None-Match": etag! });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  expect((await get(path, { "If-None-Match": '"other"' })).status).toBe(200);
  // A change to the idea changes its ETag.
  await addComment({ user: manager, ideaId: ids.public, body: "Un second commentaire." });
  expect((await get(path, { "If-None-Match": etag! })).status).toBe(200);
  // Token answers are not for shared caches, nor other origins.
  const private_ = await get(path, as(employeeToken));
  expect(private_.headers.get("cache-control")).toContain("private");
  expect(private_.headers.get("access-control-allow-origin")).toBeNull();
});

test("CORS preflight: OPTIONS under /api/v1 is a 204 allowing anonymous GET with its headers, never Authorization", async () => {
  for (const path of [`/api/v1/ideas/${ids.public}`, "/api/v1/spaces", "/api/v1/nothing-here"]) {
    const res = await fetch(new URL(path, app.url), {
      method: "OPTIONS",
      headers: {
        Origin: "https://elsewhere.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match",
      },
    });
    expect(res.status, path).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    const allowed = res.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/);
    expect(allowed).toContain("if-none-match");
    expect(allowed).not.toContain("authorization");
    expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThan(0);
  }
  // Elsewhere, OPTIONS is not answered as a preflight.
  const page = await fetch(new URL("/espaces/public", app.url), { method: "OPTIONS" });
  expect(page.headers.get("access-control-allow-origin")).toBeNull();
});

test("rate limits: RateLimit headers on every answer, then a 429 problem with Retry-After", async () => {
  const owner = await makeUser({ role: "PUBLIC" });
  const { token } = await createApiToken({ user: owner, input: { name: "Rafale", lifetime: "30" } });
  const first = await get("/api/v1/spaces", as(token));
  expect(first.headers.get("ratelimit-limit")).toBe("40");
  expect(first.headers.get("ratelimit-remaining")).toBe("39");
  expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
  let last = first;
  for (let i = 0; i < 40 && last.status !== 429; i++) last = await get("/api/v1/spaces", as(token));
  expect(last.status).toBe(429);
  expect(last.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(last.headers.get("ratelimit-remaining")).toBe("0");
  expect(await last.json()).toMatchObject({ type: "/problems/limited", status: 429 });
  // Another token (and anonymous callers) have their own counters.
  expect((await get("/api/v1/spaces", as(employeeToken))).status).toBe(200);
});

test("open data: the public space's listed ideas as CSV and JSON, licensed, formula-safe, at most an hour old", async () => {
  const formula = await makeIdea({ author: manager, title: `=HYPERLINK("http://x.example") ${tag}`, tags: [tag] });
  await regenerateOpenData();
  const csvRes = await get("/donnees-ouvertes/idees.csv");
  expect(csvRes.headers.get("content-type")).toContain("text/csv");
  expect(csvRes.headers.get("link")).toContain("etalab.gouv.fr/licence-ouverte");
  const csv = await csvRes.text();
  expect(csv.split("\r\n")[0]).toBe(
    "id,title,space,stage,created_at,stage_changed_at,supports,comments,tags,challenge_id,challenge_title,released_on,production_agencies,production_link",
  );
  const line = csv.split("\r\n").find((l) => l.startsWith(formula.id))!;
  expect(line).toContain(`'=HYPERLINK(""http://x.example"") ${tag}`);
  const json = await (await get("/donnees-ouvertes/idees.json")).json();
  expect(json.licence.name).toContain("Licence Ouverte 2.0");
  const ids_ = json.ideas.map((i: { id: string }) => i.id);
  expect(ids_).toContain(ids.public);
  for (const never of [ids.internal, ids.hidden, ids.merged]) expect(ids_).not.toContain(never);
  expect(JSON.stringify(json)).not.toMatch(/author|email/);
  const row = json.ideas.find((i: { id: string }) => i.id === ids.public);
  expect(row).toMatchObject({ stage: "PRODUCTION", challenge: { id: ids.challenge }, tags: [tag] });
  expect(row.production.releasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // Within the hour the stored file is served as it is; after an hour it is generated again.
  const stored = await getOpenDataFile("json");
  await makeIdea({ author: manager, title: `Idée tardive ${tag}`, tags: [tag] });
  expect((await getOpenDataFile("json", new Date(stored.generatedAt.getTime() + 60_000))).generatedAt).toEqual(
    stored.generatedAt,
  );
  const later = new Date(stored.generatedAt.getTime() + OPEN_DATA_MAX_AGE_MS + 1);
  const fresh = await getOpenDataFile("json", later);
  expect(fresh.generatedAt).toEqual(later);
  expect(fresh.body).toContain(`Idée tardive ${tag}`);
});

test("the /api page has a French and English description for every operation and parameter of the document", () => {
  const paths = openApiDocument().paths as Record<
    string,
    { get: { operationId: string; parameters: { name: string; in: string }[] } }
  >;
  const keys = Object.values(paths).flatMap(({ get: op }) => [
    `api.op.${op.operationId}`,
    ...op.parameters.filter((p) => p.in !== "header").map((p) => `api.param.${p.name}`),
  ]);
  expect(keys.filter((k) => !(k in messages))).toEqual([]);
});
