// Stored text keeps the language it was written in until its text changes.
import { expect, test } from "vitest";
import { languageAfterWrite } from "./content-language.ts";

test("new text takes the writer's language", () => {
  expect(languageAfterWrite({ before: null, text: ["Délai moyen", "jours"], writer: "en" })).toBe("en");
});

test("a write that leaves the text as it was keeps its language", () => {
  const before = { text: ["Délai moyen", "jours"], language: "fr" };
  expect(languageAfterWrite({ before, text: ["Délai moyen", "jours"], writer: "en" })).toBe("fr");
});

test("changed text takes the writer's language, lists compared item by item", () => {
  const before = { text: [["Lyon", "Nantes"], "Hypothèse"], language: "fr" };
  expect(languageAfterWrite({ before, text: [["Lyon"], "Hypothèse"], writer: "en" })).toBe("en");
  expect(languageAfterWrite({ before, text: [["Lyon", "Nantes"], "Hypothesis"], writer: "en" })).toBe("en");
  expect(languageAfterWrite({ before, text: [["Lyon", "Nantes"], "Hypothèse"], writer: "en" })).toBe("fr");
});
