import { expect, test } from "vitest";
import {
  cleanSnippet,
  MARK_END,
  MARK_START,
  parseSearchParams,
  searchHref,
  searchPosition,
  splitHighlights,
  worthSuggesting,
} from "./search.ts";

const m = (s: string) => `${MARK_START}${s}${MARK_END}`;

test("highlight markers become marked parts, and nothing else is interpreted", () => {
  expect(splitHighlights(`Un ${m("emploi")} pour ${m("tous")}`)).toEqual([
    { text: "Un ", mark: false },
    { text: "emploi", mark: true },
    { text: " pour ", mark: false },
    { text: "tous", mark: true },
  ]);
  // HTML stays text: the parts are rendered as React text nodes.
  expect(splitHighlights(`<script>alert(1)</script> ${m("<b>")}`)).toEqual([
    { text: "<script>alert(1)</script> ", mark: false },
    { text: "<b>", mark: true },
  ]);
  expect(splitHighlights("")).toEqual([]);
  // Adjacent highlights merge; a stray end marker is harmless.
  expect(splitHighlights(`${m("a")}${m("b")}${MARK_END}c`)).toEqual([
    { text: "ab", mark: true },
    { text: "c", mark: false },
  ]);
});

test("snippets lose markdown punctuation but keep words and markers", () => {
  expect(cleanSnippet(`## Titre\n**Un ${m("emploi")}** et [un lien](https://x.test) _ici_`)).toBe(
    `Titre Un ${m("emploi")} et un lien ici`,
  );
  expect(cleanSnippet("- un\n- deux")).toBe("un deux");
});

test("search parameters are parsed, trimmed and bounded; bad ones are refused", () => {
  expect(parseSearchParams(new URLSearchParams("q=  emploi   des jeunes "))).toEqual({
    q: "emploi des jeunes",
    espace: null,
    etape: null,
    motcle: null,
    defi: null,
    page: 1,
  });
  expect(parseSearchParams(new URLSearchParams("q=em%00ploi\u0007 jeunes"))?.q).toBe("em ploi jeunes");
  expect(parseSearchParams(new URLSearchParams("q=x&espace=innovaction&etape=PILOT&motcle=Accueil&page=3"))).toEqual({
    q: "x",
    espace: "innovaction",
    etape: "PILOT",
    motcle: "accueil",
    defi: null,
    page: 3,
  });
  expect(parseSearchParams(new URLSearchParams("q=x&defi=abc123"))?.defi).toBe("abc123");
  expect(parseSearchParams(new URLSearchParams("q=x&defi=../x"))).toBeNull();
  expect(parseSearchParams(new URLSearchParams("q=x&etape="))?.etape).toBeNull();
  expect(parseSearchParams(new URLSearchParams("etape=NOPE"))).toBeNull();
  expect(parseSearchParams(new URLSearchParams("page=0"))).toBeNull();
  expect(parseSearchParams(new URLSearchParams("page=10"))?.page).toBe(10);
  expect(parseSearchParams(new URLSearchParams("page=11"))).toBeNull();
  expect(parseSearchParams(new URLSearchParams(`q=${"a".repeat(201)}`))).toBeNull();
});

test("search links keep the filters and leave empty ones out", () => {
  const params = { q: "accueil agence", espace: null, etape: "PILOT" as const, motcle: null, defi: null, page: 1 };
  expect(searchHref(params)).toBe("/recherche?q=accueil+agence&etape=PILOT");
  expect(searchHref(params, { page: 2, motcle: "numérique" })).toBe(
    "/recherche?q=accueil+agence&etape=PILOT&motcle=num%C3%A9rique&page=2",
  );
});

test("suggestions wait for a title that says something", () => {
  expect(worthSuggesting("  ab ")).toBe(false);
  expect(worthSuggesting("Wifi")).toBe(true);
});

test("a page of results says where it stands, like the lists' pager; a bounded search says “more than”", () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => i);
  expect(searchPosition({ page: 1, total: 23, capped: false, items: items(20) })).toEqual({
    from: 1,
    to: 20,
    total: 23,
    capped: false,
  });
  expect(searchPosition({ page: 2, total: 23, capped: false, items: items(3) })).toMatchObject({ from: 21, to: 23 });
  expect(searchPosition({ page: 10, total: 200, capped: true, items: items(20) })).toEqual({
    from: 181,
    to: 200,
    total: 200,
    capped: true,
  });
  expect(searchPosition({ page: 3, total: 23, capped: false, items: [] })).toBeNull();
});
