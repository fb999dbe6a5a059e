// Search and similar-idea suggestions over a real database: French stemming, accents, web-style
// queries, ranking, filters, visibility (the same rule as the space pages), highlight safety.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Viewer } from "~/auth/policy.ts";
import { prisma } from "~/lib/db.server.ts";
import { findSimilarIdeas, searchIdeas } from "~/models/search.server.ts";
import { MARK_END, MARK_START, parseSearchParams, splitHighlights, type SearchParams } from "~/models/search.ts";
import { advanceIdea, makeIdea, makeUser, SPACES } from "./factories.ts";
import { HttpClient } from "./support/http-client.ts";
import { searchParams } from "./support/search.ts";
import { startTestApp } from "./support/app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

// Each test searches for its own invented word, so ideas from other tests never get in the way.
let n = 0;
const token = () => `zorgl${"abcdefghijklmnopqrstuvwxyz"[n++ % 26]}${"abcdefghij"[Math.floor(Math.random() * 10)]}ub`;

const params = searchParams;
const titles = async (viewer: Viewer, q: string, extra: Partial<SearchParams> = {}) =>
  (await searchIdeas({ viewer, params: params(q, extra) })).items.map((i) =>
    splitHighlights(i.title)
      .map((p) => p.text)
      .join(""),
  );

test("French stemming and accents: « emplois » finds « emploi », « reseau » finds « réseau » and back", async () => {
  const author = await makeUser();
  const w = token();
  const body = "Un texte neutre sur un autre sujet.";
  await makeIdea({ author, title: `Un emploi stable pour ${w}`, body });
  await makeIdea({ author, title: `Le réseau des agences ${w}`, body });
  await makeIdea({ author, title: `Des formations qualifiantes ${w}`, body });
  expect(await titles(null, `emplois ${w}`)).toEqual([`Un emploi stable pour ${w}`]);
  expect(await titles(null, `EMPLOI ${w}`)).toEqual([`Un emploi stable pour ${w}`]);
  expect(await titles(null, `reseau ${w}`)).toEqual([`Le réseau des agences ${w}`]);
  expect(await titles(null, `réseaux ${w}`)).toEqual([`Le réseau des agences ${w}`]);
  expect(await titles(null, `formation qualifiante ${w}`)).toEqual([`Des formations qualifiantes ${w}`]);
  expect(await titles(null, `Agénces ${w}`)).toEqual([`Le réseau des agences ${w}`]);
});

test("web-style queries: quotes ask for a phrase, a minus sign leaves a word out, words are all required", async () => {
  const author = await makeUser();
  const w = token();
  await makeIdea({ author, title: `Accueil numérique en agence ${w}` });
  await makeIdea({
    author,
    title: `Agence sans accueil numérique ${w}`,
    body: "Le papier reste utile pour beaucoup de personnes.",
  });
  await makeIdea({ author, title: `Accueil téléphonique ${w}` });
  expect((await titles(null, `"accueil numérique en agence" ${w}`)).sort()).toEqual([
    `Accueil numérique en agence ${w}`,
  ]);
  expect((await titles(null, `accueil numérique ${w}`)).sort()).toEqual(
    [`Accueil numérique en agence ${w}`, `Agence sans accueil numérique ${w}`].sort(),
  );
  expect((await titles(null, `accueil -papier ${w}`)).sort()).toEqual(
    [`Accueil numérique en agence ${w}`, `Accueil téléphonique ${w}`].sort(),
  );
  expect(await titles(null, `accueil ${w} introuvable`)).toEqual([]);
  // Only stop words: nothing to look for, no error.
  expect(await titles(null, "le la de des")).toEqual([]);
  // Syntax web users type by mistake is not an error either.
  expect(await titles(null, `${w} "accueil`)).toHaveLength(3);
  expect(await titles(null, `-- & | ! ( ) :* ${w}`)).toHaveLength(3);
});

test("a word in the title ranks above the same word in the body or the tags", async () => {
  const author = await makeUser();
  const w = token();
  const inBody = await makeIdea({
    author,
    title: `Une idée quelconque numéro un`,
    body: `Il faudrait parler de ${w} dans les agences.`,
  });
  const inTags = await makeIdea({ author, title: `Une idée quelconque numéro deux`, tags: [w] });
  const inTitle = await makeIdea({ author, title: `Mieux organiser ${w} en agence` });
  const result = await searchIdeas({ viewer: null, params: params(w) });
  expect(result.total).toBe(3);
  expect(result.items.map((i) => i.id)).toEqual([inTitle.id, inTags.id, inBody.id]);
  // The body match is shown in the snippet with its word marked.
  const snippet = result.items.find((i) => i.id === inBody.id)!.snippet;
  expect(splitHighlights(snippet)).toContainEqual({ text: w, mark: true });
});

test("visibility: InnovAction ideas never reach anonymous visitors, PUBLIC users or suppliers without a grant", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const w = token();
  const internal = await makeIdea({ author: employee, space: SPACES.internal, title: `Projet interne ${w}` });
  const open = await makeIdea({ author: employee, title: `Projet ouvert ${w}` });
  const outsiders: Viewer[] = [null, await makeUser(), await makeUser({ role: "SUPPLIER" })];
  for (const viewer of outsiders) {
    const result = await searchIdeas({ viewer, params: params(`projet ${w}`) });
    expect(result.items.map((i) => i.id)).toEqual([open.id]);
    expect(result.total).toBe(1);
    // Asking for the hidden space by name gives nothing, like a space that does not exist.
    expect((await searchIdeas({ viewer, params: params(`projet ${w}`, { espace: SPACES.internal }) })).total).toBe(0);
    expect(
      (await findSimilarIdeas({ viewer, params: { espace: null, titre: `Projet interne ${w}`, texte: "" } })).map(
        (i) => i.id,
      ),
    ).not.toContain(internal.id);
    expect(
      await findSimilarIdeas({ viewer, params: { espace: SPACES.internal, titre: `Projet interne ${w}`, texte: "" } }),
    ).toEqual([]);
  }
  const insiders: Viewer[] = [
    employee,
    await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] }),
    await makeUser({ role: "ADMIN" }),
  ];
  for (const viewer of insiders) {
    expect((await searchIdeas({ viewer, params: params(`projet ${w}`) })).items.map((i) => i.id).sort()).toEqual(
      [internal.id, open.id].sort(),
    );
    expect(
      (
        await findSimilarIdeas({ viewer, params: { espace: SPACES.internal, titre: `Projet interne ${w}`, texte: "" } })
      ).map((i) => i.id),
    ).toEqual([internal.id]);
  }
});

test("filters: space, stage and tag narrow the results", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const manager = await makeUser({ role: "MANAGER" });
  const w = token();
  const internal = await makeIdea({
    author: employee,
    space: SPACES.internal,
    title: `Guichet ${w} interne`,
    tags: ["accueil"],
  });
  const open = await makeIdea({ author: employee, title: `Guichet ${w} public`, tags: ["numérique", "accueil"] });
  const piloted = await makeIdea({ author: employee, title: `Guichet ${w} expérimenté` });
  await advanceIdea({ ideaId: piloted.id, manager, to: "PILOT" });
  const ids = async (extra: Partial<SearchParams>) =>
    (await searchIdeas({ viewer: employee, params: params(w, extra) })).items.map((i) => i.id).sort();
  expect(await ids({})).toEqual([internal.id, open.id, piloted.id].sort());
  expect(await ids({ espace: SPACES.internal })).toEqual([internal.id]);
  expect(await ids({ espace: SPACES.public })).toEqual([open.id, piloted.id].sort());
  expect(await ids({ etape: "PILOT" })).toEqual([piloted.id]);
  expect(await ids({ motcle: "accueil" })).toEqual([internal.id, open.id].sort());
  expect(await ids({ motcle: "accueil", espace: SPACES.public })).toEqual([open.id]);
  expect(await ids({ motcle: "numérique", etape: "PILOT" })).toEqual([]);
});

test("pages: twenty results a page, the total counts them all, each idea appears once", async () => {
  const author = await makeUser();
  const w = token();
  for (let i = 0; i < 23; i++) await makeIdea({ author, title: `Idée ${w} numéro ${i}` });
  const first = await searchIdeas({ viewer: null, params: params(w) });
  const second = await searchIdeas({ viewer: null, params: params(w, { page: 2 }) });
  expect(first.total).toBe(23);
  expect(first.items).toHaveLength(20);
  expect(first.hasNext).toBe(true);
  expect(second.items).toHaveLength(3);
  expect(second.hasNext).toBe(false);
  expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(23);

  // The page says how many match and where it stands, in the lists' words, in French and in English.
  const anonymous = new HttpClient(app.url);
  const html = async (path: string, headers: Record<string, string> = {}) =>
    (await anonymous.get(path, headers)).text();
  const one = await html(`/recherche?q=${w}`);
  expect(one).toContain(`23 résultats pour « ${w} »`);
  expect(one).toContain(`<span data-testid="search-position">Résultats 1–20 sur 23</span>`);
  expect(await html(`/recherche?q=${w}&page=2`)).toContain("Résultats 21–23 sur 23");
  const en = await html(`/recherche?q=${w}&page=2`, { "Accept-Language": "en" });
  expect(en).toContain(`23 results for “${w}”`);
  expect(en).toContain("Results 21–23 of 23");
});

test("highlights: matches are marked, and a title with HTML comes back as text, escaped on the page", async () => {
  const author = await makeUser();
  const w = token();
  const title = `<b>${w}</b> <script>alert(1)</script> <img src=x onerror=alert(1)> emplois`;
  const idea = await makeIdea({
    author,
    title,
    body: `Un ${MARK_START}faux${MARK_END} marqueur et <b>du gras</b> pour ${w}.`,
  });
  const [hit] = (await searchIdeas({ viewer: null, params: params(`${w} emploi`) })).items;
  expect(hit!.id).toBe(idea.id);
  const parts = splitHighlights(hit!.title);
  expect(parts.map((p) => p.text).join("")).toBe(title);
  expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual([w, "emplois"]);
  // Markers written by someone are removed before highlighting: "faux" is not shown as a match.
  expect(
    splitHighlights(hit!.snippet)
      .filter((p) => p.mark)
      .map((p) => p.text),
  ).toEqual([w]);

  const res = await new HttpClient(app.url).get(`/recherche?q=${encodeURIComponent(`${w} emploi`)}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).not.toContain("<script>alert(");
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain(`<b>${w}`);
  expect(html).toContain(`&lt;b&gt;<mark>${w}</mark>&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;`);
  expect(html).toContain("<mark>emplois</mark>");
});

test("the search page: form with a search landmark, count, empty state, 400 for bad parameters, hidden spaces stay hidden", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const w = token();
  await makeIdea({ author: employee, space: SPACES.internal, title: `Chantier secret ${w}` });
  await makeIdea({ author: employee, title: `Chantier ouvert ${w}` });
  const anonymous = new HttpClient(app.url);
  const page = await (await anonymous.get(`/recherche?q=chantier+${w}`)).text();
  expect(page).toMatch(/<form[^>]*role="search"/);
  expect(page).toContain(`1 résultat pour « chantier ${w} »`);
  expect(page).toContain(`<mark>Chantier</mark> ouvert`);
  expect(page).not.toContain(`Chantier secret`);
  expect(await (await anonymous.get(`/recherche?q=chantier+${w}&espace=${SPACES.internal}`)).text()).toContain(
    "Aucune idée ne correspond",
  );
  expect(await (await anonymous.get(`/recherche?q=chantier+${w}.data`)).text()).not.toContain("Chantier secret");
  expect(await (await anonymous.get("/recherche")).text()).toContain("Saisissez un ou plusieurs mots");
  for (const bad of [
    "/recherche?etape=INCONNUE",
    "/recherche?q=x&page=0",
    "/recherche?q=x&page=abc",
    `/recherche?q=${"a".repeat(300)}`,
  ]) {
    expect((await anonymous.get(bad)).status, bad).toBe(400);
  }
  const staff = new HttpClient(app.url);
  await staff.signIn(employee.email, employee.password);
  expect(await (await staff.get(`/recherche?q=chantier+${w}`)).text()).toContain("2 résultats");
});

test("similar ideas: at most five, the closest first, by title trigrams or shared words, within the space", async () => {
  const author = await makeUser();
  const w = token();
  const exact = await makeIdea({ author, title: `Simplifier l'inscription ${w} en ligne` });
  const others = [];
  for (let i = 0; i < 6; i++)
    others.push(await makeIdea({ author, title: `Inscription ${w} variante ${i}`, body: "Autre sujet." }));
  const wordOnly = await makeIdea({
    author,
    title: `Un sujet sans rapport apparent`,
    body: `Parle de ${w} quelque part.`,
  });
  await makeIdea({ author, space: SPACES.internal, title: `Simplifier l'inscription ${w} en ligne (interne)` });

  const similar = await findSimilarIdeas({
    viewer: author,
    params: { espace: SPACES.public, titre: `Simplifier l'inscription ${w} en ligne`, texte: "" },
  });
  expect(similar).toHaveLength(5);
  expect(similar[0]!.id).toBe(exact.id);
  expect(similar.every((i) => i.spaceSlug === SPACES.public)).toBe(true);
  // Accents and case do not matter; a partial title already finds it.
  expect(
    (
      await findSimilarIdeas({
        viewer: author,
        params: { espace: SPACES.public, titre: `SIMPLIFIER L'INSCRIPTION ${w}`, texte: "" },
      })
    )[0]!.id,
  ).toBe(exact.id);
  // Typing mistakes are forgiven by trigrams.
  expect(
    (
      await findSimilarIdeas({
        viewer: author,
        params: { espace: SPACES.public, titre: `Simplifer l'inscriptoin ${w} en ligne`, texte: "" },
      })
    )[0]!.id,
  ).toBe(exact.id);
  // A shared word with the body is enough to be a candidate when nothing closer exists.
  expect(
    (await findSimilarIdeas({ viewer: author, params: { espace: null, titre: `${w}`, texte: "" } })).length,
  ).toBeGreaterThan(0);
  const byBody = await findSimilarIdeas({
    viewer: author,
    params: { espace: SPACES.public, titre: `Rapport apparent`, texte: `Parle de ${w}` },
  });
  expect(byBody.map((i) => i.id)).toContain(wordOnly.id);
  // Too short to say anything: no suggestions.
  expect(await findSimilarIdeas({ viewer: author, params: { espace: SPACES.public, titre: "Un", texte: "" } })).toEqual(
    [],
  );
  expect(others).toHaveLength(6);
});

test("the suggestions endpoint answers JSON for visible ideas only, and 404s nothing it should not reveal", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const w = token();
  const internal = await makeIdea({
    author: employee,
    space: SPACES.internal,
    title: `Badge d'accès ${w} pour les agents`,
  });
  const c = new HttpClient(app.url);
  const url = `/api/idees-similaires?espace=${SPACES.internal}&titre=${encodeURIComponent(`Badge d'accès ${w}`)}&texte=`;
  const anonymous = await c.get(url);
  expect(anonymous.status).toBe(200);
  expect(await anonymous.json()).toEqual({ ideas: [] });
  await c.signIn(employee.email, employee.password);
  const res = await c.get(url);
  expect(res.headers.get("cache-control")).toContain("no-store");
  const body = (await res.json()) as { ideas: { id: string; title: string }[] };
  expect(body.ideas.map((i) => i.id)).toEqual([internal.id]);
  expect(Object.keys(body.ideas[0]!).sort()).toEqual(["id", "spaceSlug", "stage", "supports", "title"]);
});

test("edits and new ideas are searchable at once: the trigger keeps the vector in step with the title", async () => {
  const author = await makeUser();
  const w = token();
  const idea = await makeIdea({ author, title: `Ancien intitulé ${w}` });
  await prisma.idea.update({ where: { id: idea.id }, data: { title: `Nouvel intitulé ${w} sur la mobilité` } });
  expect(await titles(null, `mobilité ${w}`)).toEqual([`Nouvel intitulé ${w} sur la mobilité`]);
  expect(await titles(null, `ancien ${w}`)).toEqual([]);
  expect(parseSearchParams(new URLSearchParams(`q=${w}`))?.q).toBe(w);
});

test("hidden ideas are absent from search and suggestions; a challenge filter keeps only its ideas", async () => {
  const author = await makeUser();
  const reader = await makeUser();
  const w = token();
  await makeIdea({ author, title: `Un guichet unique ${w} pour tous` });
  const hidden = await makeIdea({ author, title: `Un guichet masqué ${w} par la modération` });
  await prisma.idea.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenKind: "PENDING_REVIEW" } });
  expect(await titles(reader, w)).toEqual([`Un guichet unique ${w} pour tous`]);
  const similar = await findSimilarIdeas({
    viewer: reader,
    params: { espace: SPACES.public, titre: `guichet ${w}`, texte: "" },
  });
  expect(similar.map((s) => s.id)).not.toContain(hidden.id);

  const space = await prisma.space.findUniqueOrThrow({ where: { slug: SPACES.public }, select: { id: true } });
  const challenge = await prisma.challenge.create({
    data: {
      id: `defi${Date.now()}`,
      spaceId: space.id,
      title: "Défi guichet",
      cover: "Un défi.",
      brief: "Le brief.",
      opensAt: new Date(Date.now() - 1000),
      closesAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  const inChallenge = await makeIdea({ author, title: `Un guichet du défi ${w}` });
  await prisma.idea.update({ where: { id: inChallenge.id }, data: { challengeId: challenge.id } });
  expect(await titles(reader, w, { defi: challenge.id })).toEqual([`Un guichet du défi ${w}`]);
  expect((await titles(reader, w)).sort()).toEqual(
    [`Un guichet du défi ${w}`, `Un guichet unique ${w} pour tous`].sort(),
  );
});
