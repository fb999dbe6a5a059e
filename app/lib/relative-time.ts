// "à l'instant", "il y a 5 minutes", "hier", "il y a 3 jours" — one function for every relative time
// (issue 16: "depuis 0 minute"), on Intl.RelativeTimeFormat. Pure: `now` is passed in, so that the
// server and the browser render the same words (the page's loader gives its clock to both).
import { INTL_LOCALE, type Locale } from "./i18n.ts";
import { remember } from "./remember.ts";

const formats = new Map<Locale, Intl.RelativeTimeFormat>();
/**
 * The words of each (language, unit, count), told once (docs/decisions/0061): a thread tells ~80 times
 * per page, mostly the same few ("il y a 2 semaines"). A pure function of its key; bounded (emptied when
 * full), and a few hundred keys cover every age below a century.
 */
const told = new Map<string, string>();
const TOLD_KEPT = 2_000;

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
  let value = seconds / 60;
  for (const [unit, size] of STEPS) {
    if (value < size) return tell(locale, -Math.floor(value), unit);
    value /= size;
  }
  return options.justNow; // not reached: the last step has no end
}

function tell(locale: Locale, count: number, unit: Intl.RelativeTimeFormatUnit): string {
  return remember(told, TOLD_KEPT, `${locale} ${count} ${unit}`, () => {
    let format = formats.get(locale);
    if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" })));
    return format.format(count, unit);
  });
}
