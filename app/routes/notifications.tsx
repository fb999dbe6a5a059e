import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { formatDate, type MessageKey } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { listNotifications, markNotificationsRead } from "~/models/notification.server.ts";

export const meta: MetaFunction = () => [{ title: "Notifications — Idées" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  switch (formData.get("intent")) {
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
  return (n: Item) => {
    const title = n.idea?.title ?? "";
    switch (n.type) {
      case "idea.stage":
        return t("notification.stage", { title, stage: t(`stage.${String(n.data.to)}` as MessageKey) });
      case "idea.answer":
        return t(n.data.updated ? "notification.answerUpdated" : "notification.answer", { title });
      case "pilot.decision":
        return t("notification.decision", { title });
      case "evaluation.assigned":
        return t("notification.evaluation", { title });
      case "moderation.hidden": {
        const comment = n.data.target === "comment";
        if (n.data.pending) return t(comment ? "notification.hiddenPendingComment" : "notification.hiddenPendingIdea", { title });
        return t(comment ? "notification.hiddenComment" : "notification.hiddenIdea", { title, reason: String(n.data.reason ?? "") });
      }
      case "moderation.restored":
        return t(n.data.target === "comment" ? "notification.restoredComment" : "notification.restoredIdea", { title });
    }
  };
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
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
                {n.idea ? <Link to={n.type === "evaluation.assigned" ? `/idees/${n.idea.id}/evaluation` : `/idees/${n.idea.id}`}>{text(n)}</Link> : text(n)}
              </p>
              <p className="meta">
                <time dateTime={n.createdAt}>{formatDate(locale, n.createdAt)}</time>
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
    </section>
  );
}
