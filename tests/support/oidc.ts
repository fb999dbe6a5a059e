// A real OpenID provider for the tests (scripts/lib/oidc-provider.ts, in a child process of its own),
// the app's OIDC_* settings pointing at it, and a driver for the whole sign-in over HTTP: the app's
// redirect, the provider's sign-in page, its redirect back to the app's callback.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ProviderAccount } from "../../scripts/lib/oidc-provider.ts";
import { HttpClient } from "./http-client.ts";

export type { ProviderAccount };

const here = path.dirname(fileURLToPath(import.meta.url));
export const STAFF_CLIENT = { clientId: "idees-staff", clientSecret: randomBytes(16).toString("hex") };
export const PUBLIC_CLIENT = { clientId: "idees-public", clientSecret: randomBytes(16).toString("hex") };

export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>;

export async function startTestProvider() {
  const child: ChildProcess = fork(path.join(here, "oidc-provider-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let next = 1;
  const waiting = new Map<number, () => void>();
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the test provider exited (${code})`)));
    child.on("message", (message: { type: string; id?: number; issuer?: string }) => {
      if (message.type === "ready") resolve(message.issuer!);
      if (message.type === "ack") waiting.get(message.id!)?.();
    });
  });
  const send = (message: Record<string, unknown>) =>
    new Promise<void>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      child.send({ ...message, id });
    });
  return {
    issuer,
    /** The app's settings for this provider: both kinds (staff and public) on it, with their own clients. */
    env: (extra: Record<string, string> = {}) => ({
      OIDC_STAFF_ISSUER: issuer,
      OIDC_STAFF_CLIENT_ID: STAFF_CLIENT.clientId,
      OIDC_STAFF_CLIENT_SECRET: STAFF_CLIENT.clientSecret,
      OIDC_PUBLIC_ISSUER: issuer,
      OIDC_PUBLIC_CLIENT_ID: PUBLIC_CLIENT.clientId,
      OIDC_PUBLIC_CLIENT_SECRET: PUBLIC_CLIENT.clientSecret,
      ...extra,
    }),
    /** Registers the app (its callback and post-logout addresses) once its address is known. */
    configure: (appUrl: string, accounts: ProviderAccount[]) =>
      send({
        type: "configure",
        accounts,
        clients: [STAFF_CLIENT, PUBLIC_CLIENT].map((c, i) => ({
          ...c,
          redirectUris: [`${appUrl}/connexion/oidc/${i === 0 ? "staff" : "public"}/callback`],
          postLogoutRedirectUris: [`${appUrl}/`],
        })),
      }),
    setAccounts: (accounts: ProviderAccount[]) => send({ type: "accounts", accounts }),
    /** Down: every connection to the provider is dropped. */
    setPaused: (paused: boolean) => send({ type: "paused", paused }),
    /** Turns the provider's clock (tokens it issues) by this many milliseconds. */
    setClock: (offsetMs: number) => send({ type: "clock", offsetMs }),
    close: async () => {
      if (child.exitCode === null) await send({ type: "close" });
    },
  };
}

/** Follows the provider's redirects (manually, with its own cookie jar) until one leaves it. */
async function followAtProvider(browser: HttpClient, start: URL, issuer: string): Promise<URL> {
  let url = start;
  for (let hops = 0; hops < 10; hops++) {
    if (url.origin !== new URL(issuer).origin || url.pathname.startsWith("/interaction/")) return url;
    const response = await browser.get(url.toString());
    const location = response.headers.get("Location");
    if (!location) throw new Error(`the provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error("too many redirects at the provider");
}

/**
 * Runs a sign-in up to the app's callback: the app's button (`app` keeps the browser's cookies for the
 * app), the provider's authorization endpoint (`authorize` may change its URL), the sign-in page where
 * `account` is chosen (or the person cancels). Returns the callback URL the provider sent back, not yet
 * visited.
 */
export async function runToCallback(options: {
  app: HttpClient;
  issuer: string;
  kind: "staff" | "public";
  account: string | "cancel";
  redirectTo?: string;
  authorize?: (url: URL) => void;
  providerBrowser?: HttpClient;
  /** A re-authentication of the signed-in `app`: started by /compte/reconfirmer, not the sign-in button. */
  reauth?: boolean;
}): Promise<URL> {
  const { app, issuer, kind, account } = options;
  const started = options.reauth
    ? await app.post("/compte/reconfirmer", { provider: kind, redirectTo: options.redirectTo ?? "/compte" })
    : await app.post(`/connexion/oidc/${kind}`, { redirectTo: options.redirectTo ?? "/" });
  if (started.status !== 302) throw new Error(`starting the sign-in answered ${started.status}`);
  const authorize = new URL(started.headers.get("Location")!);
  options.authorize?.(authorize);
  const browser = options.providerBrowser ?? new HttpClient(issuer);
  const interaction = await followAtProvider(browser, authorize, issuer);
  if (!/^\/interaction\//.test(interaction.pathname)) throw new Error(`expected the sign-in page, got ${interaction}`);
  const shown = await browser.get(interaction.toString());
  if (shown.status !== 200) throw new Error(`the sign-in page answered ${shown.status}: ${await shown.text()}`);
  const chosen =
    account === "cancel"
      ? await browser.post(`${interaction.pathname}/abort`, {}, { origin: null })
      : await browser.post(`${interaction.pathname}/login`, { account }, { origin: null });
  const location = chosen.headers.get("Location");
  if (!location) throw new Error(`choosing the identity answered ${chosen.status}: ${await chosen.text()}`);
  return followAtProvider(browser, new URL(location, interaction), issuer);
}

/** The whole sign-in: returns the app's answer at its callback. */
export async function signInThroughProvider(options: Parameters<typeof runToCallback>[0]): Promise<Response> {
  const callback = await runToCallback(options);
  return options.app.get(callback.pathname + callback.search);
}
