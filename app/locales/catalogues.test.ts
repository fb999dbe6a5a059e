// The two catalogues say the same things: English has exactly the French keys (the types already
// insist per feature file; this also catches a key defined in two feature files, which the spread in
// index.ts would silently overwrite), every message parses as ICU, and both languages take the same
// arguments of the same kinds (a {count, plural} in French is a {count, plural} in English).
import { readdirSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { expect, test } from "vitest";
import { isPlainMessage } from "./plain.ts";
import { messages as en } from "./en/index.ts";
import { messages as fr } from "./fr/index.ts";

function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) found.add(`${el.value}`);
      else if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
        found.add(`${el.value}:${TYPE[el.type]}`);
      else if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`${el.value}:${TYPE[el.type]}`);
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...found].sort();
}

test("English has every French key and no other", () => {
  expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
});

test("every message parses and both languages take the same arguments", () => {
  const mismatches: string[] = [];
  for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
    const [a, b] = [argumentsOf(fr[key]), argumentsOf(en[key])];
    if (a.join() !== b.join()) mismatches.push(`${key}: fr ${a.join(" ")} / en ${b.join(" ")}`);
  }
  expect(mismatches).toEqual([]);
});

test("no key is defined in two feature files", async () => {
  for (const lang of ["fr", "en"]) {
    const dir = path.join(import.meta.dirname, lang);
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    const seen = new Map<string, string>();
    for (const file of files) {
      const mod = (await import(path.join(dir, file))) as Record<string, Record<string, string>>;
      for (const key of Object.keys(Object.values(mod)[0]!)) {
        expect(seen.get(key), `${lang}: ${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, file);
      }
    }
    expect(seen.size).toBe(Object.keys(lang === "fr" ? fr : en).length);
  }
});

test("a message taken as plain text (never parsed) is exactly what ICU would print", () => {
  let plain = 0;
  for (const [locale, messages] of [
    ["fr-FR", fr],
    ["en-GB", en],
  ] as const)
    for (const message of Object.values(messages))
      if (isPlainMessage(message)) {
        plain++;
        expect(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format()).toBe(message);
      }
  expect(plain).toBeGreaterThan(500);
  expect(isPlainMessage("Plus qu''un jour")).toBe(false);
  expect(isPlainMessage("{n} idées")).toBe(false);
});

test("a catalogue that breaks the rules is caught", () => {
  // The checks above can fail: an apostrophe before # quotes it in ICU, so the message does not parse.
  expect(() => argumentsOf("{count, plural, one {Plus qu'# jour} other {Plus que # jours}}")).toThrow();
  expect(argumentsOf("{count, plural, one {# idea by {name}} other {#}}")).toEqual(["count:plural", "name"]);
  expect(argumentsOf("{n, number} {d, date}")).toEqual(["d:date", "n:number"]);
});
