// Browser builds only: each catalogue feature file (app/locales/<lang>/<feature>.ts) is turned into
// pre-parsed ICU messages, so the page's JavaScript does without the ICU parser (about 27 KB, aliased
// to its "no-parser" build in vite.config.ts); intl-messageformat formats the parsed form directly.
// Plain messages stay strings. The server and the tests keep parsing the source text.
// docs/decisions/0016-i18n.md
import type { Plugin } from "vite";
import { browserMessage } from "../../app/locales/browser-message.ts";

const FEATURE_FILE = /\/app\/locales\/(fr|en)\/(?!index\.)[a-z-]+\.ts$/;

type Node = { type: string; [key: string]: unknown };

export function precompileMessages(): Plugin {
  let enabled = false;
  return {
    name: "idees:precompile-messages",
    enforce: "post",
    configResolved(config) {
      enabled = config.command === "build" && !config.build.ssr;
    },
    transform(code, id) {
      if (!enabled || !FEATURE_FILE.test(id)) return null;
      const program = this.parse(code) as unknown as { body: Node[] };
      const fail = (why: string): never =>
        this.error(`${id}: a catalogue file holds one exported object of strings (${why})`);
      const exported = program.body.filter((n) => n.type !== "ImportDeclaration");
      const declaration = exported[0]?.declaration as Node | undefined;
      if (exported.length !== 1 || exported[0]!.type !== "ExportNamedDeclaration" || !declaration) fail("one export");
      const declarator = (declaration!.declarations as Node[])[0]!;
      const init = declarator.init as Node;
      if (init.type !== "ObjectExpression") fail("an object literal");
      const messages: Record<string, unknown> = {};
      for (const property of init.properties as Node[]) {
        const key = property.key as Node;
        const text = stringOf(property.value as Node);
        if (property.type !== "Property" || key.type !== "Literal" || typeof key.value !== "string" || text === null)
          fail(`string keys and values, at ${JSON.stringify(key.value ?? key.name)}`);
        messages[key.value as string] = browserMessage(text!);
      }
      const name = (declarator.id as Node).name as string;
      return { code: `export const ${name} = ${JSON.stringify(messages)};\n`, map: null };
    },
  };
}

/** A string literal, or a template literal without substitutions (how esbuild may print one). */
function stringOf(node: Node): string | null {
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && (node.expressions as Node[]).length === 0) {
    const quasi = (node.quasis as Node[])[0]!.value as { cooked: string | null };
    return quasi.cooked;
  }
  return null;
}
