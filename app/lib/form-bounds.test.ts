import { expect, test } from "vitest";
import { FORM_LIMITS, formShapeProblem, isSafeFieldName } from "./form-bounds.ts";

test("the app's own field names are safe; paths conform would blow up on are not", () => {
  for (const name of ["intent", "formId", "body", "parentId", "mot-cle", "comment.new", "tags[0]", "a.b[99].c.d"])
    expect(isSafeFieldName(name), name).toBe(true);
  for (const name of [
    "",
    "website[4294967294]",
    "tags[100]",
    "tags[01]",
    "a[b]",
    "a.b.c.d.e",
    "a..b",
    ".a",
    "a.",
    "x".repeat(FORM_LIMITS.nameLength + 1),
    "a.".repeat(50_000) + "b",
    "nom avec espace",
    "a\u0000b",
    "é",
  ])
    expect(isSafeFieldName(name), JSON.stringify(name.slice(0, 40))).toBe(false);
});

test("too many fields is a 413, a bad name or too many copies of one a 400", () => {
  expect(formShapeProblem(["intent", "body", "body"])).toBeNull();
  expect(formShapeProblem(Array.from({ length: FORM_LIMITS.fields }, (_, i) => `f${i}`))).toBeNull();
  expect(formShapeProblem(Array.from({ length: FORM_LIMITS.fields + 1 }, (_, i) => `f${i}`))?.status).toBe(413);
  expect(formShapeProblem(Array(50_000).fill("a"))?.status).toBe(413);
  expect(formShapeProblem(Array(FORM_LIMITS.repeats).fill("a"))).toBeNull();
  expect(formShapeProblem(Array(FORM_LIMITS.repeats + 1).fill("a"))).toMatchObject({ status: 400 });
  expect(formShapeProblem(["intent", "website[4294967294]"])).toMatchObject({ status: 400 });
});
