import { expect, test } from "vitest";
import { renderStoredMarkdown } from "./markdown-memo.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

test("stored markdown remembered is what renderMarkdown returns, for the same source, names and heading base", () => {
  const sources = [
    "# Titre\n\nDu **gras**, [un lien](https://example.org) et <script>alert(1)</script>",
    "[x](javascript:alert(1)) ![pixel](https://tracker.example/p.gif)",
    "[@Ancien nom](/personnes/u1) et [@Inconnu](/personnes/u404)",
  ];
  const people = new Map([["u1", "Alice"]]);
  for (const source of sources) {
    for (const headingBase of [undefined, 2, 4]) {
      const expected = renderMarkdown(source, { headingBase, people });
      expect(renderStoredMarkdown(source, { headingBase, people })).toBe(expected);
      // Asked again (remembered), the same HTML.
      expect(renderStoredMarkdown(source, { headingBase, people })).toBe(expected);
    }
  }
  // The heading base is part of what is remembered.
  expect(renderStoredMarkdown("# Un", { headingBase: 2 })).toBe("<h2>Un</h2>");
  expect(renderStoredMarkdown("# Un")).toBe("<h3>Un</h3>");
});

test("a mentioned person renamed shows their new name at once: the names are part of what is remembered", () => {
  const source = "Merci [@Alice](/personnes/u1) !";
  expect(renderStoredMarkdown(source, { people: new Map([["u1", "Alice"]]) })).toContain(">@Alice</a>");
  expect(renderStoredMarkdown(source, { people: new Map([["u1", "Alice Martin"]]) })).toContain(">@Alice Martin</a>");
  // Their account erased: the written name as plain text, no link.
  const gone = renderStoredMarkdown(source, { people: new Map() });
  expect(gone).toContain("@Alice");
  expect(gone).not.toContain("/personnes/u1");
});
