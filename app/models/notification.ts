// In-app notifications: their types and data shapes. Pure. `data` carries codes and ids only; titles
// and text are read at display time, through the viewer's visibility (app/models/notification.server.ts).
// The notifications issue adds e-mail and preferences on top of the same rows.
import type { IdeaStage, PilotDecision } from "~/generated/prisma/enums.ts";

export type NotificationData = {
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
};
export type NotificationType = keyof NotificationData;

export const NOTIFICATION_TYPES = [
  "idea.stage",
  "idea.answer",
  "pilot.decision",
  "evaluation.assigned",
  "moderation.hidden",
  "moderation.restored",
] as const satisfies readonly NotificationType[];

export const isNotificationType = (value: string): value is NotificationType => (NOTIFICATION_TYPES as readonly string[]).includes(value);
