// Vite plugin: after the browser build, every text asset (JS, CSS, SVG, JSON) is written a second and
// third time, compressed with brotli (quality 11) and gzip (level 9), next to the original (`x.js.br`,
// `x.js.gz`), when that is smaller (a chunk of a few hundred bytes still shrinks by a third).
// Compressing at the highest levels costs seconds once per build instead of CPU on every request; server.ts (serveBuiltFiles, app/lib/static-files.server.ts) sends the variant the
// browser accepts with Content-Encoding and Vary. docs/decisions/0032-weight-and-statements-per-request.md.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map)$/;

export function precompressFiles(dir: string): number {
  let written = 0;
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      written += precompressFiles(file);
      continue;
    }
    if (!COMPRESSIBLE.test(entry)) continue;
    const raw = readFileSync(file);
    const brotli = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gzip = gzipSync(raw, { level: 9 });
    if (brotli.length < raw.length) writeFileSync(`${file}.br`, brotli);
    if (gzip.length < raw.length) writeFileSync(`${file}.gz`, gzip);
    if (brotli.length < raw.length || gzip.length < raw.length) written++;
  }
  return written;
}

export function precompressAssets(): Plugin {
  let outDir = "";
  let ssr = false;
  return {
    name: "idees-precompress-assets",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      ssr = Boolean(config.build.ssr);
    },
    closeBundle() {
      if (ssr) return;
      const count = precompressFiles(outDir);
      this.info?.(`pre-compressed ${count} assets (br, gz)`);
    },
  };
}
