import { expect, test } from "vitest";
import { relativeTime } from "./relative-time.ts";

const now = new Date("2027-03-10T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const JUST_NOW = { fr: "à l'instant", en: "just now" } as const;
const rel = (locale: "fr" | "en", date: Date | string) =>
  relativeTime({ locale, date, now, justNow: JUST_NOW[locale] });
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

test("under a minute, and in the future, it is “just now”, never “0 minute”", () => {
  expect(rel("fr", now)).toBe("à l'instant");
  expect(rel("fr", ago(59_000))).toBe("à l'instant");
  expect(rel("en", ago(5_000))).toBe("just now");
  expect(rel("fr", new Date(now.getTime() + 90_000))).toBe("à l'instant");
  expect(rel("fr", "not a date")).toBe("à l'instant");
});

test("minutes, hours, days, weeks, months and years, in both languages", () => {
  expect(nbsp(rel("fr", ago(MIN)))).toBe("il y a 1 minute");
  expect(nbsp(rel("fr", ago(5 * MIN)))).toBe("il y a 5 minutes");
  expect(nbsp(rel("en", ago(5 * MIN)))).toBe("5 minutes ago");
  expect(nbsp(rel("fr", ago(3 * 60 * MIN)))).toBe("il y a 3 heures");
  expect(nbsp(rel("fr", ago(24 * 60 * MIN)))).toBe("hier");
  expect(nbsp(rel("en", ago(24 * 60 * MIN)))).toBe("yesterday");
  expect(nbsp(rel("fr", ago(3 * 24 * 60 * MIN)))).toBe("il y a 3 jours");
  expect(nbsp(rel("fr", ago(14 * 24 * 60 * MIN)))).toBe("il y a 2 semaines");
  expect(nbsp(rel("en", ago(70 * 24 * 60 * MIN)))).toBe("2 months ago");
  expect(nbsp(rel("fr", ago(800 * 24 * 60 * MIN)))).toBe("il y a 2 ans");
});

test("the words told once per language, unit and count are Intl's, told again in either order (docs/decisions/0061)", () => {
  const intl = {
    fr: new Intl.RelativeTimeFormat("fr-FR", { numeric: "auto" }),
    en: new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" }),
  };
  const cases: [number, Intl.RelativeTimeFormatUnit][] = [
    [MIN, "minute"],
    [60 * MIN, "hour"],
    [24 * 60 * MIN, "day"],
    [7 * 24 * 60 * MIN, "week"],
  ];
  // Both languages alternate on the same keys: a remembered text must never cross languages or units.
  for (let round = 0; round < 2; round++)
    for (const [size, unit] of cases)
      for (let n = 1; n < 4; n++)
        for (const locale of ["fr", "en"] as const)
          expect(rel(locale, ago(n * size + 1_000)), `${locale} ${n} ${unit}`).toBe(intl[locale].format(-n, unit));
});
