// Suppliers' access that ends by itself at its end date (docs/decisions/0024-invitations-terms-and-
// passwords.md): sessions already stop validating at that instant; this deletes them and disconnects
// the open sockets, every minute.
import { endExpiredSupplierAccess } from "~/models/invitation.server.ts";
import { runPeriodically } from "./periodic.server.ts";

export function startSupplierAccessExpiry(intervalMs = 60_000): () => Promise<void> {
  return runPeriodically("supplier access", intervalMs, endExpiredSupplierAccess);
}
