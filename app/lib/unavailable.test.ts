import { expect, test } from "vitest";
import { isUnavailableError } from "./unavailable.ts";

test("connection failures of pg, of Prisma and of its driver adapter are recognised", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED" });
  const adminShutdown = Object.assign(new Error("terminating connection due to administrator command"), {
    code: "57P01",
  });
  const prisma = Object.assign(new Error("Can't reach database server"), {
    code: "P1001",
    meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
  });
  const wrapped = new Error("outer", { cause: new Error("Connection terminated unexpectedly") });
  for (const error of [refused, adminShutdown, prisma, wrapped, { kind: "ConnectionClosed" }])
    expect(isUnavailableError(error)).toBe(true);
});

test("a refused write, a bug or a non-error is not an outage", () => {
  const unique = Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
  const sqlUnique = Object.assign(new Error("duplicate key value"), { code: "23505" });
  for (const error of [unique, sqlUnique, new TypeError("x is undefined"), null, "57P01", { code: 42 }])
    expect(isUnavailableError(error)).toBe(false);
});
