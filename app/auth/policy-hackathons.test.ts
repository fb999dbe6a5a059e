import { expect, test } from "vitest";
import {
  canBeJuror,
  canEditIdeaAsAuthor,
  canEditSubmission,
  canInviteCoauthor,
  canManageHackathon,
  canScore,
  canSeeJuryScores,
  canTakePart,
  canViewHackathon,
} from "./policy-hackathons.ts";
import type { Viewer } from "./policy.ts";

const publicSpace = { id: "pub", audience: "PUBLIC" } as const;
const internalSpace = { id: "int", audience: "INTERNAL" } as const;
const viewer = (role: NonNullable<Viewer>["role"], grantedSpaceIds: string[] = []): Viewer => ({
  id: `u-${role}`,
  role,
  grantedSpaceIds,
});

test("InnovAction hackathons are invisible to outsiders; public ones visible to everyone", () => {
  expect(canViewHackathon(null, internalSpace)).toBe(false);
  expect(canViewHackathon(viewer("PUBLIC"), internalSpace)).toBe(false);
  expect(canViewHackathon(viewer("SUPPLIER"), internalSpace)).toBe(false);
  expect(canViewHackathon(viewer("SUPPLIER", ["int"]), internalSpace)).toBe(true);
  expect(canViewHackathon(viewer("EMPLOYEE"), internalSpace)).toBe(true);
  expect(canViewHackathon(null, publicSpace)).toBe(true);
  expect(canTakePart(null, publicSpace)).toBe(false);
  expect(canTakePart(viewer("PUBLIC"), publicSpace)).toBe(true);
  expect(canTakePart(viewer("PUBLIC"), internalSpace)).toBe(false);
});

test("managers and admins organise; nobody else", () => {
  for (const role of ["PUBLIC", "SUPPLIER", "EMPLOYEE", "MODERATOR"] as const)
    expect(canManageHackathon(viewer(role), publicSpace)).toBe(false);
  expect(canManageHackathon(viewer("MANAGER"), internalSpace)).toBe(true);
  expect(canManageHackathon(viewer("ADMIN"), publicSpace)).toBe(true);
});

test("the jury: staff in no team; a juror who joined a team is refused", () => {
  expect(canBeJuror({ role: "EMPLOYEE" }, false)).toBe(true);
  expect(canBeJuror({ role: "EMPLOYEE" }, true)).toBe(false);
  expect(canBeJuror({ role: "PUBLIC" }, false)).toBe(false);
  expect(canBeJuror({ role: "SUPPLIER" }, false)).toBe(false);
  expect(canScore(viewer("EMPLOYEE"), publicSpace, { isJuror: true, inTeam: false })).toBe(true);
  expect(canScore(viewer("EMPLOYEE"), publicSpace, { isJuror: true, inTeam: true })).toBe(false);
  expect(canScore(viewer("EMPLOYEE"), publicSpace, { isJuror: false, inTeam: false })).toBe(false);
  expect(canScore(null, publicSpace, { isJuror: true, inTeam: false })).toBe(false);
});

test("scores are private until results: managers only before, everyone who sees the space after", () => {
  expect(canSeeJuryScores(viewer("MANAGER"), publicSpace, false)).toBe(true);
  expect(canSeeJuryScores(viewer("EMPLOYEE"), publicSpace, false)).toBe(false);
  expect(canSeeJuryScores(null, publicSpace, false)).toBe(false);
  expect(canSeeJuryScores(null, publicSpace, true)).toBe(true);
  expect(canSeeJuryScores(null, internalSpace, true)).toBe(false);
});

test("team members edit their submission while submissions are open; nobody else", () => {
  const v = viewer("PUBLIC");
  expect(canEditSubmission(v, publicSpace, { isTeamMember: true, submissionsOpen: true })).toBe(true);
  expect(canEditSubmission(v, publicSpace, { isTeamMember: true, submissionsOpen: false })).toBe(false);
  expect(canEditSubmission(v, publicSpace, { isTeamMember: false, submissionsOpen: true })).toBe(false);
});

test("co-authors edit an idea when its author could; nobody edits a hackathon project outside its page", () => {
  const idea = { authorId: "a", stage: "PROPOSED" as const, space: publicSpace };
  const coauthor: Viewer = { id: "c", role: "PUBLIC", grantedSpaceIds: [] };
  const plain = { coauthorIds: ["c"], hackathonProject: false };
  expect(canEditIdeaAsAuthor({ id: "a", role: "PUBLIC", grantedSpaceIds: [] }, idea, plain)).toBe(true);
  expect(canEditIdeaAsAuthor(coauthor, idea, plain)).toBe(true);
  expect(canEditIdeaAsAuthor(coauthor, idea, { coauthorIds: [], hackathonProject: false })).toBe(false);
  expect(canEditIdeaAsAuthor(coauthor, { ...idea, stage: "SELECTED" }, plain)).toBe(false);
  expect(canEditIdeaAsAuthor(coauthor, { ...idea, hiddenAt: new Date() }, plain)).toBe(false);
  expect(canEditIdeaAsAuthor(coauthor, idea, { ...plain, hackathonProject: true })).toBe(false);
  const author: Viewer = { id: "a", role: "PUBLIC", grantedSpaceIds: [] };
  expect(canInviteCoauthor(author, idea, coauthor!, false)).toBe(true);
  expect(canInviteCoauthor(coauthor, idea, author!, false)).toBe(false);
  expect(canInviteCoauthor(author, idea, author!, false)).toBe(false);
  expect(canInviteCoauthor(author, { ...idea, space: internalSpace }, coauthor!, false)).toBe(false);
  expect(canInviteCoauthor(author, idea, coauthor!, true)).toBe(false);
});
