// The site's frame: the header's menu, the footer, the accessibility statement: exactly the French keys.
import type { site as fr } from "../fr/site.ts";

export const site: Record<keyof typeof fr, string> = {
  "nav.menu": "Menu",
  "nav.personal": "My space",
  "nav.inProduction": "In production",
};
