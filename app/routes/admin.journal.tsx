import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin, toViewer } from "~/auth/session.server.ts";
import { formatDateTime, metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { listAuditLog } from "~/models/audit.server.ts";
import { AUDIT_ACTIONS, isAuditAction } from "~/models/audit.ts";
import { isValidDay } from "~/models/pilot.ts";
import { queryText } from "~/lib/validation.ts";
import { TableRegion } from "~/components/table-region.tsx";
import { auditSentence } from "~/models/audit-sentence.ts";
import { WithUserText } from "~/components/user-text.tsx";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("audit.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const action = params.get("action");
  const day = (name: string) => {
    const value = params.get(name);
    return value && isValidDay(value) ? value : null;
  };
  const filters = {
    action: isAuditAction(action) ? action : null,
    actor: queryText(params.get("auteur")),
    from: day("du"),
    to: day("au"),
  };
  const page = await listAuditLog({ viewer: toViewer(admin), filters, cursor: params.get("apres") });
  return { filters, ...page };
}

/**
 * What the entry did, in a sentence (app/models/audit-sentence.ts). A note, a reason or a KPI's name is user
 * content, marked with the language the entry stored for it (docs/decisions/0037).
 */
function AuditDetails({ entry }: { entry: { action: string; before: unknown; after: unknown; language: string } }) {
  const t = useT();
  const { text, note, quoted } = auditSentence(t, entry);
  return (
    <>
      <p>
        {quoted === null ? (
          text
        ) : (
          <WithUserText
            text={(quote) => auditSentence(t, entry, { quote }).text}
            value={quoted}
            lang={entry.language}
          />
        )}
      </p>
      {note ? (
        <p className="meta">
          {t("audit.says.note")} <q lang={entry.language}>{note}</q>
        </p>
      ) : null}
    </>
  );
}

export default function AuditJournal() {
  const { filters, entries, nextCursor } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const query = new URLSearchParams(
    Object.entries({
      action: filters.action ?? "",
      auteur: filters.actor,
      du: filters.from ?? "",
      au: filters.to ?? "",
    }).filter(([, v]) => v),
  );
  const filtered = query.toString();
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="inline-form audit-filters" aria-label={t("audit.filters")}>
        <label htmlFor="audit-action">{t("audit.action")}</label>
        <select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
          <option value="">{t("audit.allActions")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.action.${a}`)}
            </option>
          ))}
        </select>
        <label htmlFor="audit-actor">{t("audit.actor")}</label>
        <input id="audit-actor" type="search" name="auteur" defaultValue={filters.actor} maxLength={100} />
        <label htmlFor="audit-from">{t("audit.from")}</label>
        <input id="audit-from" type="date" name="du" defaultValue={filters.from ?? ""} />
        <label htmlFor="audit-to">{t("audit.to")}</label>
        <input id="audit-to" type="date" name="au" defaultValue={filters.to ?? ""} />
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <TableRegion label={t("audit.title")}>
          <table className="audit-table">
            <caption className="visually-hidden">{t("audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actorColumn")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.target")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td>
                    <time dateTime={e.createdAt}>{formatDateTime(locale, e.createdAt)}</time>
                  </td>
                  <td>{e.actor ? `${e.actor.displayName} (${e.actor.email})` : t("audit.system")}</td>
                  <td>{isAuditAction(e.action) ? t(`audit.action.${e.action}`) : e.action}</td>
                  <td>
                    {e.targetType === "idea" && e.targetLabel ? (
                      <Link to={`/idees/${e.targetId}`} lang={e.targetLanguage}>
                        {e.targetLabel}
                      </Link>
                    ) : (
                      (e.targetLabel ?? `${e.targetType} ${e.targetId}`)
                    )}
                  </td>
                  <td>
                    <AuditDetails entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <nav className="pager" aria-label={t("space.pager")}>
        {nextCursor ? (
          <Link to={`?${filtered ? `${filtered}&` : ""}apres=${encodeURIComponent(nextCursor)}`} rel="next">
            {t("audit.next")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
