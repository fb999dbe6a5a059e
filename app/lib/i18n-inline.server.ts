// The messages a page was rendered with, inlined in its HTML so that the browser hydrates without
// downloading its whole language (docs/decisions/0046-messages-a-page-uses.md). The server records
// each key translator() is asked for while a request runs (its loaders, `meta` and the render); the
// browser registers them before hydrating and loads the rest of its language when it needs it.
import type { MessageKey } from "~/locales/fr/index.ts";
import { browserMessage } from "~/locales/browser-message.ts";
import { catalogues } from "./i18n.server.ts";
import { INLINE_MESSAGES_ID, setCatalogueHooks, type Locale } from "./i18n.ts";
import { currentRequestScope } from "./request-scope.server.ts";

/**
 * Keys the browser speaks without the page having rendered them first: live announcements and the
 * stage names they carry (app/components/live.tsx). Inlined on every page, so that news arriving
 * before any interaction is said in full.
 */
const CLIENT_SPOKEN = ["live.", "stage."];

const USED = "i18n.used";
type Used = Map<Locale, Set<MessageKey>>;

setCatalogueHooks({
  used(locale, key) {
    const scope = currentRequestScope();
    if (!scope) return;
    let used = scope.memo.get(USED) as Used | undefined;
    if (!used) scope.memo.set(USED, (used = new Map()));
    let keys = used.get(locale);
    if (!keys) used.set(locale, (keys = new Set()));
    keys.add(key);
  },
});

const spokenKeys = Object.keys(catalogues.fr).filter((key) =>
  CLIENT_SPOKEN.some((prefix) => key.startsWith(prefix)),
) as MessageKey[];

// Parsing a message costs more than sending it, and writing it as JSON showed in list-page profiles:
// each (language, key) becomes its `"key":value` member once per process (`<` escaped, so that no message
// can close the element), and a page joins the members it uses (docs/decisions/0047).
const members: Record<Locale, Map<MessageKey, string>> = { fr: new Map(), en: new Map() };
function memberOf(locale: Locale, key: MessageKey): string {
  let member = members[locale].get(key);
  if (member === undefined) {
    member = `${JSON.stringify(key)}:${JSON.stringify(browserMessage(catalogues[locale][key]))}`.replace(
      /</g,
      "\\u003c",
    );
    members[locale].set(key, member);
  }
  return member;
}

/**
 * The `<script type="application/json">` holding, in `locale`, the messages this request used and
 * those the browser speaks on its own. Data, not code, yet it carries the response's nonce like every
 * inline script of the page.
 */
export function inlineMessagesScript(locale: Locale, nonce: string): string {
  const used = (currentRequestScope()?.memo.get(USED) as Used | undefined)?.get(locale) ?? new Set();
  const json: string[] = [];
  for (const key of new Set([...used, ...spokenKeys])) if (key in catalogues[locale]) json.push(memberOf(locale, key));
  return `<script type="application/json" id="${INLINE_MESSAGES_ID}" nonce="${nonce}">{${json.join(",")}}</script>`;
}
