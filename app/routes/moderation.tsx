// The moderation queue (moderators and admins): open flagged content, and the decisions on it.
// docs/decisions/0008-moderation.md
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { canModerate } from "~/auth/policy.ts";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { ModerationButton } from "~/components/moderation.tsx";
import { SchemaForm, useFormReply } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { getLocale } from "~/lib/locale.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, forbidden } from "~/lib/http.server.ts";
import { formatDate, metaTitle } from "~/lib/i18n.ts";
import { suspendUser, unsuspendUser } from "~/models/suspension.server.ts";
import { attempt } from "~/lib/rule-error.server.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { announce } from "~/realtime/announce.ts";
import { roomOf } from "~/realtime/events.ts";
import { useLive } from "~/realtime/use-live.ts";
import { WithUserText } from "~/components/user-text.tsx";
import {
  dismissFlags,
  hideContent,
  listModerationQueue,
  restoreContent,
  type QueueItem,
} from "~/models/moderation.server.ts";
import { HideSchema, ResolveSchema, SuspendSchema, UnsuspendSchema } from "~/models/moderation.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("moderation.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { items, spaces } = await listModerationQueue(user);
  return { items, spaceIds: spaces.map((s) => s.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canModerate(user)) forbidden(); // before reading the body
  const formData = await readForm(request);
  const back = "/moderation";
  switch (formData.get("intent")) {
    case "hide":
      return handleForm({
        formData,
        schema: HideSchema,
        formId: formIdOf(formData, "hide"),
        run: async (input) => {
          await hideContent({ user, ...input, language: getLocale(request) });
          return redirectWithFlash(back, { key: "moderation.done.hide" });
        },
      });
    case "restore":
    case "dismiss": {
      // One-button forms: a refusal (someone else decided first) comes back as an error flash.
      const restore = formData.get("intent") === "restore";
      const submission = parseWithZod(formData, { schema: ResolveSchema });
      if (submission.status !== "success") badRequest("Invalid target");
      const outcome = await attempt(() => (restore ? restoreContent : dismissFlags)({ user, ...submission.value }));
      if (!outcome.ok) return redirectWithFlash(back, { key: outcome.error.key, kind: "error" });
      return redirectWithFlash(back, { key: restore ? "moderation.done.restore" : "moderation.done.dismiss" });
    }
    case "suspend":
      return handleForm({
        formData,
        schema: SuspendSchema,
        formId: formIdOf(formData, "suspend"),
        run: async (input) => {
          const person = await suspendUser({ user, ...input, language: getLocale(request) });
          return redirectWithFlash(back, { key: "moderation.done.suspend", params: { name: person.displayName } });
        },
      });
    case "unsuspend": {
      const submission = parseWithZod(formData, { schema: UnsuspendSchema });
      if (submission.status !== "success") badRequest("Invalid user");
      const outcome = await attempt(() => unsuspendUser({ user, ...submission.value }));
      if (!outcome.ok) return redirectWithFlash(back, { key: outcome.error.key, kind: "error" });
      return redirectWithFlash(back, { key: "moderation.done.unsuspend", params: { name: outcome.value.displayName } });
    }
    default:
      badRequest("Unknown intent");
  }
}

export default function ModerationQueue() {
  const { items, spaceIds } = useLoaderData<typeof loader>();
  const t = useT();
  // Live: a new flag or another moderator's decision reloads the queue (moderation rooms are moderators-only).
  useLive({
    rooms: spaceIds.map((id) => roomOf.moderation(id)),
    onEvent: (event, { revalidate }) => {
      if (event.name === "moderation:queue" || event.name === "idea:moderated") {
        revalidate();
        if (event.name === "moderation:queue") announce(t("live.queueUpdated"));
      }
    },
  });
  return (
    <section>
      <h1>{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      <h2 id="queue-title">{t("moderation.queue")}</h2>
      {items.length === 0 ? (
        <p className="empty">{t("moderation.empty")}</p>
      ) : (
        <ol className="moderation-list" aria-labelledby="queue-title">
          {items.map((item) => (
            <li key={item.targetId}>
              <QueueEntry item={item} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function QueueEntry({ item }: { item: QueueItem }) {
  const t = useT();
  const locale = useLocale();
  const headingId = `signalement-${item.targetId}`;
  const link =
    item.target === "comment" ? `/idees/${item.idea.id}#commentaire-${item.targetId}` : `/idees/${item.idea.id}`;
  const status = item.hidden
    ? item.hidden.kind === "PENDING_REVIEW"
      ? t("moderation.statusPending")
      : t("moderation.statusHidden")
    : t("moderation.statusVisible");
  const hidden = { target: item.target, targetId: item.targetId };
  // A refused hide or suspension opens its form again, to show why.
  const hideRefused = useFormReply(`hide-${item.targetId}`) !== undefined;
  const suspendRefused = useFormReply(`suspend-${item.targetId}`) !== undefined;
  return (
    <article className="moderation-item" aria-labelledby={headingId} data-testid={`queue-${item.targetId}`}>
      <h3 id={headingId}>
        {item.target === "comment" ? (
          <WithUserText
            text={(title) => t("moderation.targetComment", { title })}
            value={item.idea.title}
            lang={item.idea.language}
          />
        ) : (
          <>
            {t("moderation.targetIdea")} — <span lang={item.idea.language}>{item.idea.title}</span>
          </>
        )}
      </h3>
      <p className="meta">
        {t("moderation.by", { name: item.author.displayName })}
        {item.author.suspended ? (
          <>
            {" "}
            · <strong>{t("moderation.suspended")}</strong>
          </>
        ) : null}{" "}
        · {locale === "fr" ? item.idea.space.nameFr : item.idea.space.nameEn} ·{" "}
        <strong data-testid="flag-count">{t("moderation.flagCount", { count: item.flagCount })}</strong> ·{" "}
        {t("moderation.since", { date: formatDate(locale, item.firstFlaggedAt) })} ·{" "}
        <span data-testid="status">{status}</span>
      </p>
      <blockquote lang={item.language}>{item.excerpt}</blockquote>
      <p>
        <Link to={link}>{t("moderation.view")}</Link>
      </p>
      <h4>{t("moderation.reasons")}</h4>
      <ul>
        {item.flags.map((flag, i) => (
          <li key={i}>
            {t(`moderation.reason.${flag.reason}`)}
            {flag.note ? <> — « {flag.note} »</> : null}
          </li>
        ))}
      </ul>
      <div className="moderation-item__actions">
        {item.hidden?.kind !== "MODERATOR" ? (
          <details open={hideRefused || undefined}>
            <summary>{t("moderation.hide")}</summary>
            <SchemaForm
              formId={`hide-${item.targetId}`}
              intent="hide"
              schema={HideSchema}
              submitLabel={t("moderation.hide")}
              hidden={hidden}
            >
              {(fields) => <Field field={fields.reason!} label={t("moderation.hideReason")} multiline rows={3} />}
            </SchemaForm>
          </details>
        ) : null}
        {item.hidden ? (
          <ModerationButton
            intent="restore"
            target={item.target}
            targetId={item.targetId}
            label={t("moderation.restore")}
          />
        ) : null}
        <ModerationButton
          intent="dismiss"
          target={item.target}
          targetId={item.targetId}
          label={t("moderation.dismiss")}
        />
        {item.author.canSuspend ? (
          item.author.suspended ? (
            <Form method="post">
              <input type="hidden" name="intent" value="unsuspend" />
              <input type="hidden" name="userId" value={item.author.id} />
              <button type="submit" className="button--secondary">
                {t("moderation.unsuspend")} ({item.author.displayName})
              </button>
            </Form>
          ) : (
            <details open={suspendRefused || undefined}>
              <summary>
                {t("moderation.suspend")} ({item.author.displayName})
              </summary>
              <SchemaForm
                formId={`suspend-${item.targetId}`}
                intent="suspend"
                schema={SuspendSchema}
                submitLabel={t("moderation.suspend")}
                hidden={{ userId: item.author.id }}
              >
                {(fields) => <Field field={fields.reason!} label={t("moderation.suspendReason")} multiline rows={3} />}
              </SchemaForm>
            </details>
          )
        ) : null}
      </div>
    </article>
  );
}
