// The idea's comment thread, read page by page: exactly the French keys.
import type { commentPages as fr } from "../fr/comment-pages.ts";

export const commentPages: Record<keyof typeof fr, string> = {
  "commentPages.more": "Next comments",
  "commentPages.first": "Back to the first comments",
  "commentPages.later": "The discussion continues.",
};
