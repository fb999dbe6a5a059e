// Time as the agency lives it: Paris wall-clock time (docs/decisions/0019-cookies-and-time.md). Every
// conversion between an instant and a Paris date or time goes through here, on @date-fns/tz (the IANA
// rules, summer and winter time included) — no offset arithmetic anywhere else. Pure; the browser may
// import it too.
import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "./time-zone.ts";

export { TIME_ZONE };

const two = (n: number) => String(n).padStart(2, "0");

/** The instant as Paris sees it (its getters give Paris's year, month, day, hour...). */
export const inParis = (date: Date | string | number) => new TZDate(new Date(date).getTime(), TIME_ZONE);

/** The calendar day in Paris, "2027-03-01". */
export function parisDay(date: Date | string | number): string {
  const p = inParis(date);
  return `${p.getFullYear()}-${two(p.getMonth() + 1)}-${two(p.getDate())}`;
}

/** The hour in Paris, 0 to 23. */
export const parisHour = (date: Date | string | number): number => inParis(date).getHours();

/** "2027-03-01T09:00", as <input type="datetime-local"> shows it, in Paris time. */
export function toParisLocal(date: Date | string | number): string {
  const p = inParis(date);
  return `${parisDay(p)}T${two(p.getHours())}:${two(p.getMinutes())}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * "2027-03-01T09:00" (or a day, "2027-03-01", meaning its midnight) read as Paris time. Null for anything
 * that is not a real time there: the 31st of February, 02:30 on the night clocks go forward.
 */
export function fromParisLocal(value: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0] = m.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as [
    number,
    number,
    number,
    number?,
    number?,
  ];
  if (y < 2000 || y > 2100) return null;
  const date = new Date(new TZDate(y, mo - 1, d, h, mi, TIME_ZONE).getTime());
  // The library moves a time that does not exist (or an overflowing day) to a real one: refuse it.
  const back = toParisLocal(date);
  return (m[4] === undefined ? back.slice(0, 10) === value && back.endsWith("T00:00") : back === value) ? date : null;
}

/** The first instant of the Paris day after `day` ("2027-03-01" → 2 March 00:00 in Paris). */
export function startOfNextParisDay(day: string): Date | null {
  const start = fromParisLocal(day);
  if (!start) return null;
  const next = inParis(start);
  next.setDate(next.getDate() + 1);
  return new Date(next.getTime());
}
