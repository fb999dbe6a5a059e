import type { accessibility as fr } from "../fr/accessibility.ts";

export const accessibility: Record<keyof typeof fr, string> = {
  "a11y.footer": "Accessibility: partially compliant",
  "a11y.title": "Accessibility statement",
};
