import { sha256 } from "@oslojs/crypto/sha2";
import { expect, test } from "vitest";
import {
  ABSOLUTE_LIFETIME_MS,
  createSession,
  IDLE_TIMEOUT_MS,
  invalidateAllSessions,
  validateSessionToken,
} from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { makeUser } from "./factories.ts";

test("the token carries 256 bits of secret and only its SHA-256 is stored", async () => {
  const user = await makeUser();
  const { token } = await createSession(user.id);
  const [id, secret] = token.split(".");
  expect(secret!.length).toBeGreaterThanOrEqual(52); // 32 bytes in base32
  const row = await prisma.session.findUniqueOrThrow({ where: { id: id! }, select: { secretHash: true } });
  expect(Buffer.from(row.secretHash).equals(Buffer.from(sha256(new TextEncoder().encode(secret!))))).toBe(true);
  expect(JSON.stringify(await prisma.session.findMany({ where: { userId: user.id } }))).not.toContain(secret);
  const valid = await validateSessionToken(token);
  expect(valid?.user.id).toBe(user.id);
});

test("a wrong secret, a malformed token or an unknown id is refused", async () => {
  const user = await makeUser();
  const { token } = await createSession(user.id);
  const [id, secret] = token.split(".");
  const flipped = secret!.slice(0, -1) + (secret!.endsWith("a") ? "b" : "a");
  expect(await validateSessionToken(`${id}.${flipped}`)).toBeNull();
  expect(await validateSessionToken(`${id}`)).toBeNull();
  expect(await validateSessionToken(`${id}.${secret}.x`)).toBeNull();
  expect(await validateSessionToken(`inconnu.${secret}`)).toBeNull();
});

test("sessions end after the idle timeout and after the absolute lifetime", async () => {
  const user = await makeUser();
  const idle = await createSession(user.id);
  await prisma.session.update({
    where: { id: idle.token.split(".")[0]! },
    data: { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) },
  });
  expect(await validateSessionToken(idle.token)).toBeNull();
  expect(await prisma.session.count({ where: { id: idle.token.split(".")[0]! } })).toBe(0);

  const old = await createSession(user.id);
  await prisma.session.update({
    where: { id: old.token.split(".")[0]! },
    data: { expiresAt: new Date(Date.now() - 1) },
  });
  expect(await validateSessionToken(old.token)).toBeNull();

  const fresh = await createSession(user.id);
  expect(fresh.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + ABSOLUTE_LIFETIME_MS);
  expect(await validateSessionToken(fresh.token)).not.toBeNull();
});

test("a session in use stays alive: its last activity moves forward, at most once every five minutes", async () => {
  const user = await makeUser();
  const { token } = await createSession(user.id);
  const id = token.split(".")[0]!;
  const lastSeen = async () =>
    (await prisma.session.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true } })).lastSeenAt.getTime();
  const setLastSeen = (msAgo: number) =>
    prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - msAgo) } });
  // Six minutes without a request: this one is recorded.
  await setLastSeen(6 * 60_000);
  const before = Date.now();
  expect((await validateSessionToken(token))?.session.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before);
  expect(await lastSeen()).toBeGreaterThanOrEqual(before - 1000);
  // One minute: not written again.
  await setLastSeen(60_000);
  const recent = await lastSeen();
  await validateSessionToken(token);
  expect(await lastSeen()).toBe(recent);
  // A wrong secret never touches it.
  await setLastSeen(6 * 60_000);
  const idle = await lastSeen();
  const [, secret] = token.split(".");
  expect(await validateSessionToken(`${id}.${secret!.slice(0, -1)}${secret!.endsWith("a") ? "b" : "a"}`)).toBeNull();
  expect(await lastSeen()).toBe(idle);
});

test("signing out everywhere ends every session of the user and no one else's", async () => {
  const [user, other] = await Promise.all([makeUser(), makeUser()]);
  const tokens = await Promise.all([createSession(user.id), createSession(user.id), createSession(user.id)]);
  const keep = await createSession(other.id);
  expect(await invalidateAllSessions(user.id)).toBe(3);
  for (const { token } of tokens) expect(await validateSessionToken(token)).toBeNull();
  expect(await validateSessionToken(keep.token)).not.toBeNull();
});

test("every sign-in gets a new token", async () => {
  const user = await makeUser();
  const a = await createSession(user.id);
  const b = await createSession(user.id);
  expect(a.token).not.toBe(b.token);
});
