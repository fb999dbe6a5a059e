// The idea's comment thread, read page by page (docs/decisions/0032).
export const commentPages = {
  "commentPages.more": "Commentaires suivants",
  "commentPages.first": "Revenir aux premiers commentaires",
  "commentPages.later": "Suite de la discussion.",
};
