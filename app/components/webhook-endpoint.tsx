// One registered webhook endpoint on /admin/webhooks: its state, its actions and its delivery log
// (docs/decisions/0027-job-queue-and-webhooks.md).
import { Form } from "@remix-run/react";
import { TableRegion } from "~/components/table-region.tsx";
import { formatDateTime, type MessageKey } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { RowAction } from "./row-action.tsx";

type Delivery = {
  id: string;
  eventType: string;
  createdAt: Date | string;
  attempts: number;
  deliveredAt: Date | string | null;
  failedAt: Date | string | null;
  last: { statusCode: number | null; durationMs: number; error: string | null } | null;
};

export type EndpointView = {
  id: string;
  url: string;
  description: string;
  events: string[];
  disabledAt: Date | string | null;
  owner: { displayName: string };
  space: { nameFr: string; nameEn: string } | null;
  deliveries: Delivery[];
};

function ActionButton({
  intent,
  endpointId,
  label,
  url,
}: {
  intent: string;
  endpointId: string;
  label: string;
  url: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <button type="submit" className="button--secondary">
        {label}
        <span className="visually-hidden"> — {url}</span>
      </button>
    </Form>
  );
}

export function WebhookEndpointCard({ endpoint }: { endpoint: EndpointView }) {
  const t = useT();
  const locale = useLocale();
  const eventName = (type: string) => t(`webhooks.event.${type}` as MessageKey);
  const headingId = `webhook-${endpoint.id}`;
  return (
    <article className="webhook-endpoint stack" aria-labelledby={headingId} data-testid="webhook-endpoint">
      <h3 id={headingId} className="break-anywhere">
        {endpoint.url}
      </h3>
      <p>
        <strong>{t(endpoint.disabledAt ? "webhooks.state.disabled" : "webhooks.state.active")}</strong>
        {" · "}
        {endpoint.space ? (locale === "fr" ? endpoint.space.nameFr : endpoint.space.nameEn) : t("webhooks.allSpaces")}
        {" · "}
        {t("webhooks.owner", { name: endpoint.owner.displayName })}
      </p>
      {endpoint.description ? <p>{endpoint.description}</p> : null}
      <p>{endpoint.events.map(eventName).join(", ")}</p>
      <div className="actions">
        <ActionButton intent="test" endpointId={endpoint.id} label={t("webhooks.sendTest")} url={endpoint.url} />
        {endpoint.disabledAt ? (
          <ActionButton intent="enable" endpointId={endpoint.id} label={t("webhooks.enable")} url={endpoint.url} />
        ) : null}
        <ActionButton intent="delete" endpointId={endpoint.id} label={t("webhooks.delete")} url={endpoint.url} />
      </div>
      {endpoint.deliveries.length === 0 ? (
        <p className="empty">{t("webhooks.noDeliveries")}</p>
      ) : (
        <TableRegion label={`${t("webhooks.deliveries")} — ${endpoint.url}`}>
          <table>
            <caption className="visually-hidden">
              {t("webhooks.deliveries")} — {endpoint.url}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("webhooks.col.event")}</th>
                <th scope="col">{t("webhooks.col.at")}</th>
                <th scope="col">{t("webhooks.col.attempts")}</th>
                <th scope="col">{t("webhooks.col.status")}</th>
                <th scope="col">{t("webhooks.col.duration")}</th>
                <th scope="col">{t("webhooks.col.state")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {endpoint.deliveries.map((d) => (
                <tr key={d.id} data-delivery={d.id}>
                  <th scope="row">{eventName(d.eventType)}</th>
                  <td>{formatDateTime(locale, d.createdAt)}</td>
                  <td>{d.attempts}</td>
                  <td title={d.last?.error ?? undefined}>{d.last?.statusCode ?? (d.last?.error ? "—" : "")}</td>
                  <td>{d.last ? t("webhooks.durationMs", { ms: d.last.durationMs }) : ""}</td>
                  <td>
                    {t(
                      d.deliveredAt
                        ? "webhooks.delivery.delivered"
                        : d.failedAt
                          ? "webhooks.delivery.failed"
                          : "webhooks.delivery.pending",
                    )}
                  </td>
                  <td>
                    <RowAction
                      intent="redeliver"
                      row={{ deliveryId: d.id }}
                      label={t("webhooks.redeliver")}
                      context={` — ${eventName(d.eventType)}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </article>
  );
}
