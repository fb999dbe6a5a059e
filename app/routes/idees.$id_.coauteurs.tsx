// An idea's co-authors (docs/decisions/0035-hackathons.md): its author invites people by e-mail; an
// invitee accepts here. A hackathon project's co-authors are its team (its hackathon's page).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { PersonName } from "~/components/person-name.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { email } from "~/lib/validation.ts";
import { acceptCoauthorship, getCoauthorsPage, inviteCoauthor } from "~/models/coauthor.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data && t("coauthor.title", { title: data.idea.title }));

const InviteSchema = z.object({ email: email() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return getCoauthorsPage(await requireUser(request), params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  await getCoauthorsPage(user, ideaId); // 404 before reading the body
  const formData = await readForm(request);
  const back = `/idees/${ideaId}/coauteurs`;
  switch (formData.get("intent")) {
    case "invite":
      return handleForm({
        formData,
        schema: InviteSchema,
        formId: "invite",
        run: async ({ email }) => {
          await inviteCoauthor({ user, ideaId, email });
          return redirectWithFlash(back, { key: "coauthor.invited" });
        },
      });
    case "accept":
      await acceptCoauthorship({ user, ideaId });
      return redirectWithFlash(`/idees/${ideaId}`, { key: "coauthor.accepted" });
    default:
      badRequest("Unknown intent");
  }
}

export default function Coauthors() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={`/idees/${page.idea.id}`} lang={page.idea.language}>
          {page.idea.title}
        </Link>
      </p>
      <h1>{t("coauthor.heading")}</h1>
      <p>
        {t("coauthor.author")} <PersonName person={page.idea.author} />
      </p>
      {page.coauthors.length ? (
        <ul>
          {page.coauthors.map((p) => (
            <li key={p.id}>
              <PersonName person={p} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("coauthor.none")}</p>
      )}
      {page.invited.length ? (
        <>
          <h2>{t("coauthor.pending")}</h2>
          <ul>
            {page.invited.map((p) => (
              <li key={p.id}>
                <PersonName person={p} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {page.canAccept ? (
        <Form method="post">
          <input type="hidden" name="intent" value="accept" />
          <button type="submit">{t("coauthor.accept")}</button>
        </Form>
      ) : null}
      {page.canInvite ? (
        <SchemaForm formId="invite" intent="invite" schema={InviteSchema} submitLabel={t("coauthor.invite")}>
          {(fields) => (
            <Field field={fields.email!} label={t("coauthor.email")} hint={t("coauthor.inviteHint")} type="email" />
          )}
        </SchemaForm>
      ) : null}
    </section>
  );
}
