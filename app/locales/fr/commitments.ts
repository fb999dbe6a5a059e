// Engagements de délai de réponse (docs/decisions/0028-response-time-commitments.md).
export const commitments = {
  "commitments.title": "Nos engagements de réponse",
  "commitments.link": "Nos engagements de réponse",
  "commitments.space": "Espace : {space}",
  "commitments.answer": "Chaque idée reçoit une première réponse sous {days, plural, one {# jour} other {# jours}}.",
  "commitments.review": "Une idée à l'étude reçoit une décision sous {days, plural, one {# jour} other {# jours}}.",
  "commitments.noAnswer": "Aucun délai de première réponse n'est fixé pour cet espace.",
  "commitments.noReview": "Aucune durée d'étude n'est fixée pour cet espace.",
  "commitments.definition":
    "Une idée a reçu sa première réponse quand elle quitte l'étape « Proposée » (mise à l'étude, refusée ou archivée avec un motif) ou quand l'équipe publie sa réponse officielle, selon ce qui arrive en premier. Une idée est à l'étude tant qu'elle est à l'étape « À l'étude ». Les délais se comptent en jours calendaires, heure de Paris.",
  "commitments.record": "Le bilan des 12 derniers mois",
  "commitments.recordIntro":
    "Sur les idées proposées depuis douze mois, hors idées masquées par la modération ou fusionnées avec une autre.",
  "commitments.share": "Réponses dans le délai",
  "commitments.shareDetail":
    "{within} sur {settled} idées dont l'issue est connue (répondues, ou en attente au-delà du délai).",
  "commitments.median": "Délai médian de première réponse",
  "commitments.days": "{days, plural, =0 {le jour même} one {# jour} other {# jours}}",
  "commitments.proposed": "Idées proposées",
  "commitments.answered": "Idées ayant reçu une réponse",
  "commitments.waitingOverdue": "En attente au-delà du délai",
  "commitments.waitingWithin": "En attente, dans le délai",
  "commitments.none": "Pas encore de donnée",
  "commitments.edit": "Fixer les engagements de cet espace",
  "commitments.answerField": "Délai de première réponse, en jours",
  "commitments.reviewField": "Durée d'étude, en jours",
  "commitments.fieldHint": "Un nombre entier de 1 à 365 ; laissez vide pour ne pas fixer d'engagement.",
  "commitments.save": "Enregistrer les engagements",
  "commitments.saved": "Les engagements sont enregistrés.",
  "commitments.daysInvalid": "Un nombre entier de jours, de 1 à 365.",
  "response.answered": "Réponse en {days, plural, =0 {moins d'un jour} one {# jour} other {# jours}}",
  "response.answeredCommitment":
    "Réponse en {days, plural, =0 {moins d'un jour} one {# jour} other {# jours}} (engagement : {commitment} jours)",
  "response.waiting": "En attente de réponse depuis {days, plural, =0 {aujourd'hui} one {# jour} other {# jours}}",
  "response.waitingCommitment":
    "En attente de réponse depuis {days, plural, =0 {aujourd'hui} one {# jour} other {# jours}} (engagement : {commitment} jours)",
  "response.review": "À l'étude depuis {days, plural, =0 {aujourd'hui} one {# jour} other {# jours}}",
  "response.reviewCommitment":
    "À l'étude depuis {days, plural, =0 {aujourd'hui} one {# jour} other {# jours}} (engagement : {commitment} jours)",
  "response.overdue": "En retard",
  "response.label": "Délai de réponse",
  "commitments.boardOverdueOnly": "En retard seulement",
  "commitments.boardSort": "Ordre des colonnes en attente",
  "commitments.boardSortStage": "Par ancienneté dans l'étape",
  "commitments.boardSortUrgency": "Par urgence (échéance)",
  "commitments.boardOverdue": "En retard de {days, plural, one {# jour} other {# jours}}",
  "commitments.boardDue": "Échéance : {date}",
  "notification.overdue":
    "{count, plural, one {# idée attend} other {# idées attendent}} au-delà de l'engagement de réponse de son espace.",
  "preferences.type.commitment.overdue": "Rappel hebdomadaire des idées en retard (gestionnaires)",
  "audit.action.space.commitments": "Engagements de réponse modifiés",
};
