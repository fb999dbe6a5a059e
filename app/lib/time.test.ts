import { expect, test } from "vitest";
import { fromParisLocal, parisDay, parisHour, startOfNextParisDay, toParisLocal } from "./time.ts";

test("form times are Paris wall-clock times, summer and winter, and impossible ones are refused", () => {
  expect(fromParisLocal("2027-01-15T09:00")?.toISOString()).toBe("2027-01-15T08:00:00.000Z"); // UTC+1
  expect(fromParisLocal("2027-07-15T09:00")?.toISOString()).toBe("2027-07-15T07:00:00.000Z"); // UTC+2
  expect(fromParisLocal("2027-03-28T02:30")).toBeNull(); // clocks jump from 02:00 to 03:00
  // The hour repeated when clocks go back is read as the second one (winter time), as @date-fns/tz does.
  expect(fromParisLocal("2027-10-31T02:30")?.toISOString()).toBe("2027-10-31T01:30:00.000Z");
  expect(fromParisLocal("2027-02-30T09:00")).toBeNull();
  expect(fromParisLocal("2027-01-15T24:00")).toBeNull();
  expect(fromParisLocal("2027-01-15 09:00")).toBeNull();
  expect(fromParisLocal("1999-12-31T09:00")).toBeNull();
  expect(toParisLocal(new Date("2027-07-15T07:00:00.000Z"))).toBe("2027-07-15T09:00");
  expect(toParisLocal(new Date("2027-01-15T23:30:00.000Z"))).toBe("2027-01-16T00:30");
});

test("a Paris day starts at Paris midnight, 23, 24 or 25 hours long", () => {
  expect(fromParisLocal("2027-01-15")?.toISOString()).toBe("2027-01-14T23:00:00.000Z");
  expect(fromParisLocal("2027-02-29")).toBeNull();
  expect(startOfNextParisDay("2027-01-15")?.toISOString()).toBe("2027-01-15T23:00:00.000Z");
  expect(startOfNextParisDay("2027-03-28")?.toISOString()).toBe("2027-03-28T22:00:00.000Z"); // 23 hours
  expect(startOfNextParisDay("2027-10-31")?.toISOString()).toBe("2027-10-31T23:00:00.000Z"); // 25 hours
  expect(startOfNextParisDay("2027-13-01")).toBeNull();
});

test("the Paris day and hour of an instant, either side of midnight UTC", () => {
  expect(parisDay(new Date("2027-07-15T22:30:00Z"))).toBe("2027-07-16");
  expect(parisDay(new Date("2027-01-15T22:30:00Z"))).toBe("2027-01-15");
  expect(parisHour(new Date("2027-01-15T06:00:00Z"))).toBe(7);
  expect(parisHour(new Date("2027-07-15T05:00:00Z"))).toBe(7);
  expect(parisHour(new Date("2027-07-15T22:30:00Z"))).toBe(0);
});
