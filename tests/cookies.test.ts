// Cookies and redirect targets over real HTTP (docs/decisions/0019-cookies-and-time.md): a cookie that
// does not decode, or holds nothing we recognise, is ignored and expired — never an error page; the
// language cookie is Secure over HTTPS like the session cookie; /langue and /connexion send people back
// only to paths of this site, percent-encoded, and /connexion checks that before creating a session.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

// Behind a TLS proxy: "X-Forwarded-Proto: https" makes a request HTTPS (README, TRUST_PROXY).
process.env.TRUST_PROXY = "1";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const HTTPS = { "X-Forwarded-Proto": "https" };

async function get(path: string, cookie: string, headers: Record<string, string> = {}) {
  return fetch(new URL(path, app.url), { redirect: "manual", headers: { Cookie: cookie, ...headers } });
}

const expiring = (response: Response, name: string) =>
  response.headers.getSetCookie().filter((c) => c.startsWith(`${name}=;`) && /Max-Age=0/.test(c));

test("a cookie of ours that does not decode or is not ours to read is ignored and expired, on every page", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public });
  const pages = ["/", `/espaces/${SPACES.public}`, `/idees/${idea.id}`, "/connexion", "/recherche?q=emploi"];
  const cases: { cookie: string; name: string; https?: boolean }[] = [
    { cookie: "idees_session=%E0", name: "idees_session" },
    { cookie: "idees_session=not-a-token", name: "idees_session" },
    { cookie: "__Host-idees_session=%E0%A4", name: "__Host-idees_session", https: true },
    { cookie: "idees_lang=%E0", name: "idees_lang" },
    { cookie: "idees_lang=klingon", name: "idees_lang" },
    { cookie: "idees_flash=%E0", name: "idees_flash" },
  ];
  for (const { cookie, name, https } of cases) {
    for (const page of pages) {
      const res = await get(page, `other=1; ${cookie}`, https ? HTTPS : {});
      expect(res.status, `${cookie} on ${page}`).toBe(200);
      const html = await res.text();
      expect(html, `${cookie} on ${page}: an anonymous French page`).toContain('<html lang="fr"');
      expect(expiring(res, name), `${cookie} on ${page}: expired`).toHaveLength(1);
    }
  }
  // A good language cookie next to a malformed session cookie still counts; only the bad one goes.
  const res = await get("/", "idees_session=%E0; idees_lang=en");
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<html lang="en"');
  expect(expiring(res, "idees_session")).toHaveLength(1);
  expect(expiring(res, "idees_lang")).toHaveLength(0);
});

test("a signed-in person keeps their session next to a malformed language cookie; the socket handshake ignores it too", async () => {
  const user = await makeUser();
  const client = new HttpClient(app.url);
  await client.signIn(user.email, user.password);
  const session = client.cookies.get("idees_session")!;
  const res = await get("/compte", `idees_session=${session}; idees_lang=%E0`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain(user.email);
  expect(expiring(res, "idees_session")).toHaveLength(0);
  const polling = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, {
    headers: { Cookie: "idees_session=%E0" },
  });
  expect(polling.status).toBe(200);
});

test("the language cookie is Secure over HTTPS, like the session cookie, and not over plain HTTP", async () => {
  const httpsOrigin = `https://${new URL(app.url).host}`;
  const choose = (headers: Record<string, string>, origin?: string) =>
    new HttpClient(app.url).post("/langue", { locale: "en", redirectTo: "/" }, { headers, origin });
  const overHttps = await choose(HTTPS, httpsOrigin);
  expect(overHttps.status).toBe(302);
  const [lang] = overHttps.headers.getSetCookie().filter((c) => c.startsWith("idees_lang=en"));
  expect(lang).toMatch(/; Secure/);
  expect(lang).toMatch(/SameSite=Lax/);
  const overHttp = await choose({});
  const [plain] = overHttp.headers.getSetCookie().filter((c) => c.startsWith("idees_lang=en"));
  expect(plain).toBeDefined();
  expect(plain).not.toMatch(/Secure/);

  const user = await makeUser();
  const signIn = await new HttpClient(app.url).post(
    "/connexion",
    { email: user.email, password: user.password },
    { headers: HTTPS, origin: httpsOrigin },
  );
  expect(signIn.status).toBe(302);
  expect(signIn.headers.getSetCookie().find((c) => c.startsWith("__Host-idees_session="))).toMatch(/; Secure/);
});

test("/langue sends people back only within this site, percent-encoding what a Location header cannot carry", async () => {
  const back = async (redirectTo: string) => {
    const res = await new HttpClient(app.url).post("/langue", { locale: "en", redirectTo });
    expect(res.status, redirectTo).toBe(302);
    return res.headers.get("location");
  };
  expect(await back("/recherche?q=cœur à 5 €")).toBe("/recherche?q=c%C5%93ur%20%C3%A0%205%20%E2%82%AC");
  expect(await back("/idées/œuvre#€")).toBe("/id%C3%A9es/%C5%93uvre#%E2%82%AC");
  expect(await back(`/espaces/${SPACES.public}?tri=recent`)).toBe(`/espaces/${SPACES.public}?tri=recent`);
  for (const foreign of ["//evil.example/x", "/\\evil.example", "https://evil.example", "evil", "/\t/evil.example"])
    expect(await back(foreign), foreign).toBe("/");
});

test("/connexion: a redirectTo with œ or € signs in and lands there; a foreign one lands home; never an orphaned session", async () => {
  const user = await makeUser();
  const sessions = () => prisma.session.count({ where: { userId: user.id } });
  const signIn = (redirectTo: string) =>
    new HttpClient(app.url).post("/connexion", { email: user.email, password: user.password, redirectTo });

  const res = await signIn("/recherche?q=œuvre €");
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/recherche?q=%C5%93uvre%20%E2%82%AC");
  expect(res.headers.getSetCookie().some((c) => c.startsWith("idees_session="))).toBe(true);
  expect(await sessions()).toBe(1);

  const foreign = await signIn("//evil.example");
  expect(foreign.status).toBe(302);
  expect(foreign.headers.get("location")).toBe("/");
  expect(await sessions()).toBe(2);

  // Already signed in: the sign-in page sends the person on, encoded too.
  const client = new HttpClient(app.url);
  await client.signIn(user.email, user.password);
  const again = await client.get(`/connexion?redirectTo=${encodeURIComponent("/idées?q=€")}`);
  expect(again.status).toBe(302);
  expect(again.headers.get("location")).toBe("/id%C3%A9es?q=%E2%82%AC");
});
