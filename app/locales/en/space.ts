// Space pages (lists of ideas): exactly the French keys (a missing or extra key is a type error).
import type { space as fr } from "../fr/space.ts";

export const space: Record<keyof typeof fr, string> = {
  "space.audience.PUBLIC": "Public",
  "space.audience.INTERNAL": "Internal",
  "space.propose": "Propose an idea",
  "space.signInToPropose": "Sign in to propose an idea",
  "space.sort.label": "Sort ideas",
  "space.sort.newest": "Newest",
  "space.sort.top": "Most supported",
  "space.empty": "No ideas yet. Be the first to propose one!",
  "space.next": "Next ideas",
  "space.previous": "Previous ideas",
  "space.position": "Ideas {from, number}–{to, number} of {total, number}",
  "space.positionCapped": "Ideas {from, number}–{to, number} of more than {total, number}",
  "space.tagFilter": "Tag",
  "space.tagFilterClear": "All ideas (without the tag “{tag}”)",
  "space.pager": "Pagination",
  "space.stageFilter": "Stage",
  "space.allStages": "All stages",
  "space.applyStage": "Filter",
  "space.sort.hot": "Trending",
  "space.sort.discussed": "Most discussed",
};
