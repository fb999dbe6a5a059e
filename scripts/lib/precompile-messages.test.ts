// The browser's pre-parsed catalogues say exactly what the server's source text says: every feature
// file goes through the same steps as in `npm run build` (esbuild, then the plugin), and each message,
// formatted from its parsed form, gives the server's text for the same arguments.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { transform } from "esbuild";
import { parseAst } from "rollup/parseAst";
import { expect, test } from "vitest";
import { format, registerCatalogue, translator, type Locale, type MessageKey } from "~/lib/i18n.ts";
import { precompileMessages } from "./precompile-messages.ts";

const plugin = precompileMessages();
type Hooks = {
  configResolved: (config: unknown) => void;
  transform: (this: unknown, code: string, id: string) => { code: string } | null;
};
const hooks = plugin as unknown as Hooks;
const context = {
  parse: parseAst,
  error: (message: string): never => {
    throw new Error(message);
  },
};

async function precompiled(file: string): Promise<Record<string, unknown>> {
  const { code } = await transform(readFileSync(file, "utf8"), { loader: "ts" });
  const out = hooks.transform.call(context, code, file);
  if (!out) throw new Error(`not transformed: ${file}`);
  const mod = (await import(`data:text/javascript,${encodeURIComponent(out.code)}`)) as Record<string, object>;
  return Object.values(mod)[0] as Record<string, unknown>;
}

function argumentNames(message: string): Map<string, "choice" | "text"> {
  const names = new Map<string, "choice" | "text">();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument && !names.has(el.value)) names.set(el.value, "text");
      // A {n, number} argument takes a number, like a plural's (a string is no number to format).
      if (el.type === TYPE.number) names.set(el.value, "choice");
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        names.set(el.value, "choice");
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return names;
}

test("the browser build's parsed messages render like the server's text, in both languages", async () => {
  hooks.configResolved({ command: "build", build: { ssr: false } });
  for (const locale of ["fr", "en"] as Locale[]) {
    const dir = path.resolve("app/locales", locale);
    const source = (await import(path.join(dir, "index.ts"))) as { messages: Record<MessageKey, string> };
    const parsed: Record<string, unknown> = {};
    for (const file of readdirSync(dir).filter((f) => f !== "index.ts"))
      Object.assign(parsed, await precompiled(path.join(dir, file)));
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(source.messages).sort());
    registerCatalogue(locale, parsed as Parameters<typeof registerCatalogue>[1]);
    const t = translator(locale);
    let compared = 0;
    for (const [key, text] of Object.entries(source.messages) as [MessageKey, string][]) {
      for (const n of [0, 1, 2, 1500]) {
        const params: Record<string, string | number> = {};
        for (const [name, kind] of argumentNames(text)) params[name] = kind === "choice" ? n : `«${name}»`;
        expect(t(key, params), `${locale} ${key}`).toBe(format(locale, text, params));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  }
});

test("a catalogue file that is not one object of strings stops the build", async () => {
  hooks.configResolved({ command: "build", build: { ssr: false } });
  const file = "/x/app/locales/fr/broken.ts";
  expect(() => hooks.transform.call(context, 'export const broken = { "a.b": `x${1}` };', file)).toThrow();
  // Server builds and other files are left alone.
  expect(hooks.transform.call(context, "export const x = 1;", "/x/app/lib/i18n.ts")).toBeNull();
  hooks.configResolved({ command: "build", build: { ssr: true } });
  expect(hooks.transform.call(context, 'export const a = { "k": "v" };', file)).toBeNull();
});
