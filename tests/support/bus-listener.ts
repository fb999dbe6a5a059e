// The realtime LISTEN connection of one app process, found through pg_stat_activity, so that a test can
// cut it (pg_terminate_backend) as an event-bus outage would (tests/realtime-resync.test.ts,
// tests/e2e/live-resync.test.ts).
import type pg from "pg";

async function realtimeListeners(admin: pg.Client): Promise<string[]> {
  const { rows } = await admin.query<{ name: string }>(
    "select application_name as name from pg_stat_activity where application_name like 'idees-realtime-%' and query ilike 'LISTEN%'",
  );
  return rows.map((r) => r.name);
}

/** Starts an app process and names the LISTEN connection it opened; `cut()` terminates that connection. */
export async function startWithOwnListener<App>(admin: pg.Client, start: () => Promise<App>) {
  const before = new Set(await realtimeListeners(admin));
  const app = await start();
  const mine = (await realtimeListeners(admin)).filter((name) => !before.has(name));
  if (mine.length !== 1) throw new Error(`expected one new LISTEN connection, found ${mine.length}`);
  const listener = mine[0]!;
  const cut = () =>
    admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
      [listener],
    );
  return { app, listener, cut, listeners: () => realtimeListeners(admin) };
}
