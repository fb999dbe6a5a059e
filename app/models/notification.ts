// Notifications: their types, data shapes, texts and e-mail defaults. Pure. `data` carries codes and
// ids only; titles are read at display (or sending) time, through the recipient's visibility
// (app/models/notification.server.ts, app/models/email.server.ts).
import { canManageWebhooks, canUseManagerBoard, type Viewer } from "~/auth/policy.ts";
import type { EmailMode, IdeaStage, PilotDecision } from "~/generated/prisma/enums.ts";
import type { MessageKey, Translate } from "~/lib/i18n.ts";
import { DELETED_USER_NAME } from "./user-names.ts";

export type NotificationData = {
  /** Someone commented on my idea. */
  "comment.new": { commentId: string };
  /** Someone answered my comment. */
  "comment.reply": { commentId: string };
  /** The idea moved in the pipeline (author, supporters and commenters are told). */
  "idea.stage": { from: IdeaStage; to: IdeaStage };
  /** A manager published (or updated) the official answer. */
  "idea.answer": { updated: boolean };
  /** The pilot's go / no-go decision ("no-go" also arrives as a move to REJECTED). */
  "pilot.decision": { decision: PilotDecision };
  /** A manager asked this person to evaluate the idea. */
  "evaluation.assigned": Record<string, never>;
  /**
   * Moderation hid the person's idea or comment: pending review (enough people flagged it) or by a
   * moderator's decision, whose reason — written for the author — travels with the notification.
   */
  "moderation.hidden": { target: "idea" | "comment"; pending: boolean; reason: string | null };
  /** Moderation brought the person's idea or comment back. */
  "moderation.restored": { target: "idea" | "comment" };
  /** A manager merged the idea into a duplicate (docs/decisions/0014-merge-duplicates.md); its page leads there. */
  "idea.merged": { targetId: string };
  /**
   * The weekly reminder to managers (docs/decisions/0028-response-time-commitments.md): `count` ideas of
   * the spaces they run wait past their space's commitment. About no single idea (idea_id is null).
   */
  "commitment.overdue": { count: number; week: string };
  /** Admins only: a webhook endpoint failed too often and was disabled (docs/decisions/0027). */
  "webhook.disabled": { endpointId: string; url: string };
  /** Someone mentioned me in an idea (no commentId) or a comment (docs/decisions/0031). */
  mention: { commentId?: string };
  /** A new idea in a space, challenge or tag I follow. */
  "idea.new": Record<string, never>;
  /** Hackathons (docs/decisions/0035-hackathons.md): a seat freed up and the waiting list gave it to me. */
  "hackathon.promoted": { hackathonId: string };
  /** Someone asks to join my team, or the owner accepted or refused my request. */
  "hackathon.team": { hackathonId: string; event: "request" | "accepted" | "refused" };
  /** The results of a hackathon I took part in are published. */
  "hackathon.results": { hackathonId: string };
  /** I am a co-author of this idea (my team submitted it), or its author invites me to be one. */
  "idea.coauthor": { hackathonId?: string; invited?: boolean };
};
export type NotificationType = keyof NotificationData;

export const NOTIFICATION_TYPES = [
  "comment.new",
  "comment.reply",
  "idea.stage",
  "idea.answer",
  "pilot.decision",
  "evaluation.assigned",
  "moderation.hidden",
  "moderation.restored",
  "idea.merged",
  "commitment.overdue",
  "webhook.disabled",
  "mention",
  "idea.new",
  "hackathon.promoted",
  "hackathon.team",
  "hackathon.results",
  "idea.coauthor",
] as const satisfies readonly NotificationType[];

/** Types only admins receive: their e-mail preference is offered to admins only. */
export const ADMIN_NOTIFICATION_TYPES: readonly NotificationType[] = ["webhook.disabled"];
/** Types only managers and admins receive (the weekly overdue reminder, docs/decisions/0028). */
export const MANAGER_NOTIFICATION_TYPES: readonly NotificationType[] = ["commitment.overdue"];

/** Whether the person is offered the type's e-mail preference (they may receive it): the policy's roles. */
export const isNotificationTypeOffered = (type: NotificationType, viewer: Viewer): boolean =>
  ADMIN_NOTIFICATION_TYPES.includes(type)
    ? canManageWebhooks(viewer)
    : MANAGER_NOTIFICATION_TYPES.includes(type)
      ? canUseManagerBoard(viewer)
      : true;

/** Types about no idea: where they lead instead. */
const PATHS_WITHOUT_IDEA: Partial<Record<NotificationType, string>> = {
  "webhook.disabled": "/admin/webhooks",
  "commitment.overdue": "/pilotage?en-retard=1",
};

export const isNotificationType = (value: string): value is NotificationType =>
  (NOTIFICATION_TYPES as readonly string[]).includes(value);

export const EMAIL_MODES = ["OFF", "IMMEDIATE", "DIGEST"] as const satisfies readonly EmailMode[];

/**
 * Whether a type is e-mailed when the person has not chosen: what is addressed to me personally
 * comes at once; news of ideas I follow comes once a day, so supporting many ideas never floods a
 * mailbox.
 */
export const EMAIL_DEFAULTS: Record<NotificationType, EmailMode> = {
  "comment.new": "IMMEDIATE",
  "comment.reply": "IMMEDIATE",
  "idea.stage": "DIGEST",
  "idea.answer": "DIGEST",
  "pilot.decision": "DIGEST",
  "evaluation.assigned": "IMMEDIATE",
  "moderation.hidden": "IMMEDIATE",
  "moderation.restored": "IMMEDIATE",
  "idea.merged": "DIGEST",
  "commitment.overdue": "IMMEDIATE",
  "webhook.disabled": "IMMEDIATE",
  mention: "IMMEDIATE",
  "idea.new": "DIGEST",
  "hackathon.promoted": "IMMEDIATE",
  "hackathon.team": "IMMEDIATE",
  "hackathon.results": "IMMEDIATE",
  "idea.coauthor": "IMMEDIATE",
};

/**
 * The notification's data with the name of the person who wrote the comment it is about (`actorName`),
 * read when it is shown, so that "Quelqu'un a répondu" becomes "Alice a répondu".
 */
export function withActor<T extends Record<string, unknown>>(data: T, actorName: string | undefined): T {
  return actorName && actorName !== DELETED_USER_NAME ? { ...data, actorName } : data;
}

/** One line saying what happened, for the notification centre and for e-mails. */
export function notificationText(
  t: Translate,
  type: NotificationType,
  data: Record<string, unknown>,
  title: string,
): string {
  switch (type) {
    case "comment.new":
      return t("notification.comment", { title, name: String(data.actorName ?? "") || "none" });
    case "comment.reply":
      return t("notification.reply", { title, name: String(data.actorName ?? "") || "none" });
    case "idea.stage":
      return t("notification.stage", { title, stage: t(`stage.${String(data.to)}` as MessageKey) });
    case "idea.answer":
      return t(data.updated ? "notification.answerUpdated" : "notification.answer", { title });
    case "pilot.decision":
      return t("notification.decision", { title });
    case "evaluation.assigned":
      return t("notification.evaluation", { title });
    case "moderation.hidden": {
      const comment = data.target === "comment";
      if (data.pending)
        return t(comment ? "notification.hiddenPendingComment" : "notification.hiddenPendingIdea", { title });
      return t(comment ? "notification.hiddenComment" : "notification.hiddenIdea", {
        title,
        reason: String(data.reason ?? ""),
      });
    }
    case "moderation.restored":
      return t(data.target === "comment" ? "notification.restoredComment" : "notification.restoredIdea", { title });
    case "idea.merged":
      return t("notification.merged", { title });
    case "commitment.overdue":
      return t("notification.overdue", { count: Number(data.count ?? 0) });
    case "webhook.disabled":
      return t("notification.webhookDisabled", { url: String(data.url ?? "") });
    case "mention":
      return t(data.commentId ? "notification.mentionComment" : "notification.mentionIdea", { title });
    case "idea.new":
      return t("notification.newIdea", { title });
    case "hackathon.promoted":
      return t("notification.hackathonPromoted");
    case "hackathon.team":
      return t(
        `notification.hackathonTeam.${data.event === "accepted" ? "accepted" : data.event === "refused" ? "refused" : "request"}`,
      );
    case "hackathon.results":
      return t("notification.hackathonResults");
    case "idea.coauthor":
      return t(data.invited ? "notification.coauthorInvited" : "notification.coauthor", { title });
  }
}

/** Where a notification leads: the idea, or the comment on it (or the page it is about when about no idea). */
export function notificationPath(type: NotificationType, data: Record<string, unknown>, ideaId: string | null): string {
  if (ideaId === null && typeof data.hackathonId === "string") return `/hackathons/${data.hackathonId}`;
  if (type === "idea.coauthor" && data.invited && ideaId) return `/idees/${ideaId}/coauteurs`;
  const elsewhere = PATHS_WITHOUT_IDEA[type];
  if (elsewhere || ideaId === null) return elsewhere ?? "/notifications";
  const commentId =
    type === "comment.new" || type === "comment.reply" || type === "mention" ? String(data.commentId ?? "") : "";
  return `/idees/${ideaId}${commentId ? `#commentaire-${commentId}` : ""}`;
}
