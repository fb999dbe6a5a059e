import { expect, test } from "vitest";
import { truncateOnWord } from "./text.ts";

test("text that fits is kept whole", () => {
  expect(truncateOnWord("court", 30)).toBe("court");
  expect(truncateOnWord("exactement dix", 14)).toBe("exactement dix");
  expect(truncateOnWord("", 10)).toBe("");
});

test("a cut lands on a word boundary, ends with an ellipsis and never passes the limit", () => {
  const source = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor";
  for (let max = 1; max <= source.length; max++) {
    const cut = truncateOnWord(source, max);
    expect(Array.from(cut).length, String(max)).toBeLessThanOrEqual(max);
    if (max < source.length) expect(cut.endsWith("…"), String(max)).toBe(true);
  }
  expect(truncateOnWord(source, 30)).toBe("Lorem ipsum dolor sit amet…");
  expect(truncateOnWord("Des ateliers CV le samedi matin", 20)).toBe("Des ateliers CV le…");
});

test("the word just before a space is kept whole", () => {
  expect(truncateOnWord("Des ateliers CV le samedi", 19)).toBe("Des ateliers CV le…");
});

test("one long word is cut mid-word rather than dropped", () => {
  expect(truncateOnWord("abcdefghijklmnopqrstuvwxyz", 10)).toBe("abcdefghi…");
  expect(truncateOnWord("Un anticonstitutionnellement", 20)).toBe("Un anticonstitution…");
});

test("emoji stay whole; degenerate limits give nothing", () => {
  expect(truncateOnWord("😀😀😀😀😀😀", 4)).toBe("😀😀😀…");
  expect(truncateOnWord("texte", 0)).toBe("");
  expect(truncateOnWord("texte", -5)).toBe("");
  expect(truncateOnWord("texte", Number.NaN)).toBe("");
  expect(truncateOnWord("texte", 4.9)).toBe("tex…");
  expect(truncateOnWord("abc def", 1)).toBe("…");
});
