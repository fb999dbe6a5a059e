// One e2e file's world: the real app (production build) in this process and Debian's Chromium, started
// before the file's tests and closed after them, with every visitor's context closed too.
import { afterAll, beforeAll } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { startTestApp } from "./app.ts";
import { startSmtpServer } from "./smtp.ts";
import { launchBrowser, newVisitor, type Browser, type BrowserContext } from "./browser.ts";

type App = Awaited<ReturnType<typeof startTestApp>>;
type VisitorOptions = NonNullable<Parameters<typeof newVisitor>[2]>;

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

/** `smtp: true`: the app sends its e-mails to a real SMTP server in this process (`suite.smtp`). */
/** A random word of six lowercase letters, marking what one run of a browser test creates (titles, tags). */
export const runWord = () =>
  Math.random()
    .toString(36)
    .replace(/[^a-z]/g, "")
    .slice(0, 6);

export function e2eSuite(options: { smtp?: boolean } = {}) {
  let app: App | undefined;
  let browser: Browser | undefined;
  let smtp: Smtp | undefined;
  const opened: BrowserContext[] = [];
  beforeAll(async () => {
    smtp = options.smtp ? await startSmtpServer() : undefined;
    [app, browser] = await Promise.all([startTestApp(smtp ? { smtpUrl: smtp.url } : {}), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of opened) await context.close().catch(() => {});
    await browser?.close();
    await app?.close();
    await smtp?.close();
  });
  return {
    get smtp(): Smtp {
      if (!smtp) throw new Error("Start the suite with e2eSuite({ smtp: true }) to read its e-mails.");
      return smtp;
    },
    get app(): App {
      if (!app) throw new Error("The app starts in beforeAll: use it inside a test.");
      return app;
    },
    /**
     * A visitor with an empty cookie jar (and a watcher), on this app or `baseUrl`; signed in as `user`
     * when given, with a session cookie as after signing in.
     */
    async visitor(options: VisitorOptions = {}, extra: { user?: { id: string }; baseUrl?: string } = {}) {
      const url = extra.baseUrl ?? this.app.url;
      const v = await newVisitor(browser!, url, options);
      opened.push(v.context);
      if (extra.user) {
        const { token } = await createSession(extra.user.id);
        await v.context.addCookies([{ name: "idees_session", value: token, url, httpOnly: true, sameSite: "Lax" }]);
      }
      return v;
    },
  };
}
