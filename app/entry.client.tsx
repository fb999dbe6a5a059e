// The browser entry: load the page's language (one lazily loaded catalogue, docs/decisions/0016-i18n.md)
// before hydrating, so the first render already speaks it. The server set <html lang> from the same choice.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale } from "~/lib/i18n.ts";
import { loadCatalogue } from "~/locales/load.ts";

const lang = document.documentElement.lang;
await loadCatalogue(isLocale(lang) ? lang : DEFAULT_LOCALE);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
