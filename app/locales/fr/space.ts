// Space pages (lists of ideas).
export const space = {
  "space.audience.PUBLIC": "Public",
  "space.audience.INTERNAL": "Interne",
  "space.propose": "Proposer une idée",
  "space.signInToPropose": "Connectez-vous pour proposer une idée",
  "space.sort.label": "Trier les idées",
  "space.sort.newest": "Les plus récentes",
  "space.sort.top": "Les plus soutenues",
  "space.empty": "Aucune idée pour l'instant. Soyez la première personne à en proposer une !",
  "space.next": "Idées suivantes",
  "space.first": "Revenir au début",
  "space.pager": "Pagination",
  "space.stageFilter": "Étape",
  "space.allStages": "Toutes les étapes",
  "space.applyStage": "Filtrer",
  "space.sort.hot": "Tendances",
  "space.sort.discussed": "Les plus commentées",
};
