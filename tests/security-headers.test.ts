// Security headers over real HTTP: a nonce-based Content-Security-Policy that every inline script of
// the document honours, anti-framing, nosniff, referrer policy; HSTS in production only.
import { afterAll, beforeAll, expect, test } from "vitest";
import { contentSecurityPolicy } from "~/lib/csp.ts";
import { securityHeaders } from "../server.ts";
import { startTestApp } from "./support/app.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

function directives(header: string | null) {
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values] as const),
  );
}

test("every page carries a nonce-based CSP without unsafe-inline scripts, and every inline script has the nonce", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public });
  const nonces = new Set<string>();
  for (const path of ["/", `/espaces/${SPACES.public}`, `/idees/${idea.id}`, "/connexion", "/page-qui-n-existe-pas"]) {
    const res = await fetch(`${app.url}${path}`);
    expect([200, 404]).toContain(res.status);
    const csp = directives(res.headers.get("content-security-policy"));
    const scriptSrc = csp.get("script-src")!;
    const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 128 bits
    nonces.add(nonce!);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get("script-src-attr")).toEqual(["'none'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull(); // not in production

    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const attributes of scripts) {
      const external = /\bsrc="\/[^/]/.test(attributes);
      if (!external) expect(attributes, `${path}: inline script without the nonce`).toContain(`nonce="${nonce}"`);
    }
    // No inline event handler anywhere (script-src-attr 'none' would block it).
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
  }
  expect(nonces.size).toBe(5); // a fresh nonce for every response
});

test("static files and refused requests carry the headers too", async () => {
  const asset = await fetch(`${app.url}/favicon.svg`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  const refused = await fetch(`${app.url}/connexion`, { method: "POST", headers: { Origin: "https://evil.example" } });
  expect(refused.status).toBe(403);
  expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
});

test("HSTS in production; development relaxes only styles and the HMR socket, never scripts", () => {
  const headers = (production: boolean, dev: boolean, path = "/") => {
    const set = new Map<string, string>();
    const res = {
      locals: {} as Record<string, unknown>,
      setHeader: (k: string, v: string) => set.set(k.toLowerCase(), v),
    };
    securityHeaders({ dev, production })({ path } as never, res as never, () => {});
    return set;
  };
  // Stored files (docs/decisions/0030) get a sandbox that allows nothing, and nosniff like every response.
  expect(headers(true, false, "/pieces-jointes/abc").get("content-security-policy")).toBe(
    "sandbox; default-src 'none'",
  );
  expect(headers(true, false, "/pieces-jointes/abc").get("x-content-type-options")).toBe("nosniff");
  // Avatars (docs/decisions/0039) too; a page whose path merely starts alike does not.
  expect(headers(true, false, "/avatars/abc/256").get("content-security-policy")).toBe("sandbox; default-src 'none'");
  expect(headers(true, false, "/avatarsx").get("content-security-policy")).not.toContain("sandbox");
  expect(headers(true, false).get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  expect(headers(false, true).get("strict-transport-security")).toBeUndefined();

  const dev = directives(contentSecurityPolicy({ nonce: "abc", dev: true }));
  expect(dev.get("script-src")).toEqual(["'self'", "'nonce-abc'"]);
  expect(dev.get("style-src")).toContain("'unsafe-inline'");
  const prod = directives(contentSecurityPolicy({ nonce: "abc", dev: false }));
  expect(prod.get("style-src")).toEqual(["'self'"]);
  expect(prod.get("connect-src")).toEqual(["'self'"]);
});
