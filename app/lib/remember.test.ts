import { expect, test } from "vitest";
import { remember } from "./remember.ts";

test("an answer is computed once per key, and the cache never holds more than it may keep", () => {
  const cache = new Map<string, number>();
  let computed = 0;
  const square = (n: number) => remember(cache, 3, String(n), () => (computed++, n * n));
  expect([square(2), square(2), square(3)]).toEqual([4, 4, 9]);
  expect(computed).toBe(2);
  square(4);
  expect(cache.size).toBe(3);
  // Full: the next new key empties it first, then is kept alone.
  expect(square(5)).toBe(25);
  expect([...cache.keys()]).toEqual(["5"]);
  expect(square(2)).toBe(4);
  expect(computed).toBe(5);
});
