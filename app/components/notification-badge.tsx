// The header's link to the notifications, with the unread count (docs/decisions/0031). It listens to
// the person's own room (joined by the server on connection, on whichever process serves the socket;
// the adapter carries `notification:new` there from the process that wrote it) and reloads the page's
// loaders when one arrives: the root loader's count and, on /notifications, the list — both read
// through the policy. Without JavaScript it is a link with the count of the page load.
import { useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/lib/i18n-react.ts";
import { useLive } from "~/realtime/use-live.ts";
import { PathLink } from "./path-link.tsx";

const NO_ROOMS: readonly never[] = [];

export function NotificationBadge() {
  const t = useT();
  const root = useRouteLoaderData("root") as { unreadNotifications?: number } | undefined;
  useLive({
    rooms: NO_ROOMS,
    onEvent: (event, { revalidate }) => {
      if (event.name === "notification:new") revalidate();
    },
  });
  const count = root?.unreadNotifications ?? 0;
  return (
    <PathLink to="/notifications" data-testid="notifications-link" className="notification-badge">
      {t("nav.notifications", { count })}
    </PathLink>
  );
}
