// Markdown figures for `npm run bench`: how long the worst inputs we know of take to render at the size
// limit (app/lib/markdown.server.ts). Tests check that the work is bounded (size and nesting guards) and
// that the output is right; the time is a figure to compare between runs on the same machine.
import {
  MAX_MARKDOWN_NESTING_DEPTH,
  MAX_MARKDOWN_SOURCE_LENGTH as N,
  renderMarkdown,
} from "../../app/lib/markdown.server.ts";

const DEEP = 2_000;

export const PATHOLOGICAL_MARKDOWN: Array<[string, string]> = [
  ["'<' × limit", "<".repeat(N)],
  ["'&' × limit", "&".repeat(N)],
  ["'[' × limit", "[".repeat(N)],
  ["code spans", "`a ``".repeat(N / 5)],
  ["unclosed stars", "*a ".repeat(Math.floor(N / 3))],
  ["table rows", "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(N / 6)],
  ["nested strong", Array.from({ length: 400 }, () => `${"**a ".repeat(20)}x${" a**".repeat(20)}`).join(" ")],
  [`${DEEP} blockquotes`, `${"> ".repeat(DEEP)}profond`],
  [`${DEEP} nested lists`, `${"- ".repeat(DEEP)}profond`],
  [`${DEEP} nested links`, `${"[".repeat(DEEP)}profond${"](https://x.example)".repeat(DEEP)}`],
];

export function markdownPhase(runs = 5): void {
  console.log(
    `\nMarkdown rendering, worst known inputs (limit ${N} characters, nesting ${MAX_MARKDOWN_NESTING_DEPTH}), best of ${runs}:`,
  );
  for (const [name, source] of PATHOLOGICAL_MARKDOWN) {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      renderMarkdown(source);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`  ${name.padEnd(22)} ${best.toFixed(1).padStart(7)} ms`);
  }
}
