import { expect, test } from "vitest";
import { canEditComment, canEditIdea, canEndSessionsOf, canManageUsers, canViewSpace, canVote, visibleSpaceFilter, type Viewer } from "./policy.ts";

const publicSpace = { id: "pub", audience: "PUBLIC" } as const;
const internalSpace = { id: "int", audience: "INTERNAL" } as const;
const viewer = (role: NonNullable<Viewer>["role"], grantedSpaceIds: string[] = []): Viewer => ({ id: `u-${role}`, role, grantedSpaceIds });

test("everyone, even anonymous, sees the public space", () => {
  for (const v of [null, viewer("PUBLIC"), viewer("SUPPLIER"), viewer("EMPLOYEE"), viewer("ADMIN")]) {
    expect(canViewSpace(v, publicSpace)).toBe(true);
  }
});

test("the internal space is for staff roles and suppliers with a grant only", () => {
  expect(canViewSpace(null, internalSpace)).toBe(false);
  expect(canViewSpace(viewer("PUBLIC"), internalSpace)).toBe(false);
  expect(canViewSpace(viewer("SUPPLIER"), internalSpace)).toBe(false);
  expect(canViewSpace(viewer("SUPPLIER", ["other"]), internalSpace)).toBe(false);
  expect(canViewSpace(viewer("SUPPLIER", ["int"]), internalSpace)).toBe(true);
  for (const role of ["EMPLOYEE", "MODERATOR", "MANAGER", "ADMIN"] as const) {
    expect(canViewSpace(viewer(role), internalSpace)).toBe(true);
  }
});

test("the query filter says the same as canViewSpace", () => {
  expect(visibleSpaceFilter(null)).toEqual({ audience: "PUBLIC" });
  expect(visibleSpaceFilter(viewer("PUBLIC"))).toEqual({ audience: "PUBLIC" });
  expect(visibleSpaceFilter(viewer("SUPPLIER"))).toEqual({ audience: "PUBLIC" });
  expect(visibleSpaceFilter(viewer("SUPPLIER", ["int"]))).toEqual({ OR: [{ audience: "PUBLIC" }, { id: { in: ["int"] } }] });
  expect(visibleSpaceFilter(viewer("EMPLOYEE"))).toEqual({});
});

test("voting needs an account that sees the space, and an idea still open", () => {
  const idea = { authorId: "x", stage: "PROPOSED" as const, space: publicSpace };
  expect(canVote(null, idea)).toBe(false);
  expect(canVote(viewer("PUBLIC"), idea)).toBe(true);
  expect(canVote(viewer("PUBLIC"), { ...idea, space: internalSpace })).toBe(false);
  expect(canVote(viewer("EMPLOYEE"), { ...idea, space: internalSpace })).toBe(true);
  expect(canVote(viewer("PUBLIC"), { ...idea, stage: "REJECTED" })).toBe(false);
  expect(canVote(viewer("PUBLIC"), { ...idea, stage: "ARCHIVED" })).toBe(false);
  expect(canVote(viewer("PUBLIC"), { ...idea, stage: "PILOT" })).toBe(true);
});

test("only the author edits an idea, and only while it is PROPOSED", () => {
  const author = viewer("PUBLIC");
  const idea = { authorId: author!.id, stage: "PROPOSED" as const, space: publicSpace };
  expect(canEditIdea(author, idea)).toBe(true);
  expect(canEditIdea(viewer("ADMIN"), idea)).toBe(false);
  expect(canEditIdea(null, idea)).toBe(false);
  expect(canEditIdea(author, { ...idea, stage: "UNDER_REVIEW" })).toBe(false);
});

test("only the author edits a comment, and not once deleted", () => {
  const author = viewer("PUBLIC");
  expect(canEditComment(author, { authorId: author!.id, deletedAt: null })).toBe(true);
  expect(canEditComment(author, { authorId: author!.id, deletedAt: new Date() })).toBe(false);
  expect(canEditComment(viewer("MODERATOR"), { authorId: author!.id, deletedAt: null })).toBe(false);
});

test("only admins manage users", () => {
  expect(canManageUsers(viewer("ADMIN"))).toBe(true);
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER"] as const) expect(canManageUsers(viewer(role))).toBe(false);
  expect(canManageUsers(null)).toBe(false);
});

test("a person ends their own sessions; only an admin ends someone else's", () => {
  const person = viewer("PUBLIC");
  expect(canEndSessionsOf(person, person!.id)).toBe(true);
  expect(canEndSessionsOf(viewer("ADMIN"), "someone-else")).toBe(true);
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER"] as const) expect(canEndSessionsOf(viewer(role), "someone-else")).toBe(false);
  expect(canEndSessionsOf(null, person!.id)).toBe(false);
});
