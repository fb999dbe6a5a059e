import { expect, test } from "vitest";
import { applyFormat } from "./markdown-format.ts";

const opts = { placeholder: "texte" };

test("wrapping formats wrap the selection, or a selected placeholder", () => {
  expect(applyFormat({ text: "un mot ici", start: 3, end: 6 }, "bold", opts)).toEqual({
    text: "un **mot** ici",
    start: 5,
    end: 8,
  });
  expect(applyFormat({ text: "", start: 0, end: 0 }, "italic", opts)).toEqual({ text: "_texte_", start: 1, end: 6 });
  expect(applyFormat({ text: "voir", start: 0, end: 4 }, "link", opts).text).toBe("[voir](https://)");
});

test("line formats prefix every selected line", () => {
  expect(applyFormat({ text: "a\nb\nc", start: 0, end: 3 }, "list", opts).text).toBe("- a\n- b\nc");
  expect(applyFormat({ text: "x\ntitre", start: 4, end: 4 }, "heading", opts).text).toBe("x\n## titre");
  expect(applyFormat({ text: "cité", start: 2, end: 2 }, "quote", opts).text).toBe("> cité");
});

test("an image of the idea is inserted as markdown pointing at its attachment", () => {
  const edit = applyFormat({ text: "Voici ", start: 6, end: 6 }, "image", {
    ...opts,
    image: { id: "abc123", name: "plan [v2].png" },
  });
  expect(edit.text).toBe("Voici ![plan v2.png](/pieces-jointes/abc123)");
});
