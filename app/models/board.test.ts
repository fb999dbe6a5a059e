import { expect, test } from "vitest";
import { boardHref, NO_BOARD_FILTERS, parseBoardQuery } from "./board.ts";

const parse = (query: string) => parseBoardQuery(new URLSearchParams(query));

test("the board's URL: filters and the paged column read back as written; anything malformed is absent", () => {
  const filters = {
    space: "innovaction",
    challenge: "abc_12",
    tag: "données",
    olderThanDays: 14,
    overdue: true,
    sort: "urgency" as const,
  };
  const href = boardHref(filters, { column: "PILOT", after: "eyJ0IjoxfQ" });
  expect(href).toMatch(/#colonne-pilot$/);
  expect(parseBoardQuery(new URL(href, "http://x").searchParams)).toEqual({
    filters,
    page: { column: "PILOT", after: "eyJ0IjoxfQ" },
  });
  expect(boardHref(NO_BOARD_FILTERS)).toBe("/pilotage");
  expect(parse("espace=<x>&defi=a%20b&mot-cle=%20%20&anciennete=-3&colonne=NOPE&apres=x")).toEqual({
    filters: NO_BOARD_FILTERS,
    page: null,
  });
  for (const age of ["0", "3651", "1e3", "2.5", "abc", ""])
    expect(parse(`anciennete=${age}`).filters.olderThanDays).toBeNull();
  expect(parse("anciennete=%2030%20").filters.olderThanDays).toBe(30);
  expect(parse("mot-cle=%20Données\u0000").filters.tag).toBe("données");
  expect(parse("colonne=PILOT").page).toBeNull(); // a column without a cursor is its first page
  expect(parse("en-retard=oui&tri=vite").filters).toEqual(NO_BOARD_FILTERS); // only "1" and "urgence" count
});
