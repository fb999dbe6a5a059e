// E-mails: what they say and when a failed one is tried again. Pure; queueing lives in
// email.server.ts, sending in app/jobs/email.server.ts.
import type { Locale, Translate } from "~/lib/i18n.ts";
import { parisHour } from "~/lib/time.ts";
import { notificationText, type NotificationType } from "./notification.ts";

/** `to`: another address than the account's (an e-mail change writes to the new and to the old one). */
export type Email = { subject: string; text: string; to?: string };

/** After the n-th failed attempt, wait 30 s · 2^(n−1), at most 6 hours; give up after MAX_ATTEMPTS. */
export const MAX_EMAIL_ATTEMPTS = 8;
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

export type Links = { open: string; preferences: string; unsubscribe: string };

function footer(t: Translate, links: Pick<Links, "preferences" | "unsubscribe">): string {
  return [
    "—",
    t("email.footer"),
    `${t("email.preferences")} ${links.preferences}`,
    `${t("email.unsubscribe")} ${links.unsubscribe}`,
  ].join("\n");
}

export function notificationEmail(
  t: Translate,
  item: { type: NotificationType; data: Record<string, unknown>; title: string; recipientName: string },
  links: Links,
): Email {
  const line = notificationText(t, item.type, item.data, item.title);
  return {
    subject: `${t("app.name")} — ${line}`,
    text: [
      t("email.greeting", { name: item.recipientName }),
      "",
      line,
      "",
      `${t("email.open")} ${links.open}`,
      "",
      footer(t, links),
    ].join("\n"),
  };
}

export function digestEmail(
  t: Translate,
  recipientName: string,
  items: { type: NotificationType; data: Record<string, unknown>; title: string; open: string }[],
  links: Pick<Links, "preferences" | "unsubscribe">,
): Email {
  const lines = items.flatMap((i) => [`• ${notificationText(t, i.type, i.data, i.title)}`, `  ${i.open}`]);
  return {
    subject: `${t("app.name")} — ${t("email.digestSubject", { count: items.length })}`,
    text: [
      t("email.greeting", { name: recipientName }),
      "",
      t("email.digestIntro"),
      "",
      ...lines,
      "",
      footer(t, links),
    ].join("\n"),
  };
}

/** The e-mail that activates a self sign-up: the link, and what to do when it was not asked for. */
export function signUpEmail(t: Translate, link: string): Email {
  return {
    subject: `${t("app.name")} — ${t("email.signUpSubject")}`,
    text: [t("email.signUpText"), link, "", t("email.signUpIgnore"), "", "—", t("email.accountFooter")].join("\n"),
  };
}

/**
 * To the owner of an address someone tried to sign up with: the page answered "check your mailbox"
 * whatever the address (docs/decisions/0021-account-enumeration.md), so the owner hears it here.
 */
export function signUpExistingEmail(t: Translate, recipientName: string, signInLink: string): Email {
  return {
    subject: `${t("app.name")} — ${t("email.signUpExistingSubject")}`,
    text: [
      t("email.greeting", { name: recipientName }),
      "",
      t("email.signUpExistingText"),
      "",
      `${t("email.signUpExistingSignIn")} ${signInLink}`,
      t("email.signUpExistingIgnore"),
      "",
      "—",
      t("email.accountFooter"),
    ].join("\n"),
  };
}

/** Digests go out from 7 a.m., Paris time (and "daily" means a Paris day: app/lib/time.ts parisDay). */
export function isDigestTime(date: Date): boolean {
  return parisHour(date) >= 7;
}

export const isLocaleCode = (value: string): value is Locale => value === "fr" || value === "en";
