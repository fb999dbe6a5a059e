// "à l'instant", "il y a 5 minutes", "hier", "il y a 3 jours" — one function for every relative time
// (issue 16: "depuis 0 minute"), on Intl.RelativeTimeFormat. Pure: `now` is passed in, so that the
// server and the browser render the same words (the page's loader gives its clock to both).
import { INTL_LOCALE, type Locale } from "./i18n.ts";

const formats = new Map<Locale, Intl.RelativeTimeFormat>();

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.345],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/**
 * How long ago `date` was, seen at `now`, in words; under a minute (or in the future), `justNow` (the
 * catalogue's "date.relativeNow": "à l'instant" / "just now").
 */
export function relativeTime(options: {
  locale: Locale;
  date: Date | string | number;
  now: Date | string | number;
  justNow: string;
}): string {
  const { locale, date, now } = options;
  const seconds = (new Date(now).getTime() - new Date(date).getTime()) / 1000;
  if (!Number.isFinite(seconds) || seconds < 60) return options.justNow;
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" })));
  let value = seconds / 60;
  for (const [unit, size] of STEPS) {
    if (value < size) return format.format(-Math.floor(value), unit);
    value /= size;
  }
  return options.justNow; // not reached: the last step has no end
}
