// Server side of i18n: both catalogues, registered once for translator() (pages, e-mails, errors).
// Never imported by browser code (the .server suffix makes the build refuse it), so a page's
// JavaScript carries no catalogue statically (docs/decisions/0016-i18n.md).
import { messages as en } from "~/locales/en/index.ts";
import { messages as fr } from "~/locales/fr/index.ts";
import { registerCatalogue, type Locale, type Messages } from "./i18n.ts";

export const catalogues: Record<Locale, Messages> = { fr, en };
registerCatalogue("fr", fr, { whole: true });
registerCatalogue("en", en, { whole: true });

export { translator } from "./i18n.ts";
