// The form a message takes in the browser, which has no ICU parser: a plain message stays its text, any
// other is sent parsed. Used by the build (scripts/lib/precompile-messages.ts, for the lazily loaded
// catalogue chunks) and by the server (app/lib/i18n-inline.server.ts, for the messages a page inlines).
import { parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { isPlainMessage } from "./plain.ts";

export function browserMessage(text: string): string | MessageFormatElement[] {
  return isPlainMessage(text) ? text : parse(text, { ignoreTag: true });
}
