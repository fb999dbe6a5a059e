// Anti-abuse over real HTTP: per-account and per-address limits on voting, commenting and proposing
// (shared by two app processes through PostgreSQL), Retry-After and a readable message, the honeypot.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { domainErrorResponse } from "~/lib/http.server.ts";
import { Limited } from "~/models/errors.ts";
import { checkRateLimits, enforceRateLimits, rateLimitRules, shardCount } from "~/models/rate-limit.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "./support/app-process.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const processes: AppProcess[] = [];
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await Promise.all(processes.map(stopAppProcess));
});

async function signedIn(baseUrl: string, role: "PUBLIC" | "EMPLOYEE" = "PUBLIC") {
  const user = await makeUser({ role });
  const client = new HttpClient(baseUrl);
  await client.signIn(user.email, user.password);
  return { user, client };
}

test("the production defaults are generous for people and tight for scripts", () => {
  const rules = rateLimitRules();
  expect(rules.votePerAccount).toEqual({ limit: 120, windowMs: 60_000 });
  expect(rules.commentPerAccount.limit).toBeLessThanOrEqual(30);
  expect(rules.proposePerAccount.limit).toBeLessThanOrEqual(20);
  for (const action of ["vote", "comment", "propose", "flag"] as const) {
    expect(rules[`${action}PerIp`].limit).toBeGreaterThan(rules[`${action}PerAccount`].limit);
  }
});

test("votes: 120 a minute per account, then 429 with Retry-After and the message next to the button", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const { client } = await signedIn(app.url);
  for (let i = 0; i < 120; i++) {
    const res = await client.post(`/idees/${idea.id}`, { intent: i % 2 === 0 ? "support" : "unsupport" });
    expect(res.status, `vote ${i + 1}`).toBe(303);
  }
  const refused = await client.post(`/idees/${idea.id}`, { intent: "support" });
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  // Without JavaScript the page comes back with the message, not an error page.
  const html = await refused.text();
  expect(html).toContain("Trop de tentatives en peu de temps. Réessayez dans");
  expect(html).toContain('data-testid="support-count"');
  // The refused vote was not stored (120 toggles end unsupported).
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);
  // Someone else is not affected by this person's limit.
  const other = await signedIn(app.url);
  expect((await other.client.post(`/idees/${idea.id}`, { intent: "support" })).status).toBe(303);
});

test("a busy address is spread over rows that add up to its limit: never passed, refused from the first hit over", async () => {
  // The vote's address key (2,000 a minute by default): every person behind one proxy counts on it, so it
  // is 16 rows of 125 (docs/decisions/0048). People here are all different, so only the address limits.
  const rule = rateLimitRules().votePerIp;
  expect(shardCount(rule)).toBe(16);
  // Smaller limits stay one exact row: spread over 3 rows, 200 proposals an hour refused up to 2 early.
  expect(shardCount(rateLimitRules().proposePerIp)).toBe(1);
  expect(shardCount(rateLimitRules().commentPerIp)).toBe(1);
  const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: `vote:ip:${ip}` } } });
  const vote = (i: number) => checkRateLimits({ user: { id: `spread-${ip}-${i}` }, ip, action: "vote" });
  const outcomes: (Limited | null)[] = [];
  // 16 at a time, as concurrent requests would arrive.
  for (let i = 0; i < rule.limit + 40; i += 16)
    outcomes.push(...(await Promise.all(Array.from({ length: 16 }, (_, k) => vote(i + k)))));
  const allowed = outcomes.filter((o) => o === null).length;
  expect(allowed).toBe(rule.limit);
  expect(outcomes.slice(0, rule.limit).every((o) => o === null)).toBe(true);
  const refused = outcomes.slice(rule.limit);
  expect(refused.every((o) => o?.rule === "votePerIp")).toBe(true);
  expect(refused[0]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  // Every attempt is counted, on one row each; no row holds the whole address.
  const rows = await prisma.rateLimit.findMany({ where: { key: { startsWith: `vote:ip:${ip}` } } });
  expect(rows.map((r) => r.key).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `vote:ip:${ip}#${i}`).sort());
  expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(outcomes.length);
  expect(Math.max(...rows.map((r) => r.count)) - Math.min(...rows.map((r) => r.count))).toBeLessThanOrEqual(1);
});

test("comments: 20 per 10 minutes per account; the 21st is refused in the form and not stored", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const { client } = await signedIn(app.url);
  for (let i = 0; i < 20; i++) {
    const res = await client.post(`/idees/${idea.id}`, {
      intent: "comment",
      formId: "comment-new",
      body: `Commentaire numéro ${i + 1}, bien pesé.`,
    });
    expect(res.status, `comment ${i + 1}`).toBe(302);
  }
  const refused = await client.post(`/idees/${idea.id}`, {
    intent: "comment",
    formId: "comment-new",
    body: "Un de trop, envoyé par un script.",
  });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
  const html = await refused.text();
  expect(html).toMatch(
    /class="form-errors" role="alert"><p>Trop de tentatives en peu de temps\. Réessayez dans \d+ minutes?\.<\/p>/,
  );
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(20);
  expect(await prisma.comment.count({ where: { body: "Un de trop, envoyé par un script." } })).toBe(0);
});

test("proposing: 10 ideas an hour per account, then the form says how long to wait", async () => {
  const { user, client } = await signedIn(app.url);
  for (let i = 0; i < 10; i++) {
    const res = await client.post(`/espaces/${SPACES.public}/proposer`, {
      title: `Une idée sérieuse numéro ${i + 1}`,
      body: "Le constat et la proposition.",
    });
    expect(res.status, `idea ${i + 1}`).toBe(302);
  }
  const refused = await client.post(`/espaces/${SPACES.public}/proposer`, {
    title: "Une idée de trop en une heure",
    body: "Le constat et la proposition.",
  });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
  expect(await refused.text()).toContain("Trop de tentatives en peu de temps. Réessayez dans");
  expect(await prisma.idea.count({ where: { authorId: user.id } })).toBe(10);
});

test("the helper for other actions (flagging) throws Limited, which pages answer with a 429, Retry-After and a translated message", async () => {
  const user = await makeUser();
  const request = (lang: string) =>
    new Request("http://localhost/x", {
      method: "POST",
      headers: { "x-idees-client-ip": "203.0.113.9", "Accept-Language": lang },
    });
  const ip = "203.0.113.9";
  for (let i = 0; i < rateLimitRules().flagPerAccount.limit; i++) await enforceRateLimits({ user, ip, action: "flag" });
  const thrown = await enforceRateLimits({ user, ip, action: "flag" }).then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Limited);
  expect((thrown as Limited).rule).toBe("flagPerAccount");
  const response = domainErrorResponse(thrown as Limited, request("en"));
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(60);
  expect(await response.text()).toMatch(/^Too many attempts in a short time\. Try again in \d+ minutes?\.$/);
});

test("a filled honeypot is refused with 400 and nothing is stored (sign-up, proposing, commenting)", async () => {
  const email = `robot-${Date.now()}@example.test`;
  const signUp = await new HttpClient(app.url).post("/inscription", {
    email,
    displayName: "Robot",
    password: "un-mot-de-passe-long",
    website: "http://spam.example",
  });
  expect(signUp.status).toBe(400);
  expect(await prisma.user.count({ where: { email } })).toBe(0);

  const { user, client } = await signedIn(app.url);
  const idea = await makeIdea({ author: user });
  const propose = await client.post(`/espaces/${SPACES.public}/proposer`, {
    title: "Une idée postée par un robot",
    body: "Spam.",
    website: "x",
  });
  expect(propose.status).toBe(400);
  expect(await prisma.idea.count({ where: { title: "Une idée postée par un robot" } })).toBe(0);
  const comment = await client.post(`/idees/${idea.id}`, {
    intent: "comment",
    formId: "comment-new",
    body: "Achetez maintenant !",
    website: "x",
  });
  expect(comment.status).toBe(400);
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(0);

  // The field is on the public forms, hidden from people by a class (the CSP forbids style attributes).
  const page = await (await client.get(`/idees/${idea.id}`)).text();
  expect(page).toMatch(
    /<div class="honeypot" aria-hidden="true"><label[^>]*>Website<\/label><input id="comment-new-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""\/><\/div>/i,
  );
  for (const path of ["/inscription", `/espaces/${SPACES.public}/proposer`]) {
    const html = await (await (path === "/inscription" ? new HttpClient(app.url) : client).get(path)).text();
    expect(html, path).toMatch(
      /class="honeypot" aria-hidden="true".*name="website" type="text" tabindex="-1" autocomplete="off"/i,
    );
  }
});

test(
  "two app processes share the limits: votes per account and per address, sign-ups per address",
  { timeout: 120_000 },
  async () => {
    const limits = "votePerAccount=5/60,votePerIp=8/60,signUpPerIp=3/3600";
    const [a, b] = await Promise.all([
      startAppProcess({ RATE_LIMITS: limits }),
      startAppProcess({ RATE_LIMITS: limits }),
    ]);
    processes.push(a, b);
    // The earlier tests of this file voted from this address under the default rules: start afresh.
    await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "vote:" } } });
    const author = await makeUser({ role: "EMPLOYEE" });
    const ideas = await Promise.all(Array.from({ length: 4 }, () => makeIdea({ author, space: SPACES.internal })));
    const voter = await makeUser({ role: "EMPLOYEE" });
    const onA = new HttpClient(a.url);
    const onB = new HttpClient(b.url);
    await onA.signIn(voter.email, voter.password);
    onB.cookies.clear();
    for (const [k, v] of onA.cookies) onB.cookies.set(k, v);

    // 5 votes for one person, alternating processes: all accepted; the 6th is refused by both.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await (i % 2 ? onB : onA).post(`/idees/${ideas[i % 4]!.id}`, { intent: i < 4 ? "support" : "unsupport" }))
          .status,
      );
    expect(statuses).toEqual([303, 303, 303, 303, 303]);
    const sixthOnA = await onA.post(`/idees/${ideas[0]!.id}`, { intent: "support" });
    const sixthOnB = await onB.post(`/idees/${ideas[1]!.id}`, { intent: "support" });
    expect([sixthOnA.status, sixthOnB.status]).toEqual([429, 429]);
    for (const res of [sixthOnA, sixthOnB]) {
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    }

    // Another person from the same address: the address has had 7 votes (5 + 2 refused); one more
    // is allowed (8), then the address limit refuses them on either process although their own count is low.
    const second = await makeUser({ role: "EMPLOYEE" });
    const secondOnB = new HttpClient(b.url);
    await secondOnB.signIn(second.email, second.password);
    const secondOnA = new HttpClient(a.url);
    for (const [k, v] of secondOnB.cookies) secondOnA.cookies.set(k, v);
    expect((await secondOnB.post(`/idees/${ideas[2]!.id}`, { intent: "support" })).status).toBe(303);
    expect((await secondOnA.post(`/idees/${ideas[3]!.id}`, { intent: "support" })).status).toBe(429);
    expect((await secondOnB.post(`/idees/${ideas[3]!.id}`, { intent: "support" })).status).toBe(429);
    expect(await prisma.vote.count({ where: { userId: second.id } })).toBe(1);
    // One counter row per key, shared by both processes.
    const rows = await prisma.rateLimit.findMany({
      where: { key: { startsWith: "vote:" } },
      select: { key: true, count: true },
    });
    const ipKey = rows.find((r) => r.key.startsWith("vote:ip:"))!.key;
    expect(ipKey).toMatch(/^vote:ip:(::ffff:)?127\.0\.0\.1$/);
    expect(Object.fromEntries(rows.map((r) => [r.key, r.count]))).toEqual({
      [`vote:account:${voter.id}`]: 7,
      [`vote:account:${second.id}`]: 3,
      [ipKey]: 10,
    });

    // Sign-ups from one address: 3 an hour in this configuration, counted across both processes.
    const signUp = (app: AppProcess, i: number) =>
      new HttpClient(app.url).post("/inscription", {
        email: `inscrit-${i}-${Date.now()}@example.test`,
        displayName: `Inscrit ${i}`,
        password: "un-mot-de-passe-long",
      });
    expect([(await signUp(a, 1)).status, (await signUp(b, 2)).status, (await signUp(a, 3)).status]).toEqual([
      302, 302, 302,
    ]);
    const fourth = await signUp(b, 4);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(await fourth.text()).toContain("Trop de tentatives en peu de temps. Réessayez dans");
    expect(await prisma.user.count({ where: { displayName: "Inscrit 4" } })).toBe(0);
    await Promise.all([stopAppProcess(a), stopAppProcess(b)]);
  },
);
