// Déploiement en production par agence (docs/decisions/0028-response-time-commitments.md, partie 4).
export const rollout = {
  "audit.action.agencies.import": "Liste des agences importée",
  "audit.action.rollout.adoption": "Adoption par une agence",
};
