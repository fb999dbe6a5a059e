import type { rollout as fr } from "../fr/rollout.ts";

export const rollout: Record<keyof typeof fr, string> = {
  "audit.action.agencies.import": "Agency list imported",
  "audit.action.rollout.adoption": "Adoption by an agency",
};
