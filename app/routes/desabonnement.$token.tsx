// One-click unsubscribe from the links in e-mails. GET only shows what will happen (link scanners
// and prefetchers must not unsubscribe anyone); POST does it — from the page's button, or from a mail
// client per RFC 8058 ("List-Unsubscribe=One-Click", no Origin: server.ts lets this path through).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { findUnsubscribeTarget, unsubscribe } from "~/models/email.server.ts";
import { isNotificationType, type NotificationType } from "~/models/notification.ts";
import { readForm } from "~/lib/form.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("unsubscribe.title"));

function target(request: Request): NotificationType | "all" {
  const type = new URL(request.url).searchParams.get("type") ?? "";
  return isNotificationType(type) ? type : "all";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!(await findUnsubscribeTarget(params.token ?? ""))) notFound();
  return { type: target(request) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request); // the page's button sends nothing, a mail client "List-Unsubscribe=One-Click"
  if (!(await unsubscribe(params.token ?? "", target(request)))) notFound();
  return { done: true };
}

export default function Unsubscribe() {
  const { type } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done === true;
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {done ? (
        <p role="status">{t("unsubscribe.done")}</p>
      ) : (
        <Form method="post">
          <p>
            {type === "all"
              ? t("unsubscribe.confirmAll")
              : t("unsubscribe.confirmOne", { what: t(`preferences.type.${type}`) })}
          </p>
          <button type="submit">{t("unsubscribe.submit")}</button>
        </Form>
      )}
    </section>
  );
}
