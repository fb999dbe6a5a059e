import { useRouteLoaderData } from "@remix-run/react";
import { formatDateTime, type Locale } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { relativeTime } from "~/lib/relative-time.ts";

/**
 * "il y a 5 minutes", told from the root loader's clock (so the server's page and the browser's first
 * render say the same), with the exact date and time in the element's machine-readable value.
 */
export function RelativeTime({ date }: { date: string }) {
  const locale = useLocale();
  const t = useT();
  const now = useRouteLoaderData<{ now?: number }>("root")?.now ?? Date.parse(date);
  return (
    <time dateTime={date} title={exactTime(locale, date)}>
      {relativeTime({ locale, date, now, justNow: t("date.relativeNow") })}
    </time>
  );
}

// The exact time in the title is a pure function of the language and the instant (the time zone is
// fixed), and Intl.DateTimeFormat's format() was ~7 µs a call: ~80 per page of the most discussed idea,
// the same instants on every request (docs/decisions/0049). Remembered, bounded: emptied when full.
const EXACT_TIMES_KEPT = 10_000;
const exactTimes = new Map<string, string>();

function exactTime(locale: Locale, date: string): string {
  const key = `${locale} ${date}`;
  let text = exactTimes.get(key);
  if (text === undefined) {
    if (exactTimes.size >= EXACT_TIMES_KEPT) exactTimes.clear();
    exactTimes.set(key, (text = formatDateTime(locale, date)));
  }
  return text;
}
