import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random, URL-safe identifier: 120 bits from the platform CSPRNG, 24 base32 characters. */
export function newId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
