import { useRouteLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { relativeTime } from "~/lib/relative-time.ts";

/**
 * "il y a 5 minutes", told from the root loader's clock (so the server's page and the browser's first
 * render say the same), with the exact date and time in the element's machine-readable value.
 */
export function RelativeTime({ date }: { date: string }) {
  const locale = useLocale();
  const t = useT();
  const now = useRouteLoaderData<{ now?: number }>("root")?.now ?? Date.parse(date);
  return (
    <time dateTime={date} title={formatDateTime(locale, date)}>
      {relativeTime({ locale, date, now, justNow: t("date.relativeNow") })}
    </time>
  );
}
