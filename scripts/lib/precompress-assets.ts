// Vite plugin: after the browser build, every text asset (JS, CSS, SVG, JSON) over 1 KB is written a
// second and third time, compressed with brotli (quality 11) and gzip (level 9), next to the original
// (`x.js.br`, `x.js.gz`). Compressing at the highest levels costs seconds once per build instead of CPU
// on every request; server.ts (serveBuiltFiles, app/lib/static-files.server.ts) sends the variant the
// browser accepts with Content-Encoding and Vary. docs/decisions/0032-weight-and-statements-per-request.md.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

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
    if (raw.length < MIN_BYTES) continue;
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
    written++;
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
