// React 18.3.1's streaming renderer (the one app/entry.server.tsx uses) encodes text into a 2 KB buffer;
// when a multi-byte character (é, ’, «) did not fit at the buffer's end it sent the whole buffer, so up
// to three unwritten NUL bytes went out in the page (react/react#31134, fixed upstream in #26228, not in
// 18.x; docs/decisions/0065). In text a browser drops them; in an attribute or the inline data script
// they become U+FFFD, a visible "�" or data that no longer matches the page. The patch
// (patches/react-dom+18.3.1.patch) sends only the written bytes; this test renders French text at every
// alignment against the 2 KB boundary.
import { createRequire } from "node:module";
import path from "node:path";
import { Writable } from "node:stream";
import { createElement, Fragment } from "react";
import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";

type Server = Pick<typeof import("react-dom/server"), "renderToPipeableStream">;
const require = createRequire(import.meta.url);
const cjs = path.join(path.dirname(require.resolve("react-dom/server.node")), "cjs");
// Both builds: production is what the app serves, development what tests and `npm run dev` render with.
const builds: [string, Server][] = ["production.min", "development"].map((build) => [
  build,
  require(path.join(cjs, `react-dom-server.node.${build}.js`)) as Server,
]);

function streamed({ renderToPipeableStream }: Server, element: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        resolve(Buffer.concat(chunks));
        callback();
      },
    });
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

// Short texts (each goes through the 2 KB buffer), with one-, two- and three-byte characters, shifted by
// 0–5 bytes so that every kind of character meets the buffer's end somewhere.
const page = (shift: number) =>
  createElement(
    "main",
    { title: "Idées « à l’étude »" },
    "x".repeat(shift),
    Array.from({ length: 400 }, (_, i) =>
      createElement(Fragment, { key: i }, createElement("p", { "aria-label": `Réponse n° ${i}` }, "Créée l’été — é")),
    ),
  );

test.each(builds)("a streamed page (%s) has no NUL byte and is the page renderToString gives", async (_, server) => {
  for (let shift = 0; shift < 6; shift++) {
    const bytes = await streamed(server, page(shift));
    expect(bytes.indexOf(0), `shift ${shift}`).toBe(-1);
    expect(bytes.toString("utf8"), `shift ${shift}`).toBe(renderToString(page(shift)));
  }
});
