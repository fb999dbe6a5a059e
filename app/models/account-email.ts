// What the identity e-mails say (docs/decisions/0024-invitations-terms-and-passwords.md). Pure: the
// outbox worker renders them at sending time (app/models/account-email.server.ts).
import type { Translate } from "~/lib/i18n.ts";
import type { Email } from "./email.ts";

const footer = (t: Translate) => ["", "—", t("email.accountFooter")];

export function passwordResetEmail(t: Translate, name: string, link: string): Email {
  return {
    subject: `${t("app.name")} — ${t("email.resetSubject")}`,
    text: [
      t("email.greeting", { name }),
      "",
      t("email.resetText"),
      link,
      "",
      t("email.resetIgnore"),
      ...footer(t),
    ].join("\n"),
  };
}

export function invitationEmail(t: Translate, company: string, link: string, expiresAt: string): Email {
  return {
    subject: `${t("app.name")} — ${t("email.invitationSubject")}`,
    text: [
      t("email.invitationText", { company }),
      link,
      "",
      t("email.invitationExpires", { date: expiresAt }),
      ...footer(t),
    ].join("\n"),
  };
}

/** To the new address: the link that makes it the sign-in address. */
export function emailChangeEmail(t: Translate, name: string, link: string): Email {
  return {
    subject: `${t("app.name")} — ${t("email.emailChangeSubject")}`,
    text: [
      t("email.greeting", { name }),
      "",
      t("email.emailChangeText"),
      link,
      "",
      t("email.emailChangeIgnore"),
      ...footer(t),
    ].join("\n"),
  };
}

/** To the old address, once the change is done: what happened, and what to do if it was not them. */
export function emailChangedEmail(t: Translate, name: string, newEmail: string, resetLink: string): Email {
  return {
    subject: `${t("app.name")} — ${t("email.emailChangedSubject")}`,
    text: [
      t("email.greeting", { name }),
      "",
      t("email.emailChangedText", { email: newEmail }),
      `${t("email.emailChangedNotYou")} ${resetLink}`,
      ...footer(t),
    ].join("\n"),
  };
}
