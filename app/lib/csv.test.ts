import { expect, test } from "vitest";
import { csvDecimal, csvRows, csvSeparatorOf, neutraliseCell } from "./csv.ts";

test("cells a spreadsheet would run as a formula get a leading apostrophe; plain numbers stay numbers", () => {
  for (const danger of ["=1+1", "+33 1 23", "-cmd", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
    expect(neutraliseCell(danger)).toBe(`'${danger}`);
  for (const safe of ["Idée", "1+1", "a=b", "", "12", "-3.5", "-3,5", " =padded"])
    expect(neutraliseCell(safe)).toBe(safe);
  // A number followed by something else is not a plain number any more.
  expect(neutraliseCell("-1+2")).toBe("'-1+2");
});

test("rows follow RFC 4180 (quotes doubled, separators and line breaks quoted, CRLF) with `;` or `,`", () => {
  const rows = [
    ["a;b", 'dit "oui"', "ligne\nsuivante", "retour\rchariot", "simple", null, 12.5, "=2*3"],
    ["x,y", "", -4, true, undefined, "é", "@moi", "+1"],
  ];
  expect(csvRows(rows, ";")).toBe(
    '"a;b";"dit ""oui""";"ligne\nsuivante";"retour\rchariot";simple;;12,5;\'=2*3\r\n' + "x,y;;-4;1;;é;'@moi;'+1\r\n",
  );
  expect(csvRows(rows, ",")).toBe(
    'a;b,"dit ""oui""","ligne\nsuivante","retour\rchariot",simple,,12.5,\'=2*3\r\n' + "\"x,y\",,-4,1,,é,'@moi,'+1\r\n",
  );
});

test("the separator and decimal mark go together", () => {
  expect(csvSeparatorOf(null)).toBe(";");
  expect(csvSeparatorOf("comma")).toBe(",");
  expect(csvSeparatorOf("tab")).toBe(";");
  expect(csvDecimal("-12.5", ";")).toBe("-12,5");
  expect(csvDecimal("-12.5", ",")).toBe("-12.5");
  expect(csvDecimal(null, ";")).toBe(null);
});
