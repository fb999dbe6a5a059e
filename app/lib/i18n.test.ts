import { expect, test } from "vitest";
import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { messages as enMessages } from "~/locales/en/index.ts";
import { messages as frMessages } from "~/locales/fr/index.ts";
import { detectLocale, format, formatDate, formatDateTime, INTL_LOCALE, type MessageKey } from "./i18n.ts";
import { translator } from "./i18n.server.ts";

test("French is the default and English is chosen from the cookie or Accept-Language", () => {
  expect(detectLocale(null, null)).toBe("fr");
  expect(detectLocale(null, "de-DE,de;q=0.9")).toBe("fr");
  expect(detectLocale(null, "en-GB,en;q=0.9,fr;q=0.8")).toBe("en");
  expect(detectLocale(null, "de;q=1,fr;q=0.5,en;q=0.8")).toBe("en");
  expect(detectLocale("fr", "en-US")).toBe("fr");
  expect(detectLocale("xx", "en-US")).toBe("en");
  expect(detectLocale(null, "en;q=0,fr")).toBe("fr");
});

test("plural forms follow each language's rules", () => {
  const fr = translator("fr");
  const en = translator("en");
  expect(fr("idea.supports", { count: 0 })).toBe("Aucun soutien");
  expect(fr("idea.supports", { count: 1 })).toBe("1 soutien");
  expect(fr("idea.supports", { count: 1500 })).toBe("1\u202f500 soutiens");
  expect(en("idea.supports", { count: 1 })).toBe("1 support");
  expect(en("idea.supports", { count: 2 })).toBe("2 supports");
  expect(fr("idea.supportsWord", { count: 0 })).toBe("soutien");
});

test("parameters are substituted and missing ones stay visible", () => {
  expect(format("fr", "Bonjour {name} !", { name: "Élodie" })).toBe("Bonjour Élodie !");
  expect(format("fr", "Bonjour {name} !")).toBe("Bonjour {name} !");
});

test("a template parsed once gives each call its own values", () => {
  const template = "{who} : {n, plural, =0 {rien} one {# idée} other {# idées}}";
  expect(format("fr", template, { who: "A", n: 0 })).toBe("A : rien");
  expect(format("fr", template, { who: "B", n: 1 })).toBe("B : 1 idée");
  expect(format("en", template, { who: "C", n: 2500 })).toBe("C : 2,500 idées");
  expect(format("fr", template, { n: 3 })).toBe("{who} : 3 idées");
});

test("intl-messageformat renders what the catalogues need: =0, #, numbers in plain arguments, select, quotes", () => {
  const fr = translator("fr");
  expect(fr("idea.comments", { count: 0 })).toBe("Aucun commentaire");
  expect(fr("challenge.timeLeft.day", { count: 1 })).toBe("Plus qu'1 jour");
  expect(fr("challenge.timeLeft.day", { count: 3 })).toBe("Plus que 3 jours");
  expect(format("fr", "{n} idées", { n: 12000 })).toBe("12\u202f000 idées");
  expect(format("en", "{n} ideas", { n: 12000 })).toBe("12,000 ideas");
  expect(format("en", "{who, select, admin {An admin} other {Someone}} left", { who: "admin" })).toBe("An admin left");
  expect(format("fr", "a <b> c", {})).toBe("a <b> c");
});

test("dates are told per language and per instant, however often the same one is asked for", () => {
  const winter = "2026-12-31T23:30:00.000Z"; // already 1 January in Paris
  const summer = "2026-07-14T10:00:00.000Z";
  for (let i = 0; i < 2; i++) {
    expect(formatDate("fr", winter)).toBe("1 janvier 2027");
    expect(formatDate("en", winter)).toBe("1 January 2027");
    expect(formatDate("fr", summer)).toBe("14 juillet 2026");
    expect(formatDate("fr", new Date(summer))).toBe("14 juillet 2026");
    expect(formatDateTime("fr", winter)).toBe("01/01/2027 00:30:00");
    expect(formatDateTime("fr", new Date(winter))).toBe("01/01/2027 00:30:00");
  }
});

test("messages of texts and plain arguments, joined without intl-messageformat, read as it would write them", () => {
  const checked = { fr: 0, en: 0 };
  for (const locale of ["fr", "en"] as const)
    for (const [key, template] of Object.entries(locale === "fr" ? frMessages : enMessages)) {
      const ast = parse(template, { ignoreTag: true });
      if (!ast.every((el) => el.type === TYPE.literal || el.type === TYPE.argument)) continue;
      if (!ast.some((el) => el.type === TYPE.argument)) continue;
      const names = ast.flatMap((el) => (el.type === TYPE.argument ? [el.value] : []));
      // Text with quotes, braces and markup, and a number (formatted for the language, as before).
      const params = Object.fromEntries(names.map((name, i) => [name, i % 2 ? 1234.5 : `<a> '{x}' & ${name}`]));
      const reference = new IntlMessageFormat(template, INTL_LOCALE[locale], undefined, { ignoreTag: true });
      const shown = Object.fromEntries(
        names.map((name, i) => [
          name,
          i % 2 ? new Intl.NumberFormat(INTL_LOCALE[locale]).format(1234.5) : params[name],
        ]),
      );
      expect(translator(locale)(key as MessageKey, params), key).toBe(reference.format(shown));
      checked[locale]++;
    }
  expect(checked.fr).toBeGreaterThan(20);
  expect(checked.en).toBe(checked.fr);
  expect(format("fr", "L''agence de {name} '{'x'}'", { name: "Alice" })).toBe("L'agence de Alice {x}");
});
