// Signed webhooks (docs/decisions/0027-job-queue-and-webhooks.md) against a real HTTP receiver in this
// process: the admin page (secret shown once, 400 on bad input), deliveries after commit signed per
// Standard Webhooks (checked with the `standardwebhooks` library), retries, an endpoint disabled after
// repeated failures with the admins told, the owner's visibility and space limit, and the SSRF guard.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { isPrivateAddress, OutboundRefused, postGuarded } from "~/lib/outbound-http.server.ts";
import { hideContent } from "~/models/moderation.server.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { makeIdea, makeUser, SPACES, getSpace } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { startSmtpServer } from "./support/smtp.ts";
import { startWebhookReceiver } from "./support/webhook-receiver.ts";

// Before any module reads the environment: the receiver is on 127.0.0.1, and the retry schedule
// (5 s, 5 min, 30 min…) shrinks to milliseconds.
vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.WEBHOOK_RETRY_SCALE = "0.0004";
  process.env.WEBHOOK_DISABLE_AFTER = "3";
  process.env.WEBHOOK_TIMEOUT_MS = "3000";
});

let app: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  smtp = await startSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url, appUrl: "https://idees.example.fr" });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await receiver?.close();
});

const POLL = { timeout: 20_000, interval: 100 };

const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);

/** Registers an endpoint through the admin page; returns its id and the secret the page showed. */
async function register(admin: HttpClient, fields: { path: string; events: string[]; spaceId?: string }) {
  const res = await admin.post("/admin/webhooks", {
    intent: "create",
    url: receiver.url(fields.path),
    events: fields.events,
    ...(fields.spaceId ? { spaceId: fields.spaceId } : {}),
  });
  expect(res.status).toBe(200);
  const html = await res.text();
  const secret = /whsec_[A-Za-z0-9+/=]+/.exec(html)?.[0];
  expect(secret).toBeDefined();
  const endpoint = await prisma.webhookEndpoint.findFirstOrThrow({
    where: { url: receiver.url(fields.path) },
    select: { id: true, secret: true },
  });
  expect(endpoint.secret).toBe(secret);
  return { id: endpoint.id, secret: secret! };
}

/** What a verified delivery carries (the test reads into `data` freely). */
type Verified = {
  type: string;
  timestamp: string;
  data: Record<string, Record<string, unknown> | unknown> & { idea: Record<string, unknown> };
};

function verified(secret: string, request: { headers: Record<string, unknown>; body: string }) {
  const headers = Object.fromEntries(
    ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(request.headers[h])]),
  );
  return new Webhook(secret).verify(request.body, headers) as Verified;
}

test("the admin page: bad input is a 400 with each field's error, the secret is shown once, only admins get in", async () => {
  const admin = await signedIn(await makeUser({ role: "ADMIN" }));
  const bad = await admin.post("/admin/webhooks", { intent: "create", url: "ftp://exemple.fr/hook" });
  expect(bad.status).toBe(400);
  const html = await bad.text();
  expect(html).toContain("Adresse invalide : une URL http:// ou https:// sans identifiants.");
  expect(html).toContain("Choisissez au moins un événement.");
  expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*name="url"|<input[^>]*name="url"[^>]*aria-invalid="true"/);
  expect(await prisma.webhookEndpoint.count()).toBe(0);
  expect(
    (await admin.post("/admin/webhooks", { intent: "create", url: "https://x.fr", events: ["nope"] })).status,
  ).toBe(400);
  expect((await admin.post("/admin/webhooks", { intent: "unknown" })).status).toBe(400);

  const { secret } = await register(admin, { path: "/page", events: ["idea.created"] });
  const page = await (await admin.get("/admin/webhooks")).text();
  expect(page).toContain(receiver.url("/page"));
  expect(page).not.toContain(secret); // shown once

  const manager = await signedIn(await makeUser({ role: "MANAGER" }));
  expect((await manager.get("/admin/webhooks")).status).toBe(403);
  expect(
    (await manager.post("/admin/webhooks", { intent: "create", url: "https://x.fr", events: ["idea.created"] })).status,
  ).toBe(403);
});

test("after commit, a delivery signed per Standard Webhooks; a test event and a redelivery keep the same webhook-id", async () => {
  const adminUser = await makeUser({ role: "ADMIN" });
  const admin = await signedIn(adminUser);
  const { id, secret } = await register(admin, { path: "/signed", events: ["idea.stage_changed"] });
  const idea = await makeIdea({ author: await makeUser(), space: SPACES.public, title: "Des casiers connectés" });
  await moveIdeaToStage({ user: adminUser, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
  await expect.poll(() => receiver.at("/signed").length, POLL).toBe(1);
  const [request] = receiver.at("/signed");
  const payload = verified(secret, request!);
  expect(payload.type).toBe("idea.stage_changed");
  expect(payload.data.idea).toMatchObject({ id: idea.id, title: "Des casiers connectés", stage: "UNDER_REVIEW" });
  expect(payload.data.idea.url).toBe(`https://idees.example.fr/idees/${idea.id}`);
  // A tampered body fails verification.
  expect(() => verified(secret, { ...request!, body: request!.body.replace("casiers", "placards") })).toThrow();
  await expect
    .poll(
      async () =>
        (await prisma.webhookDelivery.findFirst({ where: { endpointId: id }, select: { deliveredAt: true } }))
          ?.deliveredAt,
      POLL,
    )
    .not.toBeNull();
  const log = await prisma.webhookAttempt.findMany({
    where: { delivery: { endpointId: id } },
    select: { statusCode: true, durationMs: true },
  });
  expect(log).toEqual([{ statusCode: 204, durationMs: expect.any(Number) }]);

  // A refused move sends nothing (the count below would show it).
  await expect(
    moveIdeaToStage({ user: adminUser, ideaId: idea.id, from: "PROPOSED", to: "SELECTED", note: null }),
  ).rejects.toThrow();

  expect((await admin.post("/admin/webhooks", { intent: "test", endpointId: id })).status).toBe(302);
  await expect.poll(() => receiver.at("/signed").length, POLL).toBe(2);
  expect(verified(secret, receiver.at("/signed")[1]!)).toMatchObject({ type: "webhook.test", data: { test: true } });

  const first = request!.headers["webhook-id"];
  expect((await admin.post("/admin/webhooks", { intent: "redeliver", deliveryId: String(first) })).status).toBe(302);
  await expect.poll(() => receiver.at("/signed").length, POLL).toBe(3);
  expect(receiver.at("/signed")[2]!.headers["webhook-id"]).toBe(first);
  const html = await (await admin.get("/admin/webhooks")).text();
  expect(html).toContain("204");
});

test("a failing receiver is retried with back-off until it answers; every attempt is logged with its status", async () => {
  const adminUser = await makeUser({ role: "ADMIN" });
  const { id, secret } = await register(await signedIn(adminUser), { path: "/flaky", events: ["idea.stage_changed"] });
  const idea = await makeIdea({ author: await makeUser(), space: SPACES.public });
  receiver.failNext("/flaky", 2, 503);
  await moveIdeaToStage({ user: adminUser, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
  await expect.poll(() => receiver.at("/flaky").length, POLL).toBe(3);
  const ids = new Set(receiver.at("/flaky").map((r) => r.headers["webhook-id"]));
  expect(ids.size).toBe(1); // the same message, retried
  expect(verified(secret, receiver.at("/flaky")[2]!).type).toBe("idea.stage_changed");
  await expect
    .poll(
      async () =>
        (
          await prisma.webhookAttempt.findMany({
            where: { delivery: { endpointId: id } },
            orderBy: { at: "asc" },
            select: { statusCode: true },
          })
        ).map((a) => a.statusCode),
      POLL,
    )
    .toEqual([503, 503, 204]);
  const endpoint = await prisma.webhookEndpoint.findUniqueOrThrow({
    where: { id },
    select: { consecutiveFailures: true, disabledAt: true },
  });
  expect(endpoint).toEqual({ consecutiveFailures: 0, disabledAt: null });
});

test("an endpoint that keeps failing is disabled after WEBHOOK_DISABLE_AFTER attempts, and every admin is told in the app and by e-mail", async () => {
  const adminUser = await makeUser({ role: "ADMIN" });
  const otherAdmin = await makeUser({ role: "ADMIN" });
  const { id } = await register(await signedIn(adminUser), { path: "/down", events: ["idea.stage_changed"] });
  receiver.alwaysFail("/down");
  const idea = await makeIdea({ author: await makeUser(), space: SPACES.public });
  await moveIdeaToStage({ user: adminUser, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
  await expect
    .poll(
      async () =>
        (await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { disabledAt: true } })).disabledAt,
      POLL,
    )
    .not.toBeNull();
  expect(receiver.at("/down")).toHaveLength(3);
  for (const person of [adminUser, otherAdmin]) {
    expect(await prisma.notification.count({ where: { userId: person.id, type: "webhook.disabled" } })).toBe(1);
    await expect.poll(() => smtp.to(person.email).length, POLL).toBe(1);
    expect(smtp.to(person.email)[0]!.text).toContain(receiver.url("/down"));
    expect(smtp.to(person.email)[0]!.text).toContain("https://idees.example.fr/admin/webhooks");
  }
  // Disabled: the next event is not even queued for it.
  await moveIdeaToStage({ user: adminUser, ideaId: idea.id, from: "UNDER_REVIEW", to: "SELECTED", note: null });
  expect(await prisma.webhookDelivery.count({ where: { endpointId: id } })).toBe(1);
  const page = await (await (await signedIn(otherAdmin)).get("/admin/webhooks")).text();
  expect(page).toContain("Désactivée après des échecs répétés");
  expect(await (await (await signedIn(otherAdmin)).get("/notifications")).text()).toContain(receiver.url("/down"));
});

test("only what the owner may see: a space limit, hidden ideas as ids only, nothing once the owner is no longer an admin", async () => {
  const adminUser = await makeUser({ role: "ADMIN" });
  const moderator = await makeUser({ role: "MODERATOR" });
  const publicSpace = await getSpace(SPACES.public);
  const { id, secret } = await register(await signedIn(adminUser), {
    path: "/public-only",
    events: ["idea.stage_changed", "idea.hidden"],
    spaceId: publicSpace.id,
  });
  const internal = await makeIdea({
    author: await makeUser({ role: "EMPLOYEE" }),
    space: SPACES.internal,
    title: "Interne",
  });
  const open = await makeIdea({ author: await makeUser(), space: SPACES.public, title: "Une idée bientôt masquée" });
  await moveIdeaToStage({ user: adminUser, ideaId: internal.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
  await moveIdeaToStage({ user: adminUser, ideaId: open.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
  await expect.poll(() => receiver.at("/public-only").length, POLL).toBe(1);
  expect(verified(secret, receiver.at("/public-only")[0]!).data.idea.id).toBe(open.id);

  await hideContent({ user: moderator, target: "idea", targetId: open.id, reason: "Hors charte" });
  await expect.poll(() => receiver.at("/public-only").length, POLL).toBe(2);
  const hidden = receiver.at("/public-only")[1]!;
  expect(verified(secret, hidden)).toMatchObject({
    type: "idea.hidden",
    data: { ideaId: open.id, spaceId: publicSpace.id },
  });
  expect(hidden.body).not.toContain("masquée");

  // The owner is an admin no more: what is queued for the endpoint is withheld, and the log says so.
  await prisma.user.update({ where: { id: adminUser.id }, data: { role: "MANAGER" } });
  const other = await makeIdea({ author: await makeUser(), space: SPACES.public });
  await moveIdeaToStage({
    user: await makeUser({ role: "ADMIN" }),
    ideaId: other.id,
    from: "PROPOSED",
    to: "UNDER_REVIEW",
    note: null,
  });
  await expect
    .poll(
      async () =>
        (
          await prisma.webhookAttempt.findFirst({
            where: { delivery: { endpointId: id, data: { path: ["ideaId"], equals: other.id } } },
            select: { error: true },
          })
        )?.error,
      POLL,
    )
    .toMatch(/^withheld/);
  expect(receiver.at("/public-only")).toHaveLength(2);
});

test("outbound requests refuse private, loopback and link-local addresses, resolved names included, unless allowed", async () => {
  for (const address of [
    "127.0.0.1",
    "10.1.2.3",
    "169.254.169.254",
    "172.16.0.1",
    "192.168.1.1",
    "::1",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "0.0.0.0",
  ])
    expect(isPrivateAddress(address), address).toBe(true);
  for (const address of ["93.184.216.34", "2606:4700::1111"]) expect(isPrivateAddress(address), address).toBe(false);
  // Only this test posts to /ssrf (earlier tests' retries may still arrive at other paths).
  const before = receiver.at("/ssrf").length;
  const port = new URL(receiver.url()).port;
  for (const url of [
    receiver.url("/ssrf"),
    `http://10.0.0.1:${port}/ssrf`,
    `http://169.254.169.254/latest/meta-data`,
    `http://[::1]:${port}/ssrf`,
    `http://localhost:${port}/ssrf`, // a name that resolves to loopback
  ]) {
    await expect(
      postGuarded({ url, headers: {}, body: "{}", timeoutMs: 2000, allowPrivate: false }),
      url,
    ).rejects.toBeInstanceOf(OutboundRefused);
  }
  expect(receiver.at("/ssrf").length).toBe(before);
  // Allowed (WEBHOOK_ALLOW_PRIVATE=1): the same loopback receiver answers; redirects are not followed.
  const allowed = await postGuarded({
    url: receiver.url("/ssrf"),
    headers: {},
    body: "{}",
    timeoutMs: 2000,
    allowPrivate: true,
  });
  expect(allowed.status).toBe(204);
});
