// The browser's translator while it holds only the messages its page was rendered with
// (docs/decisions/0046-messages-a-page-uses.md). This file registers catalogues itself, as the browser
// does, and never imports i18n.server.ts (which registers both whole catalogues).
import { expect, test, vi } from "vitest";
import { messages as en } from "~/locales/en/index.ts";
import { registerCatalogue, setCatalogueHooks, translator, type MessageKey } from "./i18n.ts";

// What a validation library says by itself (zod's message for an empty required field): no key.
const RAW = "Invalid input: expected string, received undefined" as MessageKey;

test("a key missing from the page's messages is empty until the whole language arrives; then a text that is no key is shown as written", () => {
  const missing = vi.fn();
  setCatalogueHooks({ missing });
  registerCatalogue("en", { "app.name": en["app.name"] });
  const t = translator("en");

  expect(t("app.name")).toBe(en["app.name"]);
  // Not among the page's messages: empty for now, and the rest of the language is asked for.
  expect(t("space.empty")).toBe("");
  expect(t(RAW)).toBe("");
  expect(missing).toHaveBeenCalledWith("en");

  registerCatalogue("en", en, { whole: true });
  missing.mockClear();
  expect(t("space.empty")).toBe(en["space.empty"]);
  // useErrorText (app/components/form.tsx) shows such a text as it is when t() gives it back; an empty
  // text here would leave the field's error empty for good.
  expect(t(RAW)).toBe(RAW);
  expect(missing).not.toHaveBeenCalled();
});
