// The markdown toolbar's edits (app/components/markdown-editor.tsx), pure: given the text and the
// selection, what to put where and what to select afterwards.
export type MarkdownFormat = "bold" | "italic" | "heading" | "list" | "link" | "quote" | "image";

export type Selection = { text: string; start: number; end: number };
/** The whole new text and the selection to set. */
export type Edit = { text: string; start: number; end: number };

export function applyFormat(
  selection: Selection,
  format: MarkdownFormat,
  options: { placeholder: string; image?: { id: string; name: string } },
): Edit {
  const { text, start, end } = selection;
  const chosen = text.slice(start, end) || (format === "image" ? "" : options.placeholder);
  const wrap = (before: string, after: string, inner = chosen): Edit => {
    const inserted = `${before}${inner}${after}`;
    return {
      text: text.slice(0, start) + inserted + text.slice(end),
      start: start + before.length,
      end: start + before.length + inner.length,
    };
  };
  switch (format) {
    case "bold":
      return wrap("**", "**");
    case "italic":
      return wrap("_", "_");
    case "link":
      return wrap("[", "](https://)");
    case "image": {
      const image = options.image;
      if (!image) return wrap("", "", "");
      const alt = image.name.replace(/[[\]]/g, "");
      return wrap(`![${alt}](/pieces-jointes/${image.id})`, "", "");
    }
    case "heading":
    case "list":
    case "quote": {
      const prefix = format === "heading" ? "## " : format === "list" ? "- " : "> ";
      // Every line of the selection starts with the prefix; a line break first when mid-line.
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      const block = text.slice(lineStart, end) || (start === end ? options.placeholder : "");
      const lines = block.split("\n").map((line) => `${prefix}${line}`);
      const inserted = lines.join("\n");
      return {
        text: text.slice(0, lineStart) + inserted + text.slice(end),
        start: lineStart + prefix.length,
        end: lineStart + inserted.length,
      };
    }
  }
}
