import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { z } from "zod";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getEmailPreferences, setEmailPreferences } from "~/models/email.server.ts";
import { WithUserText } from "~/components/user-text.tsx";
import { listNotifications, markNotificationsRead } from "~/models/notification.server.ts";
import {
  isNotificationTypeOffered,
  EMAIL_MODES,
  NOTIFICATION_TYPES,
  notificationPath,
  notificationText,
  type NotificationType,
} from "~/models/notification.ts";
import { readForm } from "~/lib/form.server.ts";
import { RelativeTime } from "~/components/relative-time.tsx";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("notifications.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [notifications, preferences] = await Promise.all([listNotifications(user), getEmailPreferences(user)]);
  return {
    notifications,
    preferences,
    offered: NOTIFICATION_TYPES.filter((type) => isNotificationTypeOffered(type, user)),
  };
}

/**
 * Each type sent gets one of the modes; the selects cannot send anything else unless tampered with. A type
 * the form does not send keeps its mode: some are offered by role only (admins' webhook alerts, managers'
 * overdue reminders), and a form loaded before a new type existed must still save.
 */
const Mode = z.enum(EMAIL_MODES);
const PreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, Mode.optional()])) as {
    [K in NotificationType]: z.ZodOptional<typeof Mode>;
  },
);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "preferences": {
      const parsed = PreferencesSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success)
        badRequest(`Invalid e-mail preference: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
      await setEmailPreferences(user, parsed.data);
      return redirectWithFlash("/notifications#preferences", { key: "preferences.saved" });
    }
    case "read-all":
      await markNotificationsRead({ user, ids: "all" });
      return redirectWithFlash("/notifications", { key: "notifications.marked" });
    case "read": {
      const id = String(formData.get("id") ?? "");
      if (!/^\d{1,19}$/.test(id)) badRequest("Invalid notification");
      await markNotificationsRead({ user, ids: [id] });
      return redirectWithFlash("/notifications", { key: "notifications.marked" });
    }
    default:
      badRequest("Unknown intent");
  }
}

type Item = Awaited<ReturnType<typeof loader>>["notifications"][number];

function useNotificationText() {
  const t = useT();
  // The idea's title keeps the language it was written in (docs/decisions/0029).
  return (n: Item) =>
    n.idea ? (
      <WithUserText
        text={(title) => notificationText(t, n.type, n.data, title)}
        value={n.idea.title}
        lang={n.idea.language}
      />
    ) : (
      notificationText(t, n.type, n.data, "")
    );
}

export default function Notifications() {
  const { notifications, preferences, offered } = useLoaderData<typeof loader>();
  const t = useT();
  const text = useNotificationText();
  const unread = notifications.some((n) => !n.read);
  return (
    <section className="narrow">
      <div className="page-head">
        <h1>{t("notifications.title")}</h1>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button--secondary">
              {t("notifications.markAll")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="empty">{t("notifications.empty")}</p>
      ) : (
        <ol className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification notification--unread"}>
              <p>
                {n.read ? null : <strong className="badge">{t("notifications.unread")}</strong>}{" "}
                {n.idea ? (
                  <Link
                    to={n.type === "evaluation.assigned" ? `/idees/${n.idea.id}/evaluation` : `/idees/${n.idea.id}`}
                  >
                    {text(n)}
                  </Link>
                ) : n.type === "commitment.overdue" ? (
                  <Link to={notificationPath(n.type, n.data, null)}>{text(n)}</Link>
                ) : (
                  text(n)
                )}
              </p>
              <p className="meta">
                <RelativeTime date={n.createdAt} />
              </p>
              {n.read ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link-button">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      <section id="preferences" aria-labelledby="preferences-title" className="preferences">
        <h2 id="preferences-title">{t("preferences.title")}</h2>
        <p>{t("preferences.intro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="preferences" />
          {offered.map((type) => (
            <p key={type} className="field field--inline">
              <label htmlFor={`pref-${type}`}>{t(`preferences.type.${type}`)}</label>
              <select id={`pref-${type}`} name={type} defaultValue={preferences[type]}>
                {EMAIL_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`preferences.mode.${mode}`)}
                  </option>
                ))}
              </select>
            </p>
          ))}
          <button type="submit">{t("preferences.save")}</button>
        </Form>
      </section>
    </section>
  );
}
