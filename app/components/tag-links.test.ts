// Tag links are written without a URLSearchParams per link (docs/decisions/0060): the same href.
import { expect, test } from "vitest";
import { formEncode, spaceTagHref } from "./tag-links.tsx";

const viaSearchParams = (value: string) =>
  new URLSearchParams({ "mot-cle": value }).toString().slice("mot-cle=".length);

test("formEncode writes every character as URLSearchParams does", () => {
  const samples = [
    "accueil",
    "numérique",
    "a b&c=d+e/f?g#h%i",
    "l'agence (test) ~ ! * - _ .",
    "emoji 🙂 € œ ß 中文",
    "",
    "\u0000\u001f\u007f\u00a0\u2028",
    "lone \ud800 surrogate",
  ];
  for (let code = 0; code < 0x800; code++) samples.push(String.fromCharCode(code));
  for (const value of samples) expect(formEncode(value), JSON.stringify(value)).toBe(viaSearchParams(value));
});

test("a tag links to its space's list filtered on it", () => {
  expect(spaceTagHref("emploi-store-idees", "numérique")).toBe("/espaces/emploi-store-idees?mot-cle=num%C3%A9rique");
});
