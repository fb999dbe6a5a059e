// The room grammar and who may join what: pure rules, without a database (the same matrix runs against
// the real server in tests/realtime.test.ts).
import { expect, test } from "vitest";
import { canJoinRoom, type Viewer } from "~/auth/policy.ts";
import { parseRoom } from "./events.ts";

const internal = { id: "space-innovaction", audience: "INTERNAL" as const };
const publicSpace = { id: "space-emploi-store", audience: "PUBLIC" as const };
const viewer = (role: NonNullable<Viewer>["role"], grantedSpaceIds: string[] = []): Viewer => ({
  id: `u-${role}`,
  role,
  grantedSpaceIds,
});

test("room names are parsed strictly; anything else is invalid", () => {
  expect(parseRoom("idea:abc123")).toEqual({ kind: "idea", id: "abc123" });
  expect(parseRoom("space:space-innovaction")).toEqual({ kind: "space", id: "space-innovaction" });
  expect(parseRoom("queue:space-innovaction")).toEqual({ kind: "queue", id: "space-innovaction" });
  expect(parseRoom("moderation:space-innovaction")).toEqual({ kind: "moderation", id: "space-innovaction" });
  expect(parseRoom("user:u1")).toEqual({ kind: "user", id: "u1" });
  for (const bad of [
    "session:abc",
    "idea:",
    "idea:a b",
    "idea:x:y",
    `idea:${"a".repeat(65)}`,
    "IDEA:abc",
    " idea:abc",
    42,
    null,
    {},
  ]) {
    expect(parseRoom(bad), String(bad)).toBeNull();
  }
});

test("who may join which room", () => {
  const cases: [string, Viewer, boolean, boolean, boolean, boolean][] = [
    // label, viewer, InnovAction list/idea, InnovAction queue, public list/idea, moderation rooms
    ["anonymous", null, false, false, true, false],
    ["PUBLIC", viewer("PUBLIC"), false, false, true, false],
    ["SUPPLIER without grant", viewer("SUPPLIER"), false, false, true, false],
    ["SUPPLIER with grant", viewer("SUPPLIER", [internal.id]), true, false, true, false],
    ["EMPLOYEE", viewer("EMPLOYEE"), true, false, true, false],
    ["MODERATOR", viewer("MODERATOR"), true, false, true, true],
    ["MANAGER", viewer("MANAGER"), true, true, true, false],
    ["ADMIN", viewer("ADMIN"), true, true, true, true],
  ];
  for (const [label, who, internalList, internalQueue, publicList, moderation] of cases) {
    expect(canJoinRoom(who, { kind: "moderation", space: internal }), `${label}: InnovAction moderation`).toBe(
      moderation,
    );
    expect(canJoinRoom(who, { kind: "moderation", space: publicSpace }), `${label}: public moderation`).toBe(
      moderation,
    );
    expect(canJoinRoom(who, { kind: "space", space: internal }), `${label}: InnovAction list`).toBe(internalList);
    expect(canJoinRoom(who, { kind: "idea", space: internal }), `${label}: InnovAction idea`).toBe(internalList);
    expect(canJoinRoom(who, { kind: "queue", space: internal }), `${label}: InnovAction queue`).toBe(internalQueue);
    expect(canJoinRoom(who, { kind: "space", space: publicSpace }), `${label}: public list`).toBe(publicList);
    expect(canJoinRoom(who, { kind: "idea", space: publicSpace }), `${label}: public idea`).toBe(publicList);
    expect(canJoinRoom(who, { kind: "user", userId: "someone-else" }), `${label}: another person's room`).toBe(false);
    if (who) expect(canJoinRoom(who, { kind: "user", userId: who.id }), `${label}: own room`).toBe(true);
  }
});
