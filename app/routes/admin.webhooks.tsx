// Webhooks (docs/decisions/0027-job-queue-and-webhooks.md): admins register endpoints (URL, events,
// one space or all), see the signing secret once, read each endpoint's delivery log, send a test event,
// redeliver, enable again or delete.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { canManageWebhooks } from "~/auth/policy.ts";
import { requireUser, toViewer } from "~/auth/session.server.ts";
import { Field, FieldErrors, FormErrors } from "~/components/form.tsx";
import { SecretOnce } from "~/components/shown-once.tsx";
import { WebhookEndpointCard } from "~/components/webhook-endpoint.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { forbidden } from "~/models/errors.ts";
import { listAllSpaces } from "~/models/space.server.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  listWebhookEndpoints,
  redeliverWebhook,
  sendTestEvent,
} from "~/models/webhook.server.ts";
import {
  WEBHOOK_EVENTS,
  WebhookDeliveryIdSchema,
  WebhookEndpointIdSchema,
  WebhookEndpointSchema,
} from "~/models/webhook.ts";
import { useSchemaForm } from "~/lib/use-schema-form.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("webhooks.pageTitle"));

const PAGE = "/admin/webhooks";

async function requireWebhookAdmin(request: Request) {
  const viewer = toViewer(await requireUser(request));
  if (!canManageWebhooks(viewer)) forbidden();
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireWebhookAdmin(request);
  const [endpoints, spaces] = await Promise.all([listWebhookEndpoints(viewer), listAllSpaces()]);
  return { endpoints, spaces: spaces.map((s) => ({ id: s.id, nameFr: s.nameFr, nameEn: s.nameEn })) };
}

/** The id a button's form carries, or a 400. */
function idOf<T>(formData: FormData, schema: Parameters<typeof parseWithZod>[1]["schema"], pick: (v: never) => T): T {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") badRequest("Invalid id");
  return pick(submission.value as never);
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireWebhookAdmin(request);
  const formData = await readForm(request);
  const endpointId = () => idOf(formData, WebhookEndpointIdSchema, (v: { endpointId: string }) => v.endpointId);
  switch (formData.get("intent")) {
    case "create": {
      const submission = parseWithZod(formData, { schema: WebhookEndpointSchema });
      if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
      const result = await attempt(() => createWebhookEndpoint({ viewer, input: submission.value }));
      if (!result.ok)
        return data({ result: submission.reply(ruleReply(result.error)), created: null }, { status: 400 });
      // The secret is shown in this answer only: never stored in a cookie, never shown again.
      return data({ result: submission.reply({ resetForm: true }), created: result.value });
    }
    case "test":
      await sendTestEvent({ viewer, endpointId: endpointId() });
      return redirectWithFlash(PAGE, { key: "webhooks.testQueued" });
    case "enable":
      await enableWebhookEndpoint({ viewer, endpointId: endpointId() });
      return redirectWithFlash(PAGE, { key: "webhooks.enabled" });
    case "delete":
      await deleteWebhookEndpoint({ viewer, endpointId: endpointId() });
      return redirectWithFlash(PAGE, { key: "webhooks.deleted" });
    case "redeliver": {
      const deliveryId = idOf(formData, WebhookDeliveryIdSchema, (v: { deliveryId: string }) => v.deliveryId);
      await redeliverWebhook({ viewer, deliveryId });
      return redirectWithFlash(PAGE, { key: "webhooks.redelivered" });
    }
    default:
      badRequest("Unknown intent");
  }
}

export default function AdminWebhooks() {
  const { endpoints } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <section>
      <h1>{t("webhooks.pageTitle")}</h1>
      <p>{t("webhooks.intro")}</p>
      {reply?.created ? (
        <SecretOnce
          title={t("webhooks.created")}
          note={t("webhooks.secretOnce")}
          secret={reply.created.secret}
          what={t("webhooks.secretWhat")}
          testId="webhook-secret"
        />
      ) : null}
      <h2>{t("webhooks.formTitle")}</h2>
      <EndpointForm />
      <h2>{t("webhooks.listTitle")}</h2>
      {endpoints.length === 0 ? <p className="empty">{t("webhooks.none")}</p> : null}
      {endpoints.map((endpoint) => (
        <WebhookEndpointCard key={endpoint.id} endpoint={endpoint} />
      ))}
    </section>
  );
}

function EndpointForm() {
  const t = useT();
  const locale = useLocale();
  const { spaces } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(WebhookEndpointSchema, {
    id: "webhook",
    lastResult: useActionData<typeof action>()?.result,
  });
  const eventsError = fields.events.errors?.length ? fields.events.errorId : undefined;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="create" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field field={fields.url} label={t("webhooks.url")} hint={t("webhooks.urlHint")} type="url" />
      <Field field={fields.description} label={t("webhooks.description")} />
      <fieldset className="field" aria-describedby={eventsError} aria-invalid={eventsError ? true : undefined}>
        <legend>{t("webhooks.events")}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <p key={event} className="checkbox">
            <input type="checkbox" id={`event-${event}`} name={fields.events.name} value={event} />
            <label htmlFor={`event-${event}`}>{t(`webhooks.event.${event}`)}</label>
          </p>
        ))}
        <FieldErrors id={fields.events.errorId} errors={fields.events.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.spaceId.id}>{t("webhooks.space")}</label>
        <select id={fields.spaceId.id} name={fields.spaceId.name} defaultValue="">
          <option value="">{t("webhooks.allSpaces")}</option>
          {spaces.map((space) => (
            <option key={space.id} value={space.id}>
              {locale === "fr" ? space.nameFr : space.nameEn}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.spaceId.errorId} errors={fields.spaceId.errors} />
      </div>
      <div className="actions">
        <button type="submit">{t("webhooks.submit")}</button>
      </div>
    </Form>
  );
}
