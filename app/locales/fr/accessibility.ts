// The accessibility statement's footer link and title; its text is sent by its page's loader only
// (app/models/accessibility-statement.server.ts), not in every page's catalogue.
export const accessibility = {
  "a11y.footer": "Accessibilité : partiellement conforme",
  "a11y.title": "Déclaration d'accessibilité",
};
