// The messages a page inlines (docs/decisions/0046-messages-a-page-uses.md): exactly the keys translated
// while its request ran, in its language and in the browser's form, plus those the browser speaks on its
// own (live announcements, stage names); never another request's.
import { expect, test } from "vitest";
import { inlineMessagesScript } from "~/lib/i18n-inline.server.ts";
import { translator } from "~/lib/i18n.server.ts";
import { INLINE_MESSAGES_ID } from "~/lib/i18n.ts";
import { newRequestScope, runInRequestScope } from "~/lib/request-scope.server.ts";
import { messages as en } from "~/locales/en/index.ts";

function inlined(script: string) {
  const match = script.match(
    new RegExp(`^<script type="application/json" id="${INLINE_MESSAGES_ID}" nonce="n1">(.*)</script>$`),
  );
  expect(match, script.slice(0, 120)).not.toBeNull();
  expect(match![1]).not.toContain("<");
  return JSON.parse(match![1]!) as Record<string, unknown>;
}

test("a request inlines the keys it translated, in its language, with the keys the browser speaks alone", async () => {
  const [first, second] = await Promise.all(
    ["idea.supportsWord", "space.empty"].map((key) =>
      runInRequestScope(newRequestScope("GET"), async () => {
        const t = translator("en");
        await new Promise((resolve) => setImmediate(resolve)); // the scope follows asynchronous work
        t(key as "space.empty", { count: 2 });
        t("app.name");
        return inlined(inlineMessagesScript("en", "n1"));
      }),
    ),
  );
  expect(first!["app.name"]).toBe(en["app.name"]);
  // A message with a plural travels parsed (the browser has no ICU parser), a plain one as its text.
  expect(Array.isArray(first!["idea.supportsWord"])).toBe(true);
  expect(first).not.toHaveProperty("space.empty");
  expect(second!["space.empty"]).toBe(en["space.empty"]);
  expect(second).not.toHaveProperty("idea.supportsWord");
  const spoken = Object.keys(second!).filter((key) => key.startsWith("live.") || key.startsWith("stage."));
  expect(spoken.length).toBeGreaterThan(5);
  expect(
    Object.keys(en)
      .filter((key) => key.startsWith("live."))
      .every((key) => key in second!),
  ).toBe(true);
});

test("outside a request nothing is recorded", () => {
  translator("fr")("space.empty");
  const messages = runInRequestScope(newRequestScope("GET"), () => inlined(inlineMessagesScript("fr", "n1")));
  expect(messages).not.toHaveProperty("space.empty");
});
