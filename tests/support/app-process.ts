// Real app processes for multi-process tests: `node --import tsx server.ts` (production build) on a
// free port, on this test file's database (tests/realtime-multiprocess.test.ts, tests/rate-limits.test.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../scripts/lib/database.ts";

export type AppProcess = { url: string; process: ChildProcess; output: string[] };

export async function startAppProcess(extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_POOL_SIZE: "5",
  };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const app: AppProcess = { url: `http://127.0.0.1:${port}`, process: child, output: [] };
  child.stderr!.on("data", (chunk: Buffer) => app.output.push(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`process on ${port} did not start:\n${app.output.join("")}`)),
      45_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      app.output.push(chunk.toString());
      if (chunk.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`process on ${port} exited with ${code}:\n${app.output.join("")}`));
    });
  });
  return app;
}

export async function stopAppProcess(app: AppProcess) {
  if (app.process.exitCode !== null) return;
  const exited = new Promise((resolve) => app.process.once("exit", resolve));
  app.process.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (app.process.exitCode === null) app.process.kill("SIGKILL");
}
