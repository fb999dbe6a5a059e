import { expect, test } from "vitest";
import {
  displayNameFromClaims,
  emailFromClaims,
  isEmailVerified,
  isStaffEmail,
  staffRoleFromClaim,
  textClaim,
} from "./identity.ts";

const MAPPING = [
  { group: "idees-moderation", role: "MODERATOR" },
  { group: "idees-managers", role: "MANAGER" },
  { group: "idees-admins", role: "ADMIN" },
] as const;

test("staff role: the most powerful mapped group wins; no mapped group (or a malformed claim) is EMPLOYEE", () => {
  expect(staffRoleFromClaim(["tous", "idees-managers", "idees-moderation"], MAPPING)).toBe("MANAGER");
  expect(staffRoleFromClaim(["idees-admins", "idees-moderation"], MAPPING)).toBe("ADMIN");
  expect(staffRoleFromClaim("idees-moderation", MAPPING)).toBe("MODERATOR");
  expect(staffRoleFromClaim(["tous"], MAPPING)).toBe("EMPLOYEE");
  expect(staffRoleFromClaim(undefined, MAPPING)).toBe("EMPLOYEE");
  expect(staffRoleFromClaim({ "idees-admins": true }, MAPPING)).toBe("EMPLOYEE");
  expect(staffRoleFromClaim([42, null, "IDEES-ADMINS"], MAPPING)).toBe("EMPLOYEE");
});

test('only email_verified true (or FranceConnect\'s "true") is a verified address', () => {
  expect(isEmailVerified({ sub: "a", email_verified: true })).toBe(true);
  expect(isEmailVerified({ sub: "a", email_verified: "true" })).toBe(true);
  expect(isEmailVerified({ sub: "a", email_verified: false })).toBe(false);
  expect(isEmailVerified({ sub: "a", email_verified: "false" })).toBe(false);
  expect(isEmailVerified({ sub: "a" })).toBe(false);
});

test("names and addresses from claims", () => {
  expect(displayNameFromClaims({ sub: "a", name: "  Claire   Agent " }, "c@x.fr")).toBe("Claire Agent");
  expect(displayNameFromClaims({ sub: "a", given_name: "Jean", family_name: "Citoyen" }, "j@x.fr")).toBe(
    "Jean Citoyen",
  );
  expect(displayNameFromClaims({ sub: "a", name: ["no"] }, "prenom.nom@x.fr")).toBe("prenom.nom");
  expect(emailFromClaims({ sub: "a", email: " Marie@Example.TEST " })).toBe("marie@example.test");
  expect(emailFromClaims({ sub: "a", email: "not an address" })).toBeNull();
  expect(emailFromClaims({ sub: "a", email: 12 })).toBeNull();
  expect(textClaim("x".repeat(500))).toHaveLength(200);
  expect(textClaim("   ")).toBeNull();
});

test("staff domains match the whole domain, case-insensitively", () => {
  expect(isStaffEmail("paul@Agence.test", ["agence.test"])).toBe(true);
  expect(isStaffEmail("paul@sous.agence.test", ["agence.test"])).toBe(false);
  expect(isStaffEmail("paul@agence.test.evil", ["agence.test"])).toBe(false);
  expect(isStaffEmail("paul@agence.test", [])).toBe(false);
});
