// Search, sorts and similar ideas (docs/decisions/0011-search-and-ranking.md).
export const search = {
  "search.landmark": "Rechercher dans les idées",
  "search.pageLandmark": "Recherche avec filtres",
  "search.label": "Rechercher des idées",
  "search.submit": "Rechercher",
  "search.title": "Recherche",
  "search.titleFor": "Recherche : {q}",
  "search.help":
    "Astuces : « des guillemets » pour une expression exacte, un signe moins pour exclure un mot (-papier). Les accents et les pluriels sont ignorés.",
  "search.prompt": "Saisissez un ou plusieurs mots pour trouver des idées.",
  "search.results": "{count, plural, =0 {Aucun résultat} one {# résultat} other {# résultats}} pour « {q} »",
  "search.empty": "Aucune idée ne correspond à votre recherche. Essayez d'autres mots ou retirez des filtres.",
  "search.filters": "Filtres",
  "search.space": "Espace",
  "search.allSpaces": "Tous les espaces",
  "search.stage": "Étape",
  "search.allStages": "Toutes les étapes",
  "search.challenge": "Défi",
  "search.allChallenges": "Tous les défis",
  "search.tag": "Mot-clé",
  "search.apply": "Appliquer",
  "search.in": "dans {space}",
  "search.pager": "Pages de résultats",
  "search.previous": "Résultats précédents",
  "search.next": "Résultats suivants",
  "search.page": "Page {page}",
  "similar.title": "Des idées qui y ressemblent",
  "similar.intro":
    "L'une d'elles est peut-être déjà la vôtre : vous pouvez la soutenir ou la commenter plutôt que d'en publier une nouvelle.",
  "similar.announce":
    "{count, plural, =0 {Aucune idée ressemblante} one {# idée ressemblante trouvée} other {# idées ressemblantes trouvées}}",
  "similar.supports": "{count, plural, =0 {aucun soutien} one {# soutien} other {# soutiens}}",
};
