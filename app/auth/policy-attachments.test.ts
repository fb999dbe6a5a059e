import { expect, test } from "vitest";
import { canAttachTo, canDeleteAttachment, canMarkConfidential, canSeeAttachment } from "./policy-attachments.ts";
import type { Viewer } from "./policy.ts";

const internal = { id: "s-int", audience: "INTERNAL" as const };
const open = { id: "s-pub", audience: "PUBLIC" as const };
const person = (id: string, role: NonNullable<Viewer>["role"], granted: string[] = []): NonNullable<Viewer> => ({
  id,
  role,
  grantedSpaceIds: granted,
});
const supplier = person("sup", "SUPPLIER", [internal.id]);
const ideaIn = (space: typeof internal | typeof open, extra: object = {}) => ({
  authorId: supplier.id,
  space,
  ...extra,
});
const file = (confidential: boolean) => ({ uploaderId: supplier.id, confidential });

test("a file is seen by whoever sees its idea: the public sees a public idea's, never an InnovAction one", () => {
  expect(canSeeAttachment(null, ideaIn(open), file(false), false)).toBe(true);
  expect(canSeeAttachment(null, ideaIn(internal), file(false), false)).toBe(false);
  expect(canSeeAttachment(person("p", "PUBLIC"), ideaIn(internal), file(false), false)).toBe(false);
  expect(canSeeAttachment(person("s2", "SUPPLIER"), ideaIn(internal), file(false), false)).toBe(false);
  expect(canSeeAttachment(person("e", "EMPLOYEE"), ideaIn(internal), file(false), false)).toBe(true);
  // A hidden idea's files: its author and moderators only, as the idea.
  const hidden = ideaIn(internal, { hiddenAt: new Date() });
  expect(canSeeAttachment(person("e", "EMPLOYEE"), hidden, file(false), false)).toBe(false);
  expect(canSeeAttachment(person("m", "MODERATOR"), hidden, file(false), false)).toBe(true);
  expect(canSeeAttachment(supplier, hidden, file(false), false)).toBe(true);
});

test("a confidential file: its uploader, the idea's assigned evaluators, managers and admins only", () => {
  const idea = ideaIn(internal);
  expect(canSeeAttachment(supplier, idea, file(true), false)).toBe(true);
  expect(canSeeAttachment(person("e", "EMPLOYEE"), idea, file(true), true)).toBe(true);
  expect(canSeeAttachment(person("e", "EMPLOYEE"), idea, file(true), false)).toBe(false);
  expect(canSeeAttachment(person("m", "MODERATOR"), idea, file(true), false)).toBe(false);
  expect(canSeeAttachment(person("g", "MANAGER"), idea, file(true), false)).toBe(true);
  expect(canSeeAttachment(person("a", "ADMIN"), idea, file(true), false)).toBe(true);
  expect(canSeeAttachment(null, idea, file(true), true)).toBe(false);
  // An evaluator flag never opens an idea its holder may not see.
  expect(canSeeAttachment(person("p", "PUBLIC"), idea, file(true), true)).toBe(false);
});

test("attaching: the author, on an idea neither hidden nor merged; confidential in InnovAction only", () => {
  expect(canAttachTo(supplier, ideaIn(internal))).toBe(true);
  expect(canAttachTo(person("e", "EMPLOYEE"), ideaIn(internal))).toBe(false);
  expect(canAttachTo(supplier, ideaIn(internal, { hiddenAt: new Date() }))).toBe(false);
  expect(canAttachTo(supplier, ideaIn(internal, { mergedIntoId: "x" }))).toBe(false);
  expect(canMarkConfidential(supplier, ideaIn(internal))).toBe(true);
  expect(canMarkConfidential(supplier, ideaIn(open))).toBe(false);
  // A supplier whose access ended may no longer attach.
  expect(canAttachTo(person(supplier.id, "SUPPLIER"), ideaIn(internal))).toBe(false);
});

test("removing a file: its uploader while they may attach, or an admin", () => {
  expect(canDeleteAttachment(supplier, ideaIn(internal), file(true))).toBe(true);
  expect(canDeleteAttachment(person("g", "MANAGER"), ideaIn(internal), file(true))).toBe(false);
  expect(canDeleteAttachment(person("a", "ADMIN"), ideaIn(internal), file(true))).toBe(true);
  expect(canDeleteAttachment(supplier, ideaIn(internal, { hiddenAt: new Date() }), file(false))).toBe(false);
});

test("a comment's image is seen by whoever reads the comment: not once hidden (but by its author and moderators), never once deleted", () => {
  const commenter = person("c", "EMPLOYEE");
  const onComment = (comment: { hiddenAt: Date | null; deletedAt: Date | null }) => ({
    uploaderId: commenter.id,
    confidential: false,
    comment: { authorId: commenter.id, ...comment },
  });
  const shown = onComment({ hiddenAt: null, deletedAt: null });
  expect(canSeeAttachment(null, ideaIn(open), shown, false)).toBe(true);
  // On an InnovAction idea: the idea's own rule first.
  expect(canSeeAttachment(null, ideaIn(internal), shown, false)).toBe(false);
  expect(canSeeAttachment(person("p", "PUBLIC"), ideaIn(internal), shown, false)).toBe(false);
  expect(canSeeAttachment(person("e", "EMPLOYEE"), ideaIn(internal), shown, false)).toBe(true);
  const hidden = onComment({ hiddenAt: new Date(), deletedAt: null });
  expect(canSeeAttachment(null, ideaIn(open), hidden, false)).toBe(false);
  expect(canSeeAttachment(person("e", "EMPLOYEE"), ideaIn(open), hidden, false)).toBe(false);
  expect(canSeeAttachment(commenter, ideaIn(open), hidden, false)).toBe(true);
  expect(canSeeAttachment(person("m", "MODERATOR"), ideaIn(open), hidden, false)).toBe(true);
  const deleted = onComment({ hiddenAt: null, deletedAt: new Date() });
  expect(canSeeAttachment(commenter, ideaIn(open), deleted, false)).toBe(false);
  expect(canSeeAttachment(person("a", "ADMIN"), ideaIn(open), deleted, false)).toBe(false);
});
