// Search relevance on a fixed corpus, and the bound on ranking (docs/decisions/0034-search-at-a-million.md):
// search ranks at most SEARCH_CANDIDATES ideas, chosen in hot order among the title matches and among all
// matches; these tests prove that the top results stay the relevant ones when a word matches more.
import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "~/lib/db.server.ts";
import { findSimilarIdeas, searchIdeas } from "~/models/search.server.ts";
import { SEARCH_CANDIDATES, SEARCH_MAX_PAGE, splitHighlights } from "~/models/search.ts";
import { getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { searchParams } from "./support/search.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});

// Each test has its own invented word, so ideas of other tests never match.
let n = 0;
const token = () => `quorv${"abcdefghij"[n++ % 10]}${"abcdefghij"[Math.floor(Math.random() * 10)]}ax`;
const params = searchParams;
const titlesFor = async (q: string) =>
  (await searchIdeas({ viewer: null, params: params(q) })).items.map((i) =>
    splitHighlights(i.title)
      .map((p) => p.text)
      .join(""),
  );
const yearsAgo = (years: number) => new Date(Date.now() - years * 365 * 24 * 3600_000);

const bulkIds: string[] = [];
afterAll(async () => {
  await app?.close();
  // The many-matches corpus would crowd the public space's hot list of later test files: removed.
  if (bulkIds.length) await pool.query("delete from ideas where id like any($1::text[])", [bulkIds]);
});

test("a fixed corpus: title matches first, then tags, then body; all words before some; phrases; accents folded", async () => {
  const author = await makeUser();
  const w = token();
  const corpus = {
    bothInTitle: `Un accueil en agence sans attente ${w}`,
    oneInTitle: `Repenser l'accueil des jeunes ${w}`,
    phrase: `Simplifier la prise de rendez-vous ${w}`,
    scattered: `Une prise en charge dès le premier rendez-vous ${w}`,
    accented: `Le réseau des partenaires de l'emploi ${w}`,
    bodyOnly: `Une idée sans rapport ${w}`,
  };
  const bodies: Record<keyof typeof corpus, string> = {
    bothInTitle: "Des bornes et un guichet.",
    oneInTitle: "Chaque agence recevrait les jeunes le mercredi.",
    phrase: "En ligne, en deux clics.",
    scattered: "Un rendez-vous pris tôt, une prise de contact rapide.",
    accented: "Un annuaire commun.",
    bodyOnly: "Il faudrait parler d'accueil en agence, et de reseau.",
  };
  for (const key of Object.keys(corpus) as (keyof typeof corpus)[])
    await makeIdea({ author, title: corpus[key], body: bodies[key] });

  // Both words in the title, then one in the title and one in the body, then both only in the body.
  expect(await titlesFor(`accueil agence ${w}`)).toEqual([corpus.bothInTitle, corpus.oneInTitle, corpus.bodyOnly]);
  // A quoted phrase: only the idea holding those words in that order, not the one where they are scattered.
  expect(await titlesFor(`"prise de rendez-vous" ${w}`)).toEqual([corpus.phrase]);
  expect((await titlesFor(`prise rendez-vous ${w}`)).sort()).toEqual([corpus.phrase, corpus.scattered].sort());
  // Accents and plurals are folded both ways; the title match first.
  expect(await titlesFor(`RÉSEAUX ${w}`)).toEqual([corpus.accented, corpus.bodyOnly]);
  expect(await titlesFor(`reseau ${w}`)).toEqual([corpus.accented, corpus.bodyOnly]);
});

test("a word matching more ideas than are ranked: old title matches still come first, the total says “more than”", async () => {
  const author = await makeUser();
  const w = token();
  // Two old, unsupported ideas with the word in the title: last in hot order.
  const old = [
    await makeIdea({ author, title: `Ancienne idée ${w} un`, createdAt: yearsAgo(3) }),
    await makeIdea({ author, title: `Ancienne idée ${w} deux`, createdAt: yearsAgo(2) }),
  ];
  // Many newer ideas with the word in their body only: more than a search ranks.
  const space = await getSpace(SPACES.public);
  const many = SEARCH_CANDIDATES + 100;
  const prefix = `relevance-${w}-`;
  bulkIds.push(`${prefix}%`);
  await pool.query(
    `insert into ideas (id, space_id, author_id, title, body, summary, updated_at)
     select $1 || g, $2, $3, 'Une idée récente numéro ' || g, 'Le corps parle de ' || $4 || ' une fois.', 'Résumé', now()
       from generate_series(1, $5::int) g`,
    [prefix, space.id, author.id, w, many],
  );

  const first = await searchIdeas({ viewer: null, params: params(w) });
  expect(first.items.slice(0, 2).map((i) => i.id)).toEqual([old[1]!.id, old[0]!.id]);
  expect(first.items.slice(2).every((i) => i.id.startsWith(prefix))).toBe(true);
  expect(first.capped).toBe(true);
  expect(first.total).toBe(SEARCH_CANDIDATES);
  expect(first.hasNext).toBe(true);
  // The last page offered is full and offers no next one.
  const last = await searchIdeas({ viewer: null, params: params(w, { page: SEARCH_MAX_PAGE }) });
  expect(last.items.length).toBeGreaterThan(0);
  expect(last.hasNext).toBe(false);
  // The page says "more than", in the total and in the pager, in French and in English.
  const anonymous = new HttpClient(app.url);
  const fr = await (await anonymous.get(`/recherche?q=${w}`)).text();
  expect(fr).toContain(`Plus de ${SEARCH_CANDIDATES} résultats pour « ${w} »`);
  expect(fr).toContain(`Résultats 1–20 sur plus de ${SEARCH_CANDIDATES}`);
  const en = await (
    await anonymous.get(`/recherche?q=${w}&page=${SEARCH_MAX_PAGE}`, { "Accept-Language": "en" })
  ).text();
  expect(en).toContain(`More than ${SEARCH_CANDIDATES} results for “${w}”`);
  expect(en).toContain(`Results 181–200 of more than ${SEARCH_CANDIDATES}`);

  // With a second word that only the old ideas hold, the total is exact again.
  const narrow = await searchIdeas({ viewer: null, params: params(`${w} ancienne`) });
  expect(narrow.capped).toBe(false);
  expect(narrow.total).toBe(2);
});

test("the narrow search table follows its idea: moves, hiding and deletion reach it in the same transaction", async () => {
  const author = await makeUser();
  const w = token();
  const idea = await makeIdea({ author, title: `Suivi ${w}` });
  // What the row says, and whether its title words match the old and the new title.
  const row = async () =>
    (
      await pool.query<{ stage: string; hidden: boolean; old: boolean; new: boolean }>(
        `select stage, hidden_at is not null as hidden,
                title_words @@ plainto_tsquery('fr_unaccent', idees_fr_normalize('suivi')) as old,
                title_words @@ plainto_tsquery('fr_unaccent', idees_fr_normalize('nouveau titre')) as new
           from idea_search where idea_id = $1`,
        [idea.id],
      )
    ).rows[0];
  expect(await row()).toEqual({ stage: "PROPOSED", hidden: false, old: true, new: false });
  await pool.query(
    "update ideas set title = $2, stage = 'UNDER_REVIEW', hidden_at = now(), hidden_kind = 'PENDING_REVIEW' where id = $1",
    [idea.id, `Nouveau titre ${w}`],
  );
  expect(await row()).toEqual({ stage: "UNDER_REVIEW", hidden: true, old: false, new: true });
  await pool.query("delete from ideas where id = $1", [idea.id]);
  expect(await row()).toBeUndefined();
});

test("suggestions while typing: the last word is a prefix, a typo still finds the idea, nothing close gives nothing", async () => {
  const author = await makeUser();
  const w = token();
  const target = await makeIdea({ author, title: `Simplifier l'inscription ${w} en agence` });
  await makeIdea({ author, title: `Moderniser les bornes ${w}` });
  const similar = async (titre: string) =>
    (await findSimilarIdeas({ viewer: null, params: { espace: SPACES.public, titre, texte: "" } })).map((i) => i.id);
  // « l'inscri » is being typed: it matches « l'inscription » as a prefix.
  expect((await similar(`${w} simplifier l'inscri`))[0]).toBe(target.id);
  // A typo in one word: titles holding the other words are candidates, trigram similarity ranks them.
  expect((await similar(`Simplifer l'inscription ${w} en agence`))[0]).toBe(target.id);
  expect(await similar(`Zyxwv qwertz ${w}qq`)).toEqual([]);
});
