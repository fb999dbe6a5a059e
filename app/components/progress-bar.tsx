// The loading indicator (issue 16): a thin bar at the top of the page while a navigation or a form
// post (a fetcher) is under way, shown only past a short delay so fast answers do not flicker. The bar
// itself is decoration (aria-hidden); assistive technologies hear "Chargement…" through a polite live
// region, and <main> carries aria-busy during page navigations. Without motion when the person asks.
import { useFetchers, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "~/lib/i18n-react.ts";

const SHOW_AFTER_MS = 150;

/** "navigation" while a page loads or a form navigates, "fetcher" while only a fetcher works, else null. */
export function useBusy(): "navigation" | "fetcher" | null {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  if (navigation.state !== "idle") return "navigation";
  return fetchers.some((f) => f.state !== "idle") ? "fetcher" : null;
}

export function ProgressBar() {
  const busy = useBusy();
  const t = useT();
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setLate(true), SHOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [busy]);
  const shown = busy !== null && late;
  return (
    <>
      <div className="progress-bar" data-state={shown ? "busy" : "idle"} aria-hidden="true" data-testid="progress-bar">
        <div className="progress-bar__fill" />
      </div>
      <div className="visually-hidden" aria-live="polite" data-testid="progress-status">
        {shown ? t("nav.loading") : ""}
      </div>
    </>
  );
}
