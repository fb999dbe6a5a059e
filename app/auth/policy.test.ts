import { expect, test } from "vitest";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import {
  COMMENT_ACTIONS,
  commentAccepts,
  IDEA_ACTIONS,
  ideaAccepts,
  type CommentAction,
  type IdeaAction,
} from "~/models/content-state.ts";
import {
  canAnswerOfficially,
  canAssignEvaluators,
  canComment as canCommentOn,
  canDeleteComment,
  canEditPilot,
  canEditRollout,
  canEvaluate,
  canReplyTo,
  canUnmergeIdeas,
  canEditComment,
  canEditIdea,
  canEndSessionsOf,
  canFlag,
  canFlagComment,
  canJoinRoom,
  canManageUsers,
  canMergeIdeas,
  canMoveIdea,
  canModerate,
  canModerateSpace,
  canReadComment,
  canSeeHidden,
  canSuspend,
  canViewIdea,
  canViewSpace,
  canVote,
  type Viewer,
  visibleSpaceFilter,
} from "./policy.ts";

const publicSpace = { id: "pub", audience: "PUBLIC" } as const;
const internalSpace = { id: "int", audience: "INTERNAL" } as const;
const viewer = (role: NonNullable<Viewer>["role"], grantedSpaceIds: string[] = []): Viewer => ({
  id: `u-${role}`,
  role,
  grantedSpaceIds,
});

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
  expect(visibleSpaceFilter(viewer("SUPPLIER", ["int"]))).toEqual({
    OR: [{ audience: "PUBLIC" }, { id: { in: ["int"] } }],
  });
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
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER"] as const)
    expect(canManageUsers(viewer(role))).toBe(false);
  expect(canManageUsers(null)).toBe(false);
});

// --- moderation (docs/decisions/0008-moderation.md) ---------------------------------------------------

const hiddenAt = new Date("2026-12-01T10:00:00Z");
const author = viewer("PUBLIC");
const stranger: Viewer = { id: "someone-else", role: "PUBLIC", grantedSpaceIds: [] };

test("moderators and admins moderate; moderation of InnovAction needs to see it, which staff roles do", () => {
  expect(canModerate(null)).toBe(false);
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MANAGER"] as const)
    expect(canModerate(viewer(role))).toBe(false);
  for (const role of ["MODERATOR", "ADMIN"] as const) {
    expect(canModerate(viewer(role))).toBe(true);
    expect(canModerateSpace(viewer(role), internalSpace)).toBe(true);
    expect(canModerateSpace(viewer(role), publicSpace)).toBe(true);
  }
  expect(canModerateSpace(viewer("MANAGER"), publicSpace)).toBe(false);
});

test("a hidden idea exists only for its author and moderators; a visible one follows its space", () => {
  const hidden = { authorId: author!.id, space: publicSpace, hiddenAt };
  expect(canViewIdea(null, hidden)).toBe(false);
  expect(canViewIdea(stranger, hidden)).toBe(false);
  for (const role of ["EMPLOYEE", "SUPPLIER", "MANAGER"] as const)
    expect(canViewIdea(viewer(role), hidden)).toBe(false);
  expect(canViewIdea(author, hidden)).toBe(true);
  expect(canViewIdea(viewer("MODERATOR"), hidden)).toBe(true);
  expect(canViewIdea(viewer("ADMIN"), hidden)).toBe(true);
  // Visible: the space decides, as before.
  expect(canViewIdea(null, { ...hidden, hiddenAt: null })).toBe(true);
  expect(canViewIdea(null, { ...hidden, space: internalSpace, hiddenAt: null })).toBe(false);
  // An author who lost access to the space does not see their hidden idea there either.
  const supplier = viewer("SUPPLIER");
  expect(canSeeHidden(supplier, { authorId: supplier!.id, space: internalSpace })).toBe(false);
});

test("a hidden comment's text is for its author and moderators only", () => {
  const comment = { authorId: author!.id, hiddenAt };
  expect(canReadComment(null, comment, publicSpace)).toBe(false);
  expect(canReadComment(stranger, comment, publicSpace)).toBe(false);
  expect(canReadComment(author, comment, publicSpace)).toBe(true);
  expect(canReadComment(viewer("MODERATOR"), comment, publicSpace)).toBe(true);
  expect(canReadComment(null, { ...comment, hiddenAt: null }, publicSpace)).toBe(true);
});

test("a hidden idea is frozen: no votes, comments or edits, not even by its author", () => {
  const idea = { authorId: author!.id, stage: "PROPOSED" as const, space: publicSpace, hiddenAt };
  expect(canVote(viewer("MODERATOR"), idea)).toBe(false);
  expect(canCommentOn(author, idea)).toBe(false);
  expect(canEditIdea(author, idea)).toBe(false);
  expect(canEditIdea(author, { ...idea, hiddenAt: null })).toBe(true);
  expect(canEditComment(author, { authorId: author!.id, deletedAt: null, hiddenAt })).toBe(false);
});

test("flagging: signed in, can see it, not one's own, not hidden nor deleted", () => {
  const content = { authorId: author!.id, space: publicSpace, hiddenAt: null };
  expect(canFlag(null, content)).toBe(false);
  expect(canFlag(author, content)).toBe(false);
  expect(canFlag(stranger, content)).toBe(true);
  expect(canFlag(stranger, { ...content, hiddenAt })).toBe(false);
  expect(canFlag(stranger, { ...content, deletedAt: hiddenAt })).toBe(false);
  expect(canFlag(stranger, { ...content, space: internalSpace })).toBe(false);
  expect(canFlag(viewer("EMPLOYEE"), { ...content, space: internalSpace })).toBe(true);
});

test("reporting a comment: wherever the viewer may report it and its idea is not frozen, whether or not comments are open", () => {
  const idea = { authorId: author!.id, stage: "PROPOSED" as const, space: publicSpace, hiddenAt: null };
  const comment = { authorId: author!.id, deletedAt: null, hiddenAt: null };
  expect(canFlagComment(stranger, idea, comment)).toBe(true);
  // A closed challenge closes comments, not reports; nor does a closed stage.
  expect(canCommentOn(stranger, { ...idea, participationClosed: true })).toBe(false);
  expect(canFlagComment(stranger, { ...idea, participationClosed: true }, comment)).toBe(true);
  expect(canFlagComment(stranger, { ...idea, stage: "ARCHIVED" as const }, comment)).toBe(true);
  // A frozen idea's comments are out of reach with it.
  expect(canFlagComment(viewer("MODERATOR"), { ...idea, hiddenAt }, comment)).toBe(false);
  expect(canFlagComment(stranger, { ...idea, mergedIntoId: "idea-a" }, comment)).toBe(false);
  // The comment's own rule (canFlag).
  expect(canFlagComment(null, idea, comment)).toBe(false);
  expect(canFlagComment(author, idea, comment)).toBe(false);
  expect(canFlagComment(stranger, idea, { ...comment, hiddenAt })).toBe(false);
  expect(canFlagComment(stranger, idea, { ...comment, deletedAt: hiddenAt })).toBe(false);
  expect(canFlagComment(stranger, { ...idea, space: internalSpace }, comment)).toBe(false);
});

test("suspending: moderators suspend participants, admins also moderators; nobody an admin or themself", () => {
  const moderator = viewer("MODERATOR");
  const admin = viewer("ADMIN");
  expect(canSuspend(moderator, { id: "p", role: "PUBLIC" })).toBe(true);
  expect(canSuspend(moderator, { id: "e", role: "EMPLOYEE" })).toBe(true);
  expect(canSuspend(moderator, { id: "m", role: "MODERATOR" })).toBe(false);
  expect(canSuspend(admin, { id: "m", role: "MODERATOR" })).toBe(true);
  expect(canSuspend(admin, { id: "a", role: "ADMIN" })).toBe(false);
  expect(canSuspend(moderator, { id: moderator!.id, role: "MODERATOR" })).toBe(false);
  expect(canSuspend(viewer("MANAGER"), { id: "p", role: "PUBLIC" })).toBe(false);
  expect(canSuspend(null, { id: "p", role: "PUBLIC" })).toBe(false);
});

test("the moderation room is for the space's moderators only", () => {
  expect(canJoinRoom(viewer("MODERATOR"), { kind: "moderation", space: internalSpace })).toBe(true);
  expect(canJoinRoom(viewer("ADMIN"), { kind: "moderation", space: publicSpace })).toBe(true);
  for (const v of [null, viewer("PUBLIC"), viewer("EMPLOYEE"), viewer("MANAGER"), viewer("SUPPLIER", ["int"])]) {
    expect(canJoinRoom(v, { kind: "moderation", space: internalSpace })).toBe(false);
  }
});

test("a person ends their own sessions; only an admin ends someone else's", () => {
  const person = viewer("PUBLIC");
  expect(canEndSessionsOf(person, person!.id)).toBe(true);
  expect(canEndSessionsOf(viewer("ADMIN"), "someone-else")).toBe(true);
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER"] as const)
    expect(canEndSessionsOf(viewer(role), "someone-else")).toBe(false);
  expect(canEndSessionsOf(null, person!.id)).toBe(false);
});

test("a merged idea is frozen: no vote, comment, edit or move; merging is for the space's managers", () => {
  const idea = { authorId: "u-PUBLIC", stage: "PROPOSED", space: publicSpace } as const;
  const merged = { ...idea, mergedIntoId: "target" };
  expect(canVote(viewer("PUBLIC"), idea)).toBe(true);
  expect(canVote(viewer("PUBLIC"), merged)).toBe(false);
  expect(canCommentOn(viewer("PUBLIC"), idea)).toBe(true);
  expect(canCommentOn(viewer("PUBLIC"), merged)).toBe(false);
  expect(canEditIdea(viewer("PUBLIC"), idea)).toBe(true);
  expect(canEditIdea(viewer("PUBLIC"), merged)).toBe(false);
  expect(canMoveIdea(viewer("MANAGER"), idea, "UNDER_REVIEW")).toBe(true);
  expect(canMoveIdea(viewer("MANAGER"), merged, "UNDER_REVIEW")).toBe(false);
  expect(canMergeIdeas(viewer("MANAGER"), idea)).toBe(true);
  expect(canMergeIdeas(viewer("ADMIN"), { ...idea, space: internalSpace })).toBe(true);
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR"] as const)
    expect(canMergeIdeas(viewer(role), idea)).toBe(false);
  expect(canMergeIdeas(null, idea)).toBe(false);
});

// --- frozen content: every action of every state, against THE list (app/models/content-state.ts) ------

const FROZEN_STATES = [
  { hidden: false, merged: false },
  { hidden: true, merged: false },
  { hidden: false, merged: true },
  { hidden: true, merged: true },
] as const;
const ideaIn = (state: { hidden: boolean; merged: boolean }, stage: IdeaStage = "PROPOSED") => ({
  authorId: "u-author",
  stage,
  space: publicSpace,
  hiddenAt: state.hidden ? new Date("2026-12-01T00:00:00Z") : null,
  mergedIntoId: state.merged ? "idea-a" : null,
});
const ideaAuthor: Viewer = { id: "u-author", role: "EMPLOYEE", grantedSpaceIds: [] };

/** For each action, the policy rule that guards it, asked by someone it would allow on a visible idea. */
const IDEA_ACTION_RULES = {
  edit: (s) => canEditIdea(ideaAuthor, ideaIn(s)),
  vote: (s) => canVote(viewer("EMPLOYEE"), ideaIn(s)),
  comment: (s) => canCommentOn(viewer("EMPLOYEE"), ideaIn(s)),
  flag: (s) => canFlag(viewer("EMPLOYEE"), ideaIn(s)),
  move: (s) => canMoveIdea(viewer("MANAGER"), ideaIn(s), "UNDER_REVIEW"),
  merge: (s) => canMergeIdeas(viewer("MANAGER"), ideaIn(s)),
  unmerge: (s) => canUnmergeIdeas(viewer("MANAGER"), ideaIn(s)),
  evaluate: (s) => canEvaluate(viewer("EMPLOYEE"), ideaIn(s, "UNDER_REVIEW"), true),
  assignEvaluators: (s) => canAssignEvaluators(viewer("ADMIN"), ideaIn(s, "UNDER_REVIEW")),
  pilot: (s) => canEditPilot(viewer("MANAGER"), ideaIn(s, "PILOT")),
  rollout: (s) => canEditRollout(viewer("MANAGER"), ideaIn(s, "PRODUCTION")),
  answer: (s) => canAnswerOfficially(viewer("MANAGER"), ideaIn(s)),
  moderate: () => canModerateSpace(viewer("MODERATOR"), publicSpace),
} satisfies Record<IdeaAction, (state: (typeof FROZEN_STATES)[number]) => boolean>;

test.each(IDEA_ACTIONS)("the policy lets '%s' happen exactly in the states that accept it", (action) => {
  expect(IDEA_ACTION_RULES[action](FROZEN_STATES[0])).toBe(true); // allowed at all, on a visible idea
  for (const state of FROZEN_STATES) expect(IDEA_ACTION_RULES[action](state)).toBe(ideaAccepts(state, action));
});

const commentIn = (hidden: boolean) => ({
  authorId: "u-author",
  deletedAt: null,
  hiddenAt: hidden ? new Date("2026-12-01T00:00:00Z") : null,
});
const COMMENT_ACTION_RULES = {
  edit: (hidden) => canEditComment(ideaAuthor, commentIn(hidden)),
  delete: (hidden) => canDeleteComment(ideaAuthor, commentIn(hidden)),
  reply: (hidden) => canReplyTo(viewer("EMPLOYEE"), ideaIn(FROZEN_STATES[0]), commentIn(hidden)),
  flag: (hidden) => canFlagComment(viewer("EMPLOYEE"), ideaIn(FROZEN_STATES[0]), commentIn(hidden)),
  moderate: () => canModerateSpace(viewer("MODERATOR"), publicSpace),
} satisfies Record<CommentAction, (hidden: boolean) => boolean>;

test.each(COMMENT_ACTIONS)(
  "the policy lets '%s' happen to a comment exactly in the states that accept it",
  (action) => {
    expect(COMMENT_ACTION_RULES[action](false)).toBe(true);
    for (const hidden of [false, true])
      expect(COMMENT_ACTION_RULES[action](hidden)).toBe(commentAccepts({ hidden }, action));
  },
);
