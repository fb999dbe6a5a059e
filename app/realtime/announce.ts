// The page's one polite live region (rendered by app/root.tsx) and the function that speaks through it.
// Kept apart from use-live.ts so the root layout does not pull the socket.io client into every page.
export const ANNOUNCER_ID = "annonces-direct";

let clearTimer: ReturnType<typeof setTimeout> | undefined;
let showTimer: ReturnType<typeof setTimeout> | undefined;

/** Says `message` politely (aria-live="polite": after what the reader is hearing, never interrupting). */
export function announce(message: string) {
  const region = typeof document === "undefined" ? null : document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  // Emptied first, so that the same sentence twice is announced twice.
  region.textContent = "";
  clearTimeout(clearTimer);
  clearTimeout(showTimer);
  showTimer = setTimeout(() => {
    region.textContent = message;
    // Cleared later so that a reader browsing the page does not meet stale news.
    clearTimer = setTimeout(() => (region.textContent = ""), 10_000);
  }, 100);
}
