// Search, sorts and similar ideas (docs/decisions/0011-search-and-ranking.md): exactly the French keys (a missing or extra key is a type error).
import type { search as fr } from "../fr/search.ts";

export const search: Record<keyof typeof fr, string> = {
  "search.landmark": "Search ideas",
  "search.pageLandmark": "Search with filters",
  "search.label": "Search ideas",
  "search.submit": "Search",
  "search.title": "Search",
  "search.titleFor": "Search: {q}",
  "search.help":
    'Tips: "quotes" for an exact phrase, a minus sign to leave a word out (-paper). Accents and plurals are ignored.',
  "search.prompt": "Type one or more words to find ideas.",
  "search.results": "{count, plural, =0 {No results} one {# result} other {# results}} for “{q}”",
  "search.resultsCapped": "More than {count, number} results for “{q}”: the most relevant first",
  "search.empty": "No idea matches your search. Try other words or remove some filters.",
  "search.filters": "Filters",
  "search.space": "Space",
  "search.allSpaces": "All spaces",
  "search.stage": "Stage",
  "search.allStages": "All stages",
  "search.challenge": "Challenge",
  "search.allChallenges": "All challenges",
  "search.tag": "Tag",
  "search.apply": "Apply",
  "search.in": "in {space}",
  "search.pager": "Result pages",
  "search.previous": "Previous results",
  "search.next": "Next results",
  "search.position": "Results {from, number}–{to, number} of {total, number}",
  "search.positionCapped": "Results {from, number}–{to, number} of more than {total, number}",
  "similar.title": "Ideas that look alike",
  "similar.intro":
    "One of them may already be yours: you can support it or comment on it instead of publishing a new one.",
  "similar.announce": "{count, plural, =0 {No similar ideas} one {# similar idea found} other {# similar ideas found}}",
  "similar.supports": "{count, plural, =0 {no support} one {# support} other {# supports}}",
};
