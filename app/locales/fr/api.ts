// The read API, its documentation page, personal API tokens and the open-data exports
// (docs/decisions/0026-read-api.md).
export const api = {
  "api.title": "API de lecture",
  "api.footer": "API",
  "api.intro":
    "L'API de lecture donne, en JSON, ce que vous voyez sur les pages : espaces, idées, commentaires, défis, idées en production et chiffres par espace. Sans jeton, elle montre l'espace public ; avec un jeton personnel, elle agit avec votre visibilité.",
  "api.introContract":
    "Le contrat ci-dessous est généré à partir des schémas qui forment les réponses. Le document OpenAPI 3.1 complet : ",
  "api.usage": "Utilisation",
  "api.usageToken":
    "Envoyez votre jeton dans l'en-tête « Authorization: Bearer <jeton> ». Créez-le et révoquez-le depuis votre compte.",
  "api.usageCache":
    "Chaque réponse porte un ETag : renvoyez-le dans « If-None-Match » pour recevoir 304 quand rien n'a changé. Les listes se parcourent avec le lien « next ».",
  "api.usageLimits":
    "Les appels sont limités par jeton et par adresse ; les en-têtes RateLimit-* indiquent où vous en êtes. Les erreurs sont des « problem details » (RFC 9457).",
  "api.endpoints": "Points d'accès",
  "api.parameters": "Paramètres",
  "api.parameter": "Paramètre",
  "api.in": "Où",
  "api.in.path": "chemin",
  "api.in.query": "requête",
  "api.required": "obligatoire",
  "api.description": "Description",
  "api.responses": "Réponses",
  "api.responsesList": "Réponses : {list}",
  "api.noParameters": "Aucun paramètre.",
  "api.openData": "Données ouvertes",
  "api.openDataLink": "Télécharger les idées de l'espace public",

  "api.op.listSpaces": "Les espaces que l'appelant peut voir.",
  "api.op.getSpaceFigures":
    "Les chiffres d'un espace : idées listées par étape, leurs soutiens et commentaires, ses défis.",
  "api.op.listIdeas": "Les idées, filtrées et triées comme sur les pages, 20 par page.",
  "api.op.getIdea":
    "Une idée : source markdown et HTML nettoyé, compteurs, historique des étapes, expérimentation, mise en production.",
  "api.op.listComments":
    "Les commentaires d'une idée que l'appelant peut lire, du plus ancien au plus récent, avec leurs réponses.",
  "api.op.getHackathon":
    "Un hackathon : calendrier, phase en cours, chiffres, projets ; les moyennes du jury une fois les résultats publiés.",
  "api.op.listChallenges": "Les défis des espaces visibles : ouverts, à venir, puis les plus récents des défis passés.",
  "api.op.listProduction":
    "Les idées en production, les plus récentes d'abord, avec leur déploiement et les résultats de l'expérimentation.",
  "api.param.slug": "L'identifiant (slug) de l'espace.",
  "api.param.hackathonId": "L'identifiant du hackathon (celui de son défi).",
  "api.param.id": "L'identifiant de l'idée.",
  "api.param.space": "L'identifiant (slug) d'un espace ; obligatoire pour la liste des idées, sauf avec « q ».",
  "api.param.stage": "Seulement les idées à cette étape.",
  "api.param.tag": "Seulement les idées portant ce mot-clé (en minuscules).",
  "api.param.challenge": "Seulement les idées proposées dans ce défi (son identifiant).",
  "api.param.q":
    "Recherche plein texte (mots, « une expression », -exclus), dans les espaces visibles sauf si « space » est donné.",
  "api.param.sort":
    "hot (par défaut), top, newest, discussed — comme sur la page d'un espace ; relevance pour une recherche.",
  "api.param.cursor": "Où reprendre : à prendre dans « next ».",

  "api.tokens.title": "Jetons d'API",
  "api.tokens.intro":
    "Un jeton personnel permet à un programme de lire l'API avec votre visibilité. Il n'est affiché qu'une fois : copiez-le aussitôt. Révoquez-le s'il a pu fuiter.",
  "api.tokens.docs": "Documentation de l'API",
  "api.tokens.none": "Aucun jeton.",
  "api.tokens.list": "Vos jetons d'API",
  "api.tokens.name": "Nom",
  "api.tokens.nameHint": "Pour vous rappeler à quoi il sert, par exemple « tableau de bord de l'agence ».",
  "api.tokens.lifetime": "Durée de validité",
  "api.tokens.days": "{days, plural, one {# jour} other {# jours}}",
  "api.tokens.create": "Créer un jeton",
  "api.tokens.created": "Création",
  "api.tokens.expires": "Expiration",
  "api.tokens.expired": "Expiré le {date}",
  "api.tokens.lastUsed": "Dernière utilisation",
  "api.tokens.never": "Jamais",
  "api.tokens.revoke": "Révoquer",
  "api.tokens.revoked": "Le jeton est révoqué.",
  "api.tokens.newToken": "Votre nouveau jeton « {name} »",
  "api.tokens.copyNow": "Copiez-le maintenant : il ne sera plus jamais affiché.",
  "api.tokens.what": "le jeton",
  "api.tokens.tooMany": "Vous avez déjà {max} jetons valides : révoquez-en un d'abord.",

  "api.problem.unauthorizedTitle": "Jeton refusé",
  "api.problem.unauthorized": "Le jeton est inconnu, révoqué ou expiré.",
  "api.problem.invalidParamTitle": "Paramètre invalide",
  "api.problem.invalidParam": "Le paramètre « {name} » est invalide : {reason}",
  "api.problem.unknownParam": "paramètre inconnu.",
  "api.problem.repeatedParam": "donné plusieurs fois.",
  "api.problem.badValue": "valeur non acceptée.",
  "api.problem.spaceOrQuery": "donnez un espace, ou une recherche dans « q ».",
  "api.problem.relevanceNeedsQuery": "le tri « relevance » demande une recherche dans « q ».",
  "api.problem.queryIsRelevance": "une recherche se trie par pertinence (« relevance »).",
  "api.problem.badCursor": "curseur illisible ; reprenez au lien « next » d'une réponse.",

  "openData.title": "Données ouvertes",
  "openData.footer": "Données ouvertes",
  "openData.intro":
    "Les idées de l'espace public, avec leur étape, leurs dates, leurs soutiens et commentaires, leurs mots-clés, leur défi et leur mise en production. Les idées masquées par la modération ou fusionnées n'y figurent pas, ni aucune donnée personnelle.",
  "openData.licence": "Ces données sont publiées sous licence ouverte :",
  "openData.licenceName": "Licence Ouverte 2.0 d'Etalab",
  "openData.files": "Fichiers",
  "openData.csv": "Idées au format CSV (UTF-8, séparateur virgule)",
  "openData.json": "Idées au format JSON",
  "openData.generated": "Mis à jour au plus toutes les heures ; dernière génération : {date}.",
  "openData.notYet": "Les fichiers seront générés à la première demande.",
};
