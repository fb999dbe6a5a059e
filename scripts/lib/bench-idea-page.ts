// The most discussed idea's page for `npm run bench` (issue 18: "within 2× the list page's rate";
// docs/decisions/0043-most-discussed-idea-page.md). The seed gives one idea a long discussion — 500
// top-level comments and 1,500 replies by 300 people, markdown bodies of a few hundred characters (lists,
// links, quotes, mentions), some edited, hidden by moderation or deleted — and the phase measures its
// page (the first page of the thread: COMMENT_PAGE_SIZE top-level comments with their replies) next to the list page's
// rate measured in the same run, with a normal idea page (no comments) beside it.
import type pg from "pg";
import { COMMENT_PAGE_SIZE } from "../../app/models/comment.ts";
import { appCpuRatio, type CpuPerRequest } from "./bench-cpu.ts";
import { browserFetch } from "./bench-http.ts";

type Stats = { rps: number; cpu?: CpuPerRequest | null };

/** The idea the discussion is seeded on: the most voted one of the bench's skewed seed. */
export const DISCUSSED_IDEA = "bench-i1";
/** An idea without comments, for the normal idea page: the 5,000th, or the last one of a smaller seed. */
const quietIdea = (ideas: number) => `bench-i${Math.min(5_000, ideas)}`;
const ROOTS = 500;
const REPLIES = 1_500;
const AUTHORS = 300;

// Bodies of realistic length and shape (a few hundred characters of markdown), by turns.
const BODIES = [
  `Je suis d'accord sur le constat : à l'accueil, **on passe trop de temps** à expliquer où trouver les formulaires. Une borne bien placée réglerait une partie du problème, à condition qu'un agent reste disponible pour les personnes qui ne sont pas à l'aise avec le numérique.`,
  `Deux remarques :\n\n1. Le créneau du matin est déjà saturé, il faudrait commencer par l'après-midi.\n2. Les conseillers devraient être associés dès le départ, sinon l'outil ne sera pas utilisé.\n\nSur le fond, l'idée me paraît **très utile**.`,
  `Nous avons testé quelque chose de proche dans notre agence l'an dernier (voir [le compte rendu](https://example.org/retour-experience)). Résultat : *moins d'attente*, mais il a fallu revoir l'affichage deux fois avant que les usagers s'y retrouvent.`,
  `> on passe trop de temps à expliquer où trouver les formulaires\n\nC'est exactement ce que je vis chaque semaine. Je rajouterais que les courriers ne sont pas toujours clairs non plus : beaucoup de personnes viennent à l'accueil juste pour comprendre ce qu'on leur demande.`,
  `[@Votant 7](/personnes/bench-u7) a raison sur le coût, mais il faut le comparer au temps gagné. Quelques chiffres de notre côté :\n\n- 40 visites par jour pour la même question ;\n- 10 minutes en moyenne par visite ;\n- presque autant d'appels téléphoniques.`,
  `Bonne idée. Attention quand même à l'**accessibilité** : contraste, taille des caractères, lecteur d'écran, et une version en FALC pour les documents les plus demandés. Sans cela on exclut une partie du public qu'on veut justement aider.`,
  `Je ne suis pas convaincu. Le vrai sujet, c'est le nombre de conseillers par agence ; un outil de plus ne changera pas grand-chose si personne n'a le temps de s'en occuper. Avant d'investir, pourrait-on mesurer ce qui bloque vraiment ?`,
  `Merci pour cette proposition !\n\nPour compléter : la page [Mes démarches](/espaces/emploi-store-idees) pourrait reprendre les mêmes explications, comme ça les personnes auraient l'information *avant* de se déplacer. \`code postal\` et horaires d'ouverture en tête de page.`,
];

/** A last sentence that makes each body its own (no two comments are the same text). */
const ending = (n: string) =>
  `E'\\n\\nÀ revoir ' || (array['à la prochaine réunion', 'avec l''équipe', 'en agence', 'le mois prochain'])[1 + (${n}) % 4] || ' (point ' || (${n}) || ').'`;

/** The discussion on DISCUSSED_IDEA (the bench's users `bench-u<n>` must exist); its counts folded. */
export async function seedDiscussion(client: pg.Client) {
  const bodies = `array[${BODIES.map((b) => `'${b.replaceAll("'", "''")}'`).join(", ")}]`;
  // Top-level comments an hour apart, oldest first; every 10th edited, every 50th hidden by a
  // moderator, every 80th deleted. Replies: each a few minutes after the comment it answers.
  await client.query(`insert into comments (id, idea_id, author_id, parent_id, body, created_at, updated_at,
                        edited_at, deleted_at, hidden_at, hidden_kind, hidden_reason)
    select 'bench-c' || g, '${DISCUSSED_IDEA}', 'bench-u' || (1 + (g * 7919) % ${AUTHORS}), null,
           (${bodies})[1 + g % ${BODIES.length}] || ${ending("g")},
           now() - ((${ROOTS} - g) || ' hours')::interval, now(),
           case when g % 10 = 0 then now() - ((${ROOTS} - g) || ' hours')::interval + interval '5 minutes' end,
           case when g % 80 = 0 then now() end,
           case when g % 50 = 0 then now() end,
           case when g % 50 = 0 then 'MODERATOR'::"HiddenKind" end,
           case when g % 50 = 0 then 'Hors sujet' end
      from generate_series(1, ${ROOTS}) g`);
  await client.query(`insert into comments (id, idea_id, author_id, parent_id, body, created_at, updated_at,
                        edited_at, hidden_at, hidden_kind, hidden_reason)
    select 'bench-r' || g, '${DISCUSSED_IDEA}', 'bench-u' || (1 + (g * 104729) % ${AUTHORS}),
           'bench-c' || (1 + g % ${ROOTS}), (${bodies})[1 + (g * 3) % ${BODIES.length}] || ${ending("g + 7")},
           now() - ((${ROOTS} - 1 - g % ${ROOTS}) || ' hours')::interval + (g / ${ROOTS} + 1) * interval '7 minutes',
           now(),
           case when g % 12 = 0 then now() end,
           case when g % 97 = 0 then now() end,
           case when g % 97 = 0 then 'PENDING_REVIEW'::"HiddenKind" end,
           null
      from generate_series(1, ${REPLIES}) g`);
  await client.query(`update ideas i set comment_count = i.comment_count + d.n
      from (select idea_id, sum(comments)::int n from idea_counter_deltas group by idea_id) d where d.idea_id = i.id`);
  await client.query("truncate idea_counter_deltas");
}

export async function ideaPagePhase<S extends Stats>(options: {
  base: string;
  seconds: number;
  /** The list page's rate in this run (anonymous, "most supported", concurrency 16). */
  list: S;
  /** How many ideas were seeded (`bench-i1` … `bench-i<ideas>`): the quiet idea is one of them. */
  ideas: number;
  load: (concurrency: number, seconds: number, task: (i: number) => Promise<boolean>) => Promise<S>;
  fmt: (s: S, note?: string) => string;
  loadAverage: () => string;
}) {
  const { base, seconds, list, load, fmt, loadAverage } = options;
  let bytes = 0;
  const page = (path: string) => async () => {
    const res = await browserFetch(`${base}${path}`);
    bytes = (await res.arrayBuffer()).byteLength;
    return res.ok;
  };
  const discussed = page(`/idees/${DISCUSSED_IDEA}`);
  await load(4, 2, discussed); // warm-up
  console.log(
    `\nThe most discussed idea's page (anonymous; ${ROOTS + REPLIES} comments, the first ${COMMENT_PAGE_SIZE} top-level ones with their replies shown), concurrency 16:`,
  );
  const most = await load(16, seconds, discussed);
  console.log(`  discussed  ${fmt(most, `${(bytes / 1024).toFixed(0)} KB of HTML`)}`);
  const quiet = await load(16, seconds, page(`/idees/${quietIdea(options.ideas)}`));
  console.log(`  no comment ${fmt(quiet, `${(bytes / 1024).toFixed(0)} KB of HTML`)}`);
  const byCpu = appCpuRatio(most.cpu, list.cpu);
  console.log(
    `  → the most discussed idea's page at ${(most.rps / list.rps).toFixed(2)}× the list page's ${list.rps.toFixed(0)} pages/s (target ≥ 0.5×; ${loadAverage()})${byCpu && `\n    ${byCpu}`}`,
  );
}
