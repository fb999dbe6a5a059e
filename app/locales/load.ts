// The browser's way to a catalogue: one lazily loaded chunk per language, so a page downloads only
// the messages of its own language (docs/decisions/0016-i18n.md).
import { registerCatalogue, type Locale, type Messages } from "~/lib/i18n.ts";

const chunks: Record<Locale, () => Promise<{ messages: Messages }>> = {
  fr: () => import("./fr/index.ts"),
  en: () => import("./en/index.ts"),
};

export async function loadCatalogue(locale: Locale): Promise<void> {
  const { messages } = await chunks[locale]();
  registerCatalogue(locale, messages);
}
