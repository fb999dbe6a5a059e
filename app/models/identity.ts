// What an OpenID provider's claims mean for an account: pure rules, unit-tested without a provider
// (docs/decisions/0023-openid-connect.md). The provider flow is app/auth/oidc.server.ts; the accounts
// app/models/identity.server.ts.
import type { IdentityProvider, Role } from "~/generated/prisma/enums.ts";

export type ProviderKind = "staff" | "public";
export const PROVIDER_KINDS: readonly ProviderKind[] = ["staff", "public"];

export const isProviderKind = (value: unknown): value is ProviderKind => value === "staff" || value === "public";

export const providerOf = (kind: ProviderKind): IdentityProvider => (kind === "staff" ? "STAFF" : "PUBLIC");
export const kindOf = (provider: IdentityProvider): ProviderKind => (provider === "STAFF" ? "staff" : "public");

/** The claims the app reads, whatever else the provider sends. */
export type IdentityClaims = {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  [claim: string]: unknown;
};

export type RoleMapping = readonly { group: string; role: "MODERATOR" | "MANAGER" | "ADMIN" }[];

// Staff roles from the least to the most powerful.
const STAFF_ROLE_ORDER: readonly Role[] = ["EMPLOYEE", "MODERATOR", "MANAGER", "ADMIN"];

/**
 * The role a staff member gets from the provider: the most powerful role their groups map to, else
 * EMPLOYEE. The claim may be a list of names or one name; anything else counts as no group.
 */
export function staffRoleFromClaim(claim: unknown, mapping: RoleMapping): Role {
  const groups = Array.isArray(claim)
    ? claim.filter((g): g is string => typeof g === "string")
    : typeof claim === "string"
      ? [claim]
      : [];
  let best = 0;
  for (const { group, role } of mapping) {
    if (groups.includes(group)) best = Math.max(best, STAFF_ROLE_ORDER.indexOf(role));
  }
  return STAFF_ROLE_ORDER[best]!;
}

/** A claim that is a short non-empty text (an agency name, a given name), else null. */
export function textClaim(value: unknown, max = 200): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim().replace(/\s+/g, " ");
  return text ? text.slice(0, max) : null;
}

/** The name to show: `name`, else given and family names (FranceConnect), else the address's local part. */
export function displayNameFromClaims(claims: IdentityClaims, email: string): string {
  const name = textClaim(claims.name, 80);
  if (name) return name;
  const given = textClaim(claims.given_name, 40);
  const family = textClaim(claims.family_name, 40);
  const joined = [given, family].filter(Boolean).join(" ");
  if (joined) return joined;
  return email.split("@")[0]!.slice(0, 80) || email.slice(0, 80);
}

/** The provider's address, lower-cased, when it looks like one. */
export function emailFromClaims(claims: IdentityClaims): string | null {
  if (typeof claims.email !== "string") return null;
  const email = claims.email.trim().toLowerCase();
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** Only `true` (or FranceConnect's "true") is a verified address: a missing claim is not. */
export const isEmailVerified = (claims: IdentityClaims) =>
  claims.email_verified === true || claims.email_verified === "true";

/** Whether an address belongs to the staff domains (STAFF_EMAIL_DOMAINS): those sign in through the staff provider. */
export function isStaffEmail(email: string, staffDomains: readonly string[]): boolean {
  const domain = email.trim().toLowerCase().split("@").at(-1) ?? "";
  return staffDomains.some((d) => domain === d);
}
