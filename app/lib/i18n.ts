// The one small i18n layer: every interface string goes through t(). French is the default; the
// catalogues live by feature in app/locales/<lang>/ and English must define exactly the French keys.
// This module holds no catalogue: the server registers both (i18n.server.ts); the browser starts with the
// messages the page was rendered with (inlined by entry.server.tsx) and loads the rest of its language
// lazily (entry.client.tsx; docs/decisions/0016-i18n.md and 0046-messages-a-page-uses.md).
import { TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import type { MessageKey } from "~/locales/fr/index.ts";
import { isPlainMessage } from "~/locales/plain.ts";
// The zone alone: the formatters need no date library (app/lib/time.ts would bring one to every page).
import { TIME_ZONE } from "./time-zone.ts";
import { remember } from "./remember.ts";

export type { MessageKey };

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "idees_lang";

export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** The regional variant used for numbers, plurals and dates. */
export const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

/** A message as written, or already parsed (the browser build: scripts/lib/precompile-messages.ts). */
type Message = string | MessageFormatElement[];
/** The id of the JSON script holding the messages a page was rendered with (app/lib/i18n-inline.server.ts). */
export const INLINE_MESSAGES_ID = "messages-de-la-page";
/** Dispatched on window when the page is about to render data it did not render at first (a live update). */
export const CATALOGUE_WANTED_EVENT = "idees:catalogue-wanted";

export type CatalogueMessages = Partial<Record<MessageKey, Message>>;
const catalogues: Partial<Record<Locale, CatalogueMessages>> = {};
/** Languages whose every message is registered: a key missing there is no message, not one still to come. */
const whole = new Set<Locale>();

/**
 * What translator() tells its surroundings: the server records the keys a page uses (to inline them);
 * the browser, holding only part of its language, loads the rest when a key is missing.
 */
export type CatalogueHooks = { used?: (locale: Locale, key: MessageKey) => void; missing?: (locale: Locale) => void };
let hooks: CatalogueHooks = {};
export function setCatalogueHooks(next: CatalogueHooks): void {
  hooks = next;
}

// Components re-render when messages arrive (useT subscribes): a version number and its listeners.
let version = 0;
const listeners = new Set<() => void>();
export const catalogueVersion = () => version;
export function subscribeCatalogues(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Makes messages of a language available to translator(): merged with those already there. `whole`: these
 * are all of the language's messages (the server's catalogues, the browser's lazily loaded chunk).
 */
export function registerCatalogue(
  locale: Locale,
  messages: CatalogueMessages,
  options: { whole?: boolean } = {},
): void {
  catalogues[locale] = { ...catalogues[locale], ...messages };
  if (options.whole) whole.add(locale);
  version++;
  for (const listener of listeners) listener();
}

export function translator(locale: Locale): Translate {
  if (!catalogues[locale])
    throw new Error(
      `The "${locale}" catalogue is not loaded (server code imports ~/lib/i18n.server.ts; the browser registers the page's messages before hydrating).`,
    );
  return (key, params) => {
    hooks.used?.(locale, key);
    // Read on each call: messages registered after this translator was made are seen.
    const template = catalogues[locale]![key];
    if (template !== undefined) return formatMessage(locale, template, params);
    // The browser holds part of its language: an empty text until the rest arrives and re-renders. Once
    // it has arrived, a missing key is a text that is no key (e.g. a validation library's own message,
    // which useErrorText shows as written): it falls back to itself, as on the server.
    if (hooks.missing && !whole.has(locale)) {
      hooks.missing(locale);
      return "";
    }
    return formatMessage(locale, key, params);
  };
}

type Compiled = {
  message: IntlMessageFormat;
  /** Arguments printed as they are (`{name}`): numbers there are formatted for the locale. */
  simple: Set<string>;
  /** Arguments that choose or format (`{n, plural, …}`, `{d, date}`): they must be given. */
  complex: Set<string>;
  /**
   * A message of texts and plain arguments only ("par {name}"): its parts, joined without
   * intl-messageformat (which builds a part per element, then merges them), for the same text.
   */
  parts: ({ text: string } | { argument: string })[] | null;
};

// Compiling a message showed in list-page profiles: each (locale, message) is compiled once.
const compiled: Record<Locale, Map<Message, Compiled>> = { fr: new Map(), en: new Map() };
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(INTL_LOCALE.fr),
  en: new Intl.NumberFormat(INTL_LOCALE.en),
};

/**
 * The Intl objects messages format with, made once per (locale, options). intl-messageformat's own
 * memoiser keys each lookup with JSON.stringify of its arguments, and a list page asks for plural rules
 * and a number format several times per card (docs/decisions/0047). Plural rules are only ever asked
 * for with `{ type }`.
 */
function reuse<T>(make: (locales: string | string[], options?: object) => T) {
  const made = new Map<string, T>();
  return (locales: string | string[], options?: object): T => {
    const key = options === undefined ? String(locales) : `${String(locales)} ${JSON.stringify(options)}`;
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(locales, options)));
    return value;
  };
}
const pluralRules = new Map<string, Intl.PluralRules>();
const FORMATTERS = {
  getNumberFormat: reuse((locales, options) => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: reuse((locales, options) => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: (locales: string | string[], options?: Intl.PluralRulesOptions) => {
    const key = `${String(locales)} ${options?.type ?? ""}`;
    let rules = pluralRules.get(key);
    if (rules === undefined) pluralRules.set(key, (rules = new Intl.PluralRules(locales, options)));
    return rules;
  },
};

function compile(locale: Locale, template: Message): Compiled {
  const cache = compiled[locale];
  const hit = cache.get(template);
  if (hit) return hit;
  // ignoreTag: a "<" in a message is text, not markup.
  const message = new IntlMessageFormat(template, INTL_LOCALE[locale], undefined, {
    ignoreTag: true,
    formatters: FORMATTERS,
  });
  const ast = message.getAst();
  const entry: Compiled = { message, simple: new Set(), complex: new Set(), parts: plainParts(ast) };
  collectArguments(ast, entry);
  // Templates come from the catalogues (a bounded set); the guard only protects against misuse.
  if (cache.size < 5000) cache.set(template, entry);
  return entry;
}

function plainParts(elements: MessageFormatElement[]): Compiled["parts"] {
  const parts: ({ text: string } | { argument: string })[] = [];
  for (const el of elements) {
    if (el.type === TYPE.literal) parts.push({ text: el.value });
    else if (el.type === TYPE.argument) parts.push({ argument: el.value });
    else return null;
  }
  return parts;
}

function collectArguments(elements: MessageFormatElement[], into: Compiled): void {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.simple.add(el.value);
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.complex.add(el.value);
      for (const option of Object.values(el.options)) collectArguments(option.value, into);
    } else if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.complex.add(el.value);
    else if (el.type === TYPE.tag) collectArguments(el.children, into);
  }
}

/**
 * Formats an ICU message (intl-messageformat: `{name}`, plural with `=0` and `#`, select, number,
 * date). A missing plain argument stays visible as `{name}`; a missing plural leaves the template as is.
 * Server side only for arbitrary text: the browser build has no ICU parser, only the catalogue's messages.
 */
export function format(locale: Locale, template: string, params: Params = {}): string {
  return formatMessage(locale, template, params);
}

function formatMessage(locale: Locale, template: Message, params: Params = {}): string {
  if (typeof template === "string" && isPlainMessage(template)) return template;
  const { message, simple, complex, parts } = compile(locale, template);
  for (const name of complex)
    if (params[name] === undefined) return typeof template === "string" ? template : `{${name}}`;
  const values: Record<string, string | number> = { ...params };
  for (const name of simple) {
    const value = params[name];
    values[name] =
      value === undefined ? `{${name}}` : typeof value === "number" ? numberFormats[locale].format(value) : value;
  }
  if (parts) return parts.map((part) => ("text" in part ? part.text : values[part.argument])).join("");
  return String(message.format(values));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Cookie first, then the browser's Accept-Language, then French. */
export function detectLocale(cookieValue: string | null, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag, ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { lang: (tag ?? "").toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { lang } of ranked) if (isLocale(lang)) return lang;
  }
  return DEFAULT_LOCALE;
}

/** The page's language as the root loader decided it, for `meta` functions (which get `matches`). */
export function localeOfMatches(matches: readonly { id: string; data?: unknown }[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data;
  const locale = root && typeof root === "object" && "locale" in root ? root.locale : undefined;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/**
 * A route's `meta` title in the page's language, "Title — Idées" (or "Idées" alone when `title` gives
 * nothing): `meta: ({ matches }) => metaTitle(matches, (t) => t("account.title"))`.
 */
export function metaTitle(
  matches: readonly { id: string; data?: unknown }[],
  title: (t: Translate, locale: Locale) => string | null | undefined,
) {
  const locale = localeOfMatches(matches);
  const t = translator(locale);
  const text = title(t, locale);
  return [{ title: text ? `${text} — ${t("app.name")}` : t("app.name") }];
}

// Building an Intl formatter is expensive (it showed as the top cost of a list page): build once.
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(INTL_LOCALE.fr, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  }),
  en: new Intl.DateTimeFormat(INTL_LOCALE.en, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  }),
};

/**
 * `formats` with each text it gave for a date given as a string (an ISO instant, the loaders' form) kept,
 * at most `kept` per language: the same instants come back on every request, and formatting showed in
 * list and discussion profiles (docs/decisions/0047, 0049). The time zone is fixed, so the text depends
 * only on the language and the instant.
 */
function rememberedFormat(formats: Record<Locale, Intl.DateTimeFormat>, kept: number) {
  const known: Record<Locale, Map<string, string>> = { fr: new Map(), en: new Map() };
  return (locale: Locale, date: Date | string): string =>
    typeof date !== "string"
      ? formats[locale].format(date)
      : remember(known[locale], kept, date, () => formats[locale].format(new Date(date)));
}

/** Day, month and year (Paris): one per card on a list page. */
export const formatDate = rememberedFormat(dateFormats, 2000);

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(INTL_LOCALE.fr, { dateStyle: "short", timeStyle: "medium", timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat(INTL_LOCALE.en, { dateStyle: "short", timeStyle: "medium", timeZone: TIME_ZONE }),
};

/** Day and time (Paris), for logs where the order of events matters, and each comment's exact time. */
export const formatDateTime = rememberedFormat(dateTimeFormats, 5000);
