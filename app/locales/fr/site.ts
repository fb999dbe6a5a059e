// The site's frame: the header's menu, the footer, the accessibility statement (docs/decisions/0029-phones-first.md).
export const site = {
  "nav.menu": "Menu",
  "nav.personal": "Mon espace",
  "nav.inProduction": "En production",
};
