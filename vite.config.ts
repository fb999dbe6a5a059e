import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { precompileMessages } from "./scripts/lib/precompile-messages.ts";
import { precompressAssets } from "./scripts/lib/precompress-assets.ts";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const EVERY_PAGE =
  /\/app\/(components\/(path-link|person-name|tag-links|stage-badge)\.tsx|lib\/i18n-react\.ts|realtime\/(announce|events)\.ts|models\/(stages|user-names)\.ts)$/;

export default defineConfig(({ command, isSsrBuild }) => ({
  // The browser build gets pre-parsed messages, so it ships intl-messageformat without the ICU parser
  // (scripts/lib/precompile-messages.ts, docs/decisions/0016-i18n.md).
  resolve:
    command === "build" && !isSsrBuild
      ? {
          alias: [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: "@formatjs/icu-messageformat-parser/no-parser.js",
            },
          ],
        }
      : {},
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
    precompileMessages(),
    precompressAssets(),
  ],
  build: {
    target: "es2022",
    // Small modules that nearly every page uses, each a few hundred bytes, would each be a chunk of its
    // own (a request, and compressed on their own they shrink little): one chunk holds them. Issue 18's
    // list page budget (tests/weight.test.ts, tests/e2e/i18n-bundle.test.ts).
    rollupOptions: isSsrBuild
      ? {}
      : { output: { manualChunks: (id: string) => (EVERY_PAGE.test(id) ? "every-page" : undefined) } },
  },
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
}));
