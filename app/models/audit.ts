// What the audit trail records. Pure; the admin journal lists these actions in its filter.
export const AUDIT_ACTIONS = [
  "idea.stage",
  "pilot.update",
  "pilot.kpi.add",
  "pilot.kpi.update",
  "pilot.kpi.delete",
  "pilot.decision",
  "rollout.update",
  "evaluation.assign",
  "evaluation.unassign",
  "evaluation.submit",
  "answer.publish",
  "answer.update",
  "user.role",
  "space.grant",
  "space.revoke",
  "moderation.autohide",
  "moderation.hide",
  "moderation.restore",
  "moderation.dismiss",
  "user.suspend",
  "user.unsuspend",
  "challenge.create",
  "challenge.participation",
  // A person's own account (actor = the person) or an admin acting on it: app/models/account.server.ts.
  "user.sessions.end",
  "user.session.end",
  "user.password",
  "user.email",
  "user.export",
  "user.delete",
  // Sign-in through an OpenID provider (app/models/identity.server.ts).
  "user.identity.link",
  "user.identity.unlink",
  "idea.merge",
  "idea.unmerge",
  // A manager downloaded a CSV export (target: the export's kind; after: its filters).
  "indicators.export",
  // Identity (docs/decisions/0024-invitations-terms-and-passwords.md).
  "user.password.reset",
  "supplier.invite",
  "supplier.accept",
  "supplier.revoke",
  "terms.publish",
  "terms.accept",
  // Response-time commitments and roll-out (docs/decisions/0028).
  "space.commitments",
  "agencies.import",
  "rollout.adoption",
  // Webhook endpoints (docs/decisions/0027-job-queue-and-webhooks.md).
  "webhook.create",
  "webhook.delete",
  // Hackathons (docs/decisions/0035-hackathons.md).
  "hackathon.create",
  "hackathon.update",
  "hackathon.register",
  "hackathon.cancel",
  "hackathon.juror",
  "hackathon.results",
  // Attachments (docs/decisions/0030-attachments-and-editor.md); target: the idea.
  "attachment.add",
  "attachment.delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGETS = [
  "idea",
  "comment",
  "user",
  "challenge",
  "export",
  "space",
  "agency",
  "webhook",
  "hackathon",
] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

export const isAuditAction = (value: unknown): value is AuditAction =>
  typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
