// A serving process outlives a query promise abandoned after the database cut its connection, and
// still ends on any other unhandled rejection (server.ts surviveAbandonedQueries, ADR 0022). Run in a
// child process: the point is whether that process exits.
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

function runWith(rejection: string) {
  const script = `
    const { surviveAbandonedQueries } = await import("./server.ts");
    surviveAbandonedQueries();
    Promise.reject(${rejection});
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log("still running");`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
    timeout: 60_000,
  });
}

test("a lost connection's abandoned query is logged and the process goes on; a bug still ends it", () => {
  const lost = runWith(
    `Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })`,
  );
  expect(lost.status, lost.stderr).toBe(0);
  expect(lost.stdout).toContain("still running");
  expect(lost.stderr).toContain("[db] a query abandoned after its connection was lost");

  const bug = runWith(`new TypeError("x is undefined")`);
  expect(bug.status).not.toBe(0);
  expect(bug.stdout).not.toContain("still running");
  expect(bug.stderr).toContain("x is undefined");
});
