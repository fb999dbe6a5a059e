// Debian's Chromium driven by playwright-core, launched one way for the browser tests and the README's
// screenshots: headless, no sandbox (CI runs as root), and none of the background traffic a fresh
// profile would start. No browser is ever downloaded; CHROMIUM_PATH points at another binary.
import { chromium, type Browser } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Playwright gives every context a fresh, empty profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}
