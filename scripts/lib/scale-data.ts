// Agency-scale data for `npm run seed:scale` and the discovery benchmark: realistic French ideas built
// in SQL from word lists (generate_series; setseed makes the texts repeatable), skewed votes and
// comments. Ideas go through the database trigger (search vector, trigram title, hot score); votes and
// comments are bulk-inserted with triggers off and the count columns set once at the end, as the fold
// would have left them.
import type pg from "pg";

const VERBS = [
  "Simplifier",
  "Améliorer",
  "Créer",
  "Développer",
  "Faciliter",
  "Moderniser",
  "Proposer",
  "Dématérialiser",
  "Renforcer",
  "Accompagner",
  "Mutualiser",
  "Repenser",
  "Clarifier",
  "Généraliser",
  "Expérimenter",
  "Ouvrir",
];
const OBJECTS = [
  "l'inscription en ligne",
  "l'accueil en agence",
  "le suivi des demandeurs d'emploi",
  "les ateliers de recherche d'emploi",
  "la prise de rendez-vous",
  "les offres d'emploi",
  "le CV numérique",
  "la formation des conseillers",
  "les aides à la mobilité",
  "la préparation aux entretiens d'embauche",
  "l'actualisation mensuelle",
  "le réseau des partenaires",
  "la relation avec les entreprises",
  "l'orientation professionnelle",
  "les salons de recrutement",
  "la messagerie avec le conseiller",
  "l'indemnisation",
  "la reconversion professionnelle",
  "l'apprentissage",
  "les immersions en entreprise",
  "le tableau de bord personnel",
  "les notifications par SMS",
  "la validation des acquis",
  "les bornes d'accueil",
];
const COMPLEMENTS = [
  "pour les jeunes",
  "en zone rurale",
  "pour les seniors",
  "avec les entreprises locales",
  "grâce au numérique",
  "dans chaque agence",
  "pour les personnes en situation de handicap",
  "pendant la période d'essai",
  "en quartier prioritaire",
  "pour les cadres",
  "avec les collectivités",
  "dès le premier rendez-vous",
  "sur mobile",
  "pour les saisonniers",
  "en outre-mer",
  "pour les créateurs d'entreprise",
];
const OBSERVATIONS = [
  "Aujourd'hui, beaucoup de demandeurs d'emploi abandonnent la démarche avant la fin.",
  "Les conseillers passent trop de temps sur des tâches administratives répétitives.",
  "Les entreprises du territoire peinent à recruter alors que des candidats existent.",
  "Les informations sont dispersées entre plusieurs sites et plusieurs courriers.",
  "Les files d'attente à l'accueil sont longues le lundi matin.",
  "Les jeunes connaissent mal les dispositifs auxquels ils ont droit.",
  "Les personnes éloignées du numérique ont du mal à suivre leur dossier.",
  "Les offres publiées ne sont pas toujours à jour.",
];
const PROPOSALS = [
  "Je propose de regrouper les étapes dans un parcours unique et guidé.",
  "Il suffirait d'envoyer un rappel automatique la veille du rendez-vous.",
  "On pourrait organiser des rencontres mensuelles entre conseillers et employeurs.",
  "Un simulateur simple permettrait à chacun de connaître ses droits.",
  "Des permanences mobiles pourraient aller au-devant des publics isolés.",
  "Un tutoriel vidéo court expliquerait chaque démarche pas à pas.",
  "Les agences pourraient partager leurs bonnes pratiques sur un espace commun.",
  "Un référent unique suivrait la personne du début à la fin.",
];
const OUTCOMES = [
  "Cela ferait gagner du temps à tout le monde.",
  "Le taux de retour à l'emploi pourrait progresser sensiblement.",
  "Les usagers seraient mieux informés et moins inquiets.",
  "Les conseillers pourraient se concentrer sur l'accompagnement.",
  "Les entreprises trouveraient plus vite les bons profils.",
  "Ce serait peu coûteux à mettre en place et facile à mesurer.",
];
const TAGS = [
  "accueil",
  "numérique",
  "entreprises",
  "formation",
  "mobilité",
  "jeunes",
  "seniors",
  "handicap",
  "indemnisation",
  "rendez-vous",
  "partenaires",
  "orientation",
];

function progress(label: string, done: number, total: number) {
  if (!process.stderr.isTTY && done !== total && done % Math.max(1, Math.floor(total / 10)) !== 0) return;
  const width = 30;
  const ratio = total ? done / total : 1;
  const bar = "#".repeat(Math.round(ratio * width)).padEnd(width, " ");
  process.stderr.write(
    `\r  ${label.padEnd(9)} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("fr-FR")}/${total.toLocaleString("fr-FR")}${process.stderr.isTTY ? "" : "\n"}`,
  );
  if (done === total && process.stderr.isTTY) process.stderr.write("\n");
}

export type ScaleOptions = {
  ideas: number;
  votes: number;
  /** Comments in all (default: two per idea). */
  comments?: number;
  people?: number;
  /** Id prefix, so several runs can share a database. */
  prefix?: string;
  seed?: number;
  /** Share of ideas in the public space; the rest go to InnovAction. */
  publicShare?: number;
};

/** Fills the database; returns what was inserted. Expects the two spaces of the migrations. */
export async function seedScale(client: pg.Client, options: ScaleOptions) {
  const prefix = options.prefix ?? "scale-";
  const people = options.people ?? Math.max(1000, Math.min(100_000, options.ideas));
  const comments = options.comments ?? options.ideas * 2;
  const publicShare = options.publicShare ?? 0.8;
  const t0 = performance.now();

  await client.query(
    `insert into users (id, email, display_name, password_hash, role, updated_at)
     select $1 || 'u' || g, $1 || g || '@example.test', 'Personne ' || g, 'x',
            (case when g % 10 = 0 then 'EMPLOYEE' else 'PUBLIC' end)::"Role", now()
       from generate_series(1, $2::int) g`,
    [prefix, people],
  );

  // Ideas in SQL (generate_series), in chunks so the progress bar moves: one statement builds 100k
  // ideas from the word lists without shipping their text from node. setseed makes the texts repeatable.
  await client.query("select setseed($1)", [((options.seed ?? 42) % 1000) / 1000]);
  const IDEA_CHUNK = 10_000;
  for (let start = 1; start <= options.ideas; start += IDEA_CHUNK) {
    const end = Math.min(start + IDEA_CHUNK - 1, options.ideas);
    await client.query(
      `with w as (select $4::text[] verbs, $5::text[] objects, $6::text[] complements, $7::text[] observations,
                         $8::text[] proposals, $9::text[] outcomes, $10::text[] tags),
       g as (select g, random() r_space, random() r_author, random() r_created, random() r_ntags,
                    1 + floor(random() * cardinality(w.verbs))::int v, 1 + floor(random() * cardinality(w.objects))::int o,
                    1 + floor(random() * cardinality(w.complements))::int c,
                    1 + floor(random() * cardinality(w.observations))::int ob1, 1 + floor(random() * cardinality(w.observations))::int ob2,
                    1 + floor(random() * cardinality(w.proposals))::int p1, 1 + floor(random() * cardinality(w.proposals))::int p2,
                    1 + floor(random() * cardinality(w.outcomes))::int oc,
                    1 + floor(random() * cardinality(w.tags))::int t1, 1 + floor(random() * cardinality(w.tags))::int t2,
                    1 + floor(random() * cardinality(w.tags))::int t3
               from generate_series($2::int, $3::int) g, w),
       t as (select g.*, w.verbs[v] || ' ' || w.objects[o] || ' ' || w.complements[c] as title,
                    '**Constat.** ' || w.observations[ob1] || ' ' || w.observations[ob2] || E'\n\n**Proposition.** '
                      || w.proposals[p1] || ' ' || w.proposals[p2] || E'\n\n**Ce que ça changerait.** ' || w.outcomes[oc] as body,
                    array(select distinct x from unnest((array[w.tags[t1], w.tags[t2], w.tags[t3]])[1:1 + floor(r_ntags * 3)::int]) x) as tags,
                    now() - r_created * interval '365 days' as created_at
               from g, w)
       insert into ideas (id, space_id, author_id, title, body, summary, tags, created_at, stage_changed_at, updated_at)
       select $1 || 'i' || g, case when r_space < $11 then 'space-emploi-store' else 'space-innovaction' end,
              $1 || 'u' || (1 + floor(r_author * $12::int))::int, title, body,
              left(regexp_replace(replace(body, '**', ''), '\\s+', ' ', 'g'), 220), tags, created_at, created_at, created_at
         from t`,
      [prefix, start, end, VERBS, OBJECTS, COMPLEMENTS, OBSERVATIONS, PROPOSALS, OUTCOMES, TAGS, publicShare, people],
    );
    // What autovacuum does for a live database, done at once: the statistics follow the growing tables,
    // and the triggers' cached plans (chosen on empty tables: sequential scans) are made again. Without
    // it the seed is quadratic (20,000 ideas 37 s, 40,000 ideas 119 s).
    await client.query("analyze");
    progress("idées", end, options.ideas);
  }

  // Votes and comments: triggers off (no delta rows, no per-row foreign key checks), counts set below.
  await client.query("set session_replication_role = replica");
  const CHUNK = 250_000;
  // Skewed popularity: idea k is chosen with probability ∝ its rank's square-root share.
  const target = Math.round(options.votes * 1.05);
  for (let done = 0; done < target; done += CHUNK) {
    const n = Math.min(CHUNK, target - done);
    await client.query(
      `insert into votes (idea_id, user_id, created_at)
       select $1 || 'i' || (1 + floor(power(random(), 2) * $2::int))::int, $1 || 'u' || (1 + floor(random() * $3::int))::int,
              now() - random() * interval '300 days'
         from generate_series(1, $4::int)
       on conflict do nothing`,
      [prefix, options.ideas, people, n],
    );
    progress("soutiens", done + n, target);
  }
  for (let done = 0; done < comments; done += CHUNK) {
    const n = Math.min(CHUNK, comments - done);
    await client.query(
      `insert into comments (id, idea_id, author_id, body, created_at, updated_at)
       select $1 || 'c' || ($5::int + g), $1 || 'i' || (1 + floor(power(random(), 3) * $2::int))::int,
              $1 || 'u' || (1 + floor(random() * $3::int))::int, 'Bonne idée, je la soutiens.', now(), now()
         from generate_series(1, $4::int) g`,
      [prefix, options.ideas, people, n, done],
    );
    progress("commentaires", done + n, comments);
  }
  await client.query("reset session_replication_role");
  // What the fold would have left: exact columns (the ideas trigger computes hot_score from them).
  await client.query(
    `update ideas i set support_count = coalesce(v.n, 0), comment_count = coalesce(c.n, 0)
       from (select id from ideas where id like $1 || 'i%') x
       left join (select idea_id, count(*)::int n from votes where idea_id like $1 || 'i%' group by idea_id) v on v.idea_id = x.id
       left join (select idea_id, count(*)::int n from comments where idea_id like $1 || 'i%' and deleted_at is null group by idea_id) c on c.idea_id = x.id
      where i.id = x.id`,
    [prefix],
  );
  // The participation roll-up (docs/decisions/0038-participation-rollup.md), rebuilt for the same reason.
  await client.query("select idees_participation_rebuild()");
  // The stage counts' deltas (one per idea), folded as the app's job would, before the vacuum: CI's
  // PostgreSQL runs without autovacuum, and a delta table folded after it keeps its dead rows' pages
  // (1,834 at 100,000 ideas), which each read of the counts scans (docs/decisions/0052).
  await client.query(
    `with moved as (delete from space_stage_count_deltas returning space_id, stage, n)
     insert into space_stage_counts as c (space_id, stage, n)
     select space_id, stage, sum(n)::int from moved group by space_id, stage
     on conflict (space_id, stage) do update set n = c.n + excluded.n`,
  );
  // The pipeline roll-up's deltas (one COHORT per idea, docs/decisions/0050), for the same reason: rebuilt
  // from its views, which leaves no delta (the indicators' statements scan that table on every read).
  await client.query("select idees_pipeline_rebuild()");
  await client.query("vacuum analyze");
  const { rows } = await client.query<{ votes: number; comments: number }>(
    `select (select count(*)::int from votes where idea_id like $1 || 'i%') as votes,
            (select count(*)::int from comments where idea_id like $1 || 'i%') as comments`,
    [prefix],
  );
  const seconds = (performance.now() - t0) / 1000;
  return { ideas: options.ideas, people, votes: rows[0]!.votes, comments: rows[0]!.comments, seconds };
}
