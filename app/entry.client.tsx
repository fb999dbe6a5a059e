// The browser entry: register the messages the page was rendered with (inlined by the server) before
// hydrating, so the first render already speaks the page's language without downloading all of it; the
// rest of the language comes lazily, when the person first interacts or a message is missing
// (docs/decisions/0016-i18n.md, 0046-messages-a-page-uses.md). The server set <html lang> from the same choice.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import {
  CATALOGUE_WANTED_EVENT,
  DEFAULT_LOCALE,
  INLINE_MESSAGES_ID,
  isLocale,
  registerCatalogue,
  setCatalogueHooks,
} from "~/lib/i18n.ts";
import { loadCatalogue } from "~/locales/load.ts";

const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const inline = document.getElementById(INLINE_MESSAGES_ID)?.textContent;
if (inline) registerCatalogue(locale, JSON.parse(inline));
else await loadCatalogue(locale);

// The rest of the language: before anything the person does can need it (a click starts with a
// pointerdown, a navigation or a form's messages follow an interaction), or as soon as a key is missing.
// A live update asks for it too (CATALOGUE_WANTED_EVENT): what it brings may use messages the page did not
// carry. A failed load is retried at the next interaction or missing key; until then, the page stays usable.
const rest = () => void loadCatalogue(locale).catch(() => undefined);
setCatalogueHooks({ missing: rest });
for (const type of ["pointerdown", "keydown", "touchstart", "focusin", CATALOGUE_WANTED_EVENT])
  addEventListener(type, rest, { once: true, passive: true, capture: true });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
