// Notifications, e-mails and unsubscribing (docs/decisions/0013-email-notifications.md): exactly the French keys (a missing or extra key is a type error).
import type { notifications as fr } from "../fr/notifications.ts";

export const notifications: Record<keyof typeof fr, string> = {
  "notifications.title": "Notifications",
  "notifications.empty": "No notifications.",
  "notifications.unread": "Unread",
  "notifications.markAll": "Mark all as read",
  "notifications.markRead": "Mark as read",
  "notifications.marked": "Notifications marked as read.",
  "notification.stage": "“{title}” moved to the “{stage}” stage.",
  "notification.answer": "“{title}” received an official answer.",
  "notification.answerUpdated": "The official answer to “{title}” was updated.",
  "notification.decision": "The pilot of “{title}” got a “go”.",
  "notification.evaluation": "You are asked to evaluate “{title}”.",
  "notification.comment":
    "{name, select, none {New comment on your idea} other {{name} commented on your idea}} “{title}”.",
  "notification.reply": "{name, select, none {Someone} other {{name}}} replied to your comment on “{title}”.",
  "email.greeting": "Hello {name},",
  "email.open": "Open:",
  "email.footer": "You receive this message from Idées because you take part in this idea.",
  "email.preferences": "Choose the e-mails you receive:",
  "email.unsubscribe": "Unsubscribe in one click:",
  "email.digestSubject":
    "{count, plural, one {# update from the ideas you follow} other {# updates from the ideas you follow}}",
  "email.digestIntro": "Here is what happened since your last digest:",
  "email.signUpSubject": "Activate your account",
  "email.signUpText":
    "To activate your account, open this link within 24 hours and type the password you chose when signing up:",
  "email.signUpIgnore":
    "You did not ask for an account? Ignore this message: without this link and that password, the account stays inactive.",
  "email.signUpExistingSubject": "Sign-up with your address",
  "email.signUpExistingText":
    "Someone, maybe you, tried to create an account with this address. You already have one: nothing in it was changed.",
  "email.signUpExistingSignIn": "If it was you, sign in here:",
  "email.signUpExistingIgnore": "If it was not you, ignore this message.",
  "email.accountFooter": "You receive this message from Idées because this address was typed into the sign-up form.",
  "unsubscribe.title": "Unsubscribe",
  "unsubscribe.confirmOne": "Stop receiving e-mails for: “{what}”?",
  "unsubscribe.confirmAll": "Stop receiving any e-mail from Idées?",
  "unsubscribe.submit": "Unsubscribe",
  "unsubscribe.done":
    "Done: you will no longer receive these e-mails. You can change your mind at any time in your notifications.",
  "notification.hiddenPendingIdea": "Your idea “{title}” is hidden until a moderator reviews it.",
  "notification.hiddenPendingComment": "Your comment on “{title}” is hidden until a moderator reviews it.",
  "notification.hiddenIdea": "Your idea “{title}” was hidden by the moderation team. Reason: {reason}",
  "notification.hiddenComment": "Your comment on “{title}” was hidden by the moderation team. Reason: {reason}",
  "notification.restoredIdea": "Your idea “{title}” is visible again.",
  "notification.merged":
    "“{title}”, which you follow, was merged into a similar idea: its supporters and comments moved there.",
  "notification.restoredComment": "Your comment on “{title}” is visible again.",
};
