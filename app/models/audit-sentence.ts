// The admin journal's details as a sentence per action (issue 16: they were raw JSON). Pure: reads the
// entry's `before` / `after` snapshots (whatever shape an old entry has: a missing value reads as none)
// and says what happened in the reader's language through the catalogues' "audit.says.*" messages.
import type { MessageKey, Params, Translate } from "~/lib/i18n.ts";
import { isAuditAction, type AuditAction } from "./audit.ts";

type Snapshot = unknown;

const field = (snapshot: Snapshot, key: string): unknown =>
  snapshot && typeof snapshot === "object" && !Array.isArray(snapshot)
    ? (snapshot as Record<string, unknown>)[key]
    : undefined;
const str = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const count = (value: unknown): number => (Array.isArray(value) ? value.length : num(value));

/** How many top-level values differ between the two snapshots. */
function changedFields(before: Snapshot, after: Snapshot): number {
  const keys = new Set([
    ...Object.keys((before as object | null) ?? {}),
    ...Object.keys((after as object | null) ?? {}),
  ]);
  return [...keys].filter((k) => JSON.stringify(field(before, k)) !== JSON.stringify(field(after, k))).length;
}

const STAGES = new Set(["PROPOSED", "UNDER_REVIEW", "SELECTED", "PILOT", "PRODUCTION", "REJECTED", "ARCHIVED"]);
const ROLES = new Set(["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR", "MANAGER", "ADMIN"]);

/** The parameters of each action's sentence, read from its snapshots; `t` names stages and roles. */
function paramsOf(action: AuditAction, before: Snapshot, after: Snapshot, t: Translate): Params {
  const stage = (value: unknown) => (STAGES.has(str(value)) ? t(`stage.${str(value)}` as MessageKey) : "—");
  const role = (value: unknown) => (ROLES.has(str(value)) ? t(`role.${str(value)}` as MessageKey) : "—");
  const days = (value: unknown) => (typeof value === "number" ? value : "none");
  const kpi = field(after, "name") !== undefined ? after : before;
  switch (action) {
    case "idea.stage":
      return { from: stage(field(before, "stage")), to: stage(field(after, "stage")) };
    case "user.role":
      return { from: role(field(before, "role")), to: role(field(after, "role")) };
    case "pilot.update":
    case "rollout.update":
      return { count: changedFields(before, after) };
    case "pilot.kpi.add":
    case "pilot.kpi.update":
    case "pilot.kpi.delete":
      return { name: str(field(kpi, "name")) };
    case "pilot.decision":
      return { decision: str(field(after, "decision")) || "other" };
    case "evaluation.submit":
      return {
        impact: num(field(after, "impact")),
        feasibility: num(field(after, "feasibility")),
        cost: num(field(after, "cost")),
        alignment: num(field(after, "alignment")),
      };
    case "evaluation.unassign":
      return { scored: field(before, "evaluation") ? "yes" : "no" };
    case "moderation.autohide":
      return { flags: num(field(after, "openFlags")), threshold: num(field(after, "threshold")) };
    case "moderation.hide":
    case "moderation.restore":
    case "moderation.dismiss":
      return { closed: num(field(after, "flagsClosed")) };
    case "challenge.participation":
      return { open: field(after, "participationOpen") === true ? "yes" : "no" };
    case "user.sessions.end":
      return { count: num(field(before, "sessions")) };
    case "user.password":
    case "user.password.reset":
      return { count: num(field(after, "sessionsEnded")) };
    case "user.identity.link":
      return { provider: str(field(after, "provider")) || "—" };
    case "user.identity.unlink":
      return { provider: str(field(before, "provider")) || "—" };
    case "idea.merge":
      return { count: count(field(after, "movedSupporters")) };
    case "supplier.invite":
    case "supplier.accept":
      return { company: str(field(after, "company")) || "—" };
    case "terms.publish":
    case "terms.accept":
      return { version: num(field(after, "version")) };
    case "space.commitments":
      return { answer: days(field(after, "answerWithinDays")), review: days(field(after, "reviewWithinDays")) };
    case "agencies.import":
      return {
        rows: num(field(after, "rows")),
        created: num(field(after, "created")),
        updated: num(field(after, "updated")),
      };
    case "rollout.adoption":
      return { agency: str(field(after, "agencyCode")) || "—" };
    case "webhook.create":
      return { url: str(field(after, "url")) || "—" };
    default:
      return {};
  }
}

/** The free text an entry carries (a stage note, a hiding or suspension reason, a decision's reason). */
function noteOf(after: Snapshot): string {
  return str(field(after, "note")) || str(field(after, "reason")) || str(field(after, "decisionReason"));
}

/** The parameter of an action's sentence that quotes user text (a KPI's name), if any. */
const QUOTED_PARAM: Partial<Record<AuditAction, string>> = {
  "pilot.kpi.add": "name",
  "pilot.kpi.update": "name",
  "pilot.kpi.delete": "name",
};

/**
 * What the entry says, as one or two sentences in the reader's language. `quoted`: the user text the
 * sentence quotes (null if none); with `quote`, the sentence holds that string in its place, so that a
 * page can wrap the quoted text in its own language (docs/decisions/0037).
 */
export function auditSentence(
  t: Translate,
  entry: { action: string; before: Snapshot; after: Snapshot },
  options: { quote?: string } = {},
): { text: string; note: string | null; quoted: string | null } {
  if (!isAuditAction(entry.action)) return { text: t("audit.says.unknown"), note: null, quoted: null };
  const key = `audit.says.${entry.action}` as MessageKey;
  const note = noteOf(entry.after);
  const params = paramsOf(entry.action, entry.before, entry.after, t);
  const param = QUOTED_PARAM[entry.action];
  const quoted = param && params[param] ? String(params[param]) : null;
  if (param && quoted !== null && options.quote !== undefined) params[param] = options.quote;
  return { text: t(key, params), note: note || null, quoted };
}
