// The browser's way to a whole language: one lazily loaded chunk per language, so a page downloads only
// the messages of its own language, and only once (docs/decisions/0016-i18n.md).
import { registerCatalogue, type Locale, type Messages } from "~/lib/i18n.ts";

const chunks: Record<Locale, () => Promise<{ messages: Messages }>> = {
  fr: () => import("./fr/index.ts"),
  en: () => import("./en/index.ts"),
};
const loading: Partial<Record<Locale, Promise<void>>> = {};

/** Loads the language once; a failed load (a network drop, a deploy that replaced the chunk) is tried again next time. */
export function loadCatalogue(locale: Locale): Promise<void> {
  return (loading[locale] ??= chunks[locale]().then(
    ({ messages }) => registerCatalogue(locale, messages, { whole: true }),
    (error: unknown) => {
      delete loading[locale];
      throw error;
    },
  ));
}
