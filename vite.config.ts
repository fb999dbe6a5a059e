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
  build: { target: "es2022" },
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
}));
