import { useRouteLoaderData } from "@remix-run/react";
import { formatDateTime, type Locale } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { relativeTime } from "~/lib/relative-time.ts";

/** What a relative time is told from: the reader's language, the root loader's clock, "à l'instant". */
export type Clock = { locale: Locale; now: number | undefined; justNow: string };

/** The clock of this render (read once by a list that shows many times, e.g. a thread's comments). */
export function useClock(): Clock {
  const locale = useLocale();
  const t = useT();
  const now = useRouteLoaderData<{ now?: number }>("root")?.now;
  return { locale, now, justNow: t("date.relativeNow") };
}

/**
 * "il y a 5 minutes", told from the root loader's clock (so the server's page and the browser's first
 * render say the same), with the exact date and time in the element's machine-readable value.
 */
export function RelativeTime({ date }: { date: string }) {
  return timeAgo(date, useClock());
}

/**
 * RelativeTime's element with the clock given: no component and no hook, for a thread's ~80 comments
 * (docs/decisions/0049, 0061).
 */
export function timeAgo(date: string, clock: Clock) {
  const { locale, justNow } = clock;
  return (
    <time dateTime={date} title={formatDateTime(locale, date)}>
      {relativeTime({ locale, date, now: clock.now ?? Date.parse(date), justNow })}
    </time>
  );
}
