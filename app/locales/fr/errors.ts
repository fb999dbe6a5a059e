// Error pages and rate limits.
export const errors = {
  "rateLimit.tooManySeconds":
    "Trop de tentatives en peu de temps. Réessayez dans {seconds, plural, one {# seconde} other {# secondes}}.",
  "rateLimit.tooManyMinutes":
    "Trop de tentatives en peu de temps. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.",
  "error.tooManyTitle": "Trop de tentatives",
  "error.tooMany": "Vous allez un peu vite. Réessayez dans quelques instants.",
  "error.notFoundTitle": "Page introuvable",
  "error.notFound": "Cette page n'existe pas ou vous n'y avez pas accès.",
  "error.forbiddenTitle": "Accès refusé",
  "error.forbidden": "Vous n'avez pas les droits nécessaires pour cette action.",
  "error.badRequestTitle": "Requête invalide",
  "error.badRequest": "La requête n'a pas pu être traitée.",
  "error.genericTitle": "Une erreur est survenue",
  "error.generic": "Nous n'avons pas pu traiter votre demande. Réessayez dans un instant.",
  "error.unavailableTitle": "Service momentanément indisponible",
  "error.unavailable": "Le service ne peut pas répondre pour le moment. Réessayez dans quelques secondes.",
  "error.backHome": "Retour à l'accueil",
};
