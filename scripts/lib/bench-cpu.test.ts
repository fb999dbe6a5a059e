// The bench's CPU meter (scripts/lib/bench-cpu.ts): reading /proc/<pid>/stat lines, the ticks a window
// spent when processes come and go, and the figures per request.
import { expect, inject, test } from "vitest";
import { appCpuRatio, cpuMeter, formatCpu, parseProcStat, perRequest, ticksSpent, type Sample } from "./bench-cpu.ts";

// A real line's shape (Linux 6, `cat /proc/self/stat`), with utime 120, stime 30, cutime 7, cstime 3.
const line = (comm: string) =>
  `4242 (${comm}) S 4200 4242 7165 0 -1 4194304 96 0 0 0 120 30 7 3 20 0 11 0 46370 3133440 360 18446744073709551615 0 0 0`;

test("a stat line gives the process's utime + stime + cutime + cstime, its parent and its start", () => {
  expect(parseProcStat(line("node"))).toEqual({ pid: 4242, comm: "node", ppid: 4200, ticks: 160, startTicks: 46370 });
});

test("a command name with spaces and parentheses does not shift the fields", () => {
  for (const comm of ["postgres: bench", "a) S 1 2 3 (b", "))", "(", "node (worker)"]) {
    expect(parseProcStat(line(comm))).toEqual({ pid: 4242, comm, ppid: 4200, ticks: 160, startTicks: 46370 });
  }
});

test("a line that is not a stat line gives nothing", () => {
  for (const text of [
    "",
    "4242",
    "4242 (node) S 1 2",
    "(node) S 4200 4242 7165 0 -1 4194304 96 0 0 0 1 2 3 4 5 6 7 8 9",
  ])
    expect(parseProcStat(text)).toBeNull();
});

const sample = (entries: Record<string, number>): Sample => new Map(Object.entries(entries));

test("a window counts what each process spent between its first and last sample", () => {
  const spent = ticksSpent([sample({ "1:10": 100, "2:10": 50 }), sample({ "1:10": 130, "2:10": 55 })]);
  expect(spent).toEqual({ ticks: 35, processes: 2, appeared: 0, gone: 0 });
});

test("a process that appears during the window counts from zero; one that goes counts up to its last sample", () => {
  const spent = ticksSpent([
    sample({ "1:10": 100, "2:10": 50 }),
    sample({ "1:10": 110, "2:10": 58, "3:500": 4 }),
    sample({ "1:10": 120, "3:500": 9 }),
  ]);
  // 1: 20; 2 (gone): 8 up to its last sample; 3 (new): 9 from zero.
  expect(spent).toEqual({ ticks: 37, processes: 3, appeared: 1, gone: 1 });
});

test("a pid reused by another process (another start time) is another process", () => {
  const spent = ticksSpent([sample({ "7:10": 900 }), sample({ "7:20": 3 })]);
  expect(spent).toEqual({ ticks: 3, processes: 2, appeared: 1, gone: 1 });
});

test("no samples, or no processes, spend nothing", () => {
  expect(ticksSpent([])).toEqual({ ticks: 0, processes: 0, appeared: 0, gone: 0 });
  expect(ticksSpent([sample({}), sample({})])).toEqual({ ticks: 0, processes: 0, appeared: 0, gone: 0 });
});

const window = (requests: number) => ({
  requests,
  app: { ticks: 400, processes: 1, appeared: 0, gone: 0 },
  postgres: { ticks: 100, processes: 20, appeared: 2, gone: 1 },
  benchMicros: 1_000_000,
});

test("per request: ticks of 10 ms divided by the requests", () => {
  expect(perRequest(window(1000))).toEqual({
    requests: 1000,
    app: { ms: 4, ticks: 400, processes: 1 },
    postgres: { ms: 1, backends: 20, appeared: 2, gone: 1 },
    bench: { ms: 1 },
  });
});

test("no request completed: no figure, and nothing printed (no division by zero)", () => {
  expect(perRequest(window(0))).toBeNull();
  expect(perRequest({ ...window(Number.NaN) })).toBeNull();
  expect(formatCpu(null)).toBe("");
  expect(formatCpu(undefined)).toBe("");
});

test("the printed line gives each side's ms per request and the one-process ceiling the app's CPU implies", () => {
  expect(formatCpu(perRequest(window(1000)))).toBe(
    "\n             CPU per request: app 4.00 ms → ≤ 250/s per app process · PostgreSQL 1.00 ms (20 backends, 2 opened, 1 closed) · bench 1.00 ms",
  );
});

test("an app that did almost nothing (a raw pg window) gets no ceiling; unseen backends are said", () => {
  const raw = perRequest({ ...window(1000), app: { ticks: 2, processes: 2, appeared: 0, gone: 0 }, postgres: null });
  expect(formatCpu(raw)).toBe(
    "\n             CPU per request: app 0.02 ms over 2 processes (idle) · PostgreSQL not seen on this machine · bench 1.00 ms",
  );
});

test("the ratio the app's CPU implies is the inverse of the CPU per request", () => {
  const list = perRequest(window(1000));
  const discussed = perRequest({ ...window(1000), app: { ticks: 1000, processes: 1, appeared: 0, gone: 0 } });
  expect(appCpuRatio(discussed, list)).toBe("0.40× by the app's CPU per request (10.00 ms against 4.00 ms)");
  expect(appCpuRatio(discussed, null)).toBe("");
});

test("without /proc (not Linux) a window gives no figure (the line under a figure is then empty)", async () => {
  const meter = cpuMeter("/no-proc-here");
  meter.watch({ apps: () => [process.pid], serverUrl: inject("testDatabase").adminUrl, database: "postgres" });
  const window = await meter.begin();
  expect(await window.end(100)).toBeNull();
});

test("with /proc, a window meters this process's CPU", async () => {
  const meter = cpuMeter();
  meter.watch({ apps: () => [], serverUrl: inject("testDatabase").adminUrl, database: "none" });
  const window = await meter.begin();
  const start = process.cpuUsage();
  while (process.cpuUsage(start).user < 50_000); // 50 ms of CPU (not of wall time: the machine is shared)
  const cpu = await window.end(10);
  expect(cpu?.bench.ms).toBeGreaterThanOrEqual(5);
  expect(cpu?.app).toBeNull();
});
